package org.northstar.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.medication.Evidence.Kind;
import org.northstar.medication.Evidence.Status;
import org.northstar.medication.MedicationLine.Decision;
import org.northstar.medication.ProportionOfDaysCovered.Stay;
import org.northstar.worklist.RefillGaps.RefillGap;

import static org.assertj.core.api.Assertions.assertThat;

/** Refill gaps for Today: from the fills the adherence measure counts. */
class RefillsTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	private static final RxNormCatalog CATALOG = new RxNormCatalog();

	private static final String SIMVASTATIN = "Simvastatin 10 MG Oral Tablet";

	@Test
	void aStatinLastFilledFortySevenDaysAgoForThirtyDaysIsEighteenDaysWithoutSupply() {
		List<Evidence> evidence = monthlyFills(SIMVASTATIN, "314231", 107, 77, 47);

		assertThat(Refills.gaps(evidence, List.of(), Map.of(), TODAY, 7)).singleElement().satisfies(gap -> {
			assertThat(gap.medicineClass()).isEqualTo("statin");
			assertThat(gap.medicine()).isEqualTo(SIMVASTATIN);
			assertThat(gap.ranOutOn()).isEqualTo(TODAY.minusDays(17));
			assertThat(gap.days()).isEqualTo(18);
		});
	}

	@Test
	void aNewFillClearsTheGap() {
		List<Evidence> evidence = monthlyFills(SIMVASTATIN, "314231", 107, 77, 47);
		evidence.add(fill(SIMVASTATIN, "314231", TODAY.minusDays(1), 30));

		assertThat(Refills.gaps(evidence, List.of(), Map.of(), TODAY, 7)).isEmpty();
	}

	@Test
	void daysInHospitalAreNotCountedAndTheSupplyAtHomeLastsPastThem() {
		List<Evidence> evidence = monthlyFills(SIMVASTATIN, "314231", 107, 77, 47);
		// Ten days in hospital while the last supply was at home: it lasts ten days more,
		// so the gap is 8 days, not 18.
		List<Stay> stay = List.of(new Stay(TODAY.minusDays(40), TODAY.minusDays(31)));

		List<RefillGap> gaps = Refills.gaps(evidence, stay, Map.of(), TODAY, 7);

		assertThat(gaps).singleElement().satisfies(gap -> {
			assertThat(gap.days()).isEqualTo(8);
			assertThat(gap.ranOutOn()).isEqualTo(TODAY.minusDays(7));
		});
		// A stay after the supply ran out: those days are not counted either.
		List<Stay> after = List.of(new Stay(TODAY.minusDays(12), TODAY.minusDays(3)));
		assertThat(Refills.gaps(evidence, after, Map.of(), TODAY, 7)).singleElement()
			.satisfies(gap -> assertThat(gap.days()).isEqualTo(8));
		// In hospital today: nothing to chase.
		List<Stay> now = List.of(new Stay(TODAY.minusDays(2), TODAY));
		assertThat(Refills.gaps(evidence, now, Map.of(), TODAY, 7)).isEmpty();
	}

	@Test
	void aShortGapAMedicineTakenAsNeededAndAStoppedMedicineAreNotChased() {
		assertThat(Refills.gaps(monthlyFills(SIMVASTATIN, "314231", 65, 35), List.of(), Map.of(), TODAY, 7)).isEmpty();
		assertThat(Refills.gaps(monthlyFills("Ibuprofen 400 MG Oral Tablet", "197806", 107, 77, 47), List.of(),
				Map.of(), TODAY, 7))
			.isEmpty();

		List<Evidence> stoppedByPrescriber = monthlyFills(SIMVASTATIN, "314231", 107, 77, 47);
		stoppedByPrescriber.add(order(SIMVASTATIN, "314231", Status.STOPPED, TODAY.minusDays(20)));
		assertThat(Refills.gaps(stoppedByPrescriber, List.of(), Map.of(), TODAY, 7)).isEmpty();

		List<Evidence> stillOrderedElsewhere = new ArrayList<>(stoppedByPrescriber);
		stillOrderedElsewhere.add(new Evidence(UUID.randomUUID(), Kind.ORDER, "clinic",
				CATALOG.concept("314231", SIMVASTATIN), SIMVASTATIN, Status.ACTIVE, TODAY.minusDays(200), null, null,
				null, null, List.of(), null, null, Instant.EPOCH));
		assertThat(Refills.gaps(stillOrderedElsewhere, List.of(), Map.of(), TODAY, 7)).hasSize(1);

		Decision noLongerTakes = new Decision(Reconciliation.Verdict.STOPPED, null, "muscle aches", "Ana",
				TODAY.minusDays(10));
		assertThat(Refills.gaps(monthlyFills(SIMVASTATIN, "314231", 107, 77, 47), List.of(),
				Map.of(CATALOG.concept("314231", SIMVASTATIN).key(), noLongerTakes), TODAY, 7))
			.isEmpty();
	}

	@Test
	void aSwitchWithinTheClassIsCoveredByTheNewMedicine() {
		List<Evidence> evidence = monthlyFills(SIMVASTATIN, "314231", 107, 77, 47);
		evidence.add(fill("atorvastatin 20 MG Oral Tablet", "617310", TODAY.minusDays(20), 30));

		assertThat(Refills.gaps(evidence, List.of(), Map.of(), TODAY, 7)).isEmpty();
	}

	private static List<Evidence> monthlyFills(String name, String rxcui, int... daysAgo) {
		List<Evidence> fills = new ArrayList<>();
		for (int ago : daysAgo) {
			fills.add(fill(name, rxcui, TODAY.minusDays(ago), null));
		}
		return fills;
	}

	private static Evidence fill(String name, String rxcui, LocalDate day, Integer supply) {
		return new Evidence(UUID.randomUUID(), Kind.CLAIM, "pharmacy", CATALOG.concept(rxcui, name), name,
				Status.FILLED, day, null, null, null, null, List.of(), null, supply, Instant.EPOCH);
	}

	private static Evidence order(String name, String rxcui, Status status, LocalDate day) {
		return new Evidence(UUID.randomUUID(), Kind.ORDER, "hospital", CATALOG.concept(rxcui, name), name, status, day,
				null, Prescriber.named("Dr. Lindqvist"), null, null, List.of(), null, null, Instant.EPOCH);
	}

}
