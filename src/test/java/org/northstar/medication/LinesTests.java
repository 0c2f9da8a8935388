package org.northstar.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.medication.Evidence.Kind;
import org.northstar.medication.Evidence.Status;
import org.northstar.medication.MedicationChange;
import org.northstar.medication.MedicationLine.Flag;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping what every source says into one line per medicine, and the flags. */
class LinesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	private static final RxNormCatalog CATALOG = new RxNormCatalog();

	private static Evidence order(String source, String rxcui, String name, Status status, String day,
			String prescriber) {
		return new Evidence(UUID.randomUUID(), Kind.ORDER, source, CATALOG.concept(rxcui, name), name, status,
				LocalDate.parse(day), null, prescriber == null ? null : Prescriber.named(prescriber), null, null,
				List.of(), null, null, Instant.EPOCH);
	}

	private static Evidence order(String source, String rxcui, String name, Status status, String day,
			Prescriber prescriber) {
		return new Evidence(UUID.randomUUID(), Kind.ORDER, source, CATALOG.concept(rxcui, name), name, status,
				LocalDate.parse(day), null, prescriber, null, null, List.of(), null, null, Instant.EPOCH);
	}

	private static Evidence claim(String source, String rxcui, String name, String day) {
		return new Evidence(UUID.randomUUID(), Kind.CLAIM, source, CATALOG.concept(rxcui, name), name, Status.FILLED,
				LocalDate.parse(day), null, null, null, null, List.of(), null, 30, Instant.EPOCH);
	}

	private static List<MedicationLine> lines(Evidence... evidence) {
		return Lines.of(List.of(evidence), PrescribersSeen.none(), Map.of(), TODAY);
	}

	@Test
	void groupsABrandAndItsGenericFromTwoSourcesAsOneLine() {
		List<MedicationLine> lines = lines(
				order("clinic", "209387", "Acetaminophen 325 MG Oral Tablet [Tylenol]", Status.ACTIVE, "2026-11-01",
						"Dr. A"),
				order("hospital", null, "acetaminophen 325 MG Oral Tablet", Status.ACTIVE, "2026-10-01", "Dr. A"));

		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).sources()).extracting(MedicationLine.Source::source)
			.containsExactlyInAnyOrder("clinic", "hospital");
		assertThat(lines.get(0).flags()).isEmpty();
	}

	@Test
	void readsIngredientsAndStrengthsFromRxNormNamesInAnyOrder() {
		DrugConcept a = CATALOG.concept(null, "Oxycodone Hydrochloride 10 MG / Acetaminophen 325 MG Oral Tablet");
		DrugConcept b = CATALOG.concept("1049625", "whatever the source called it");

		assertThat(a.key()).isEqualTo(b.key());
		assertThat(a.drugClass()).isEqualTo(DrugClass.OPIOID);
		assertThat(CATALOG.concept(null, "24 HR metoprolol succinate 50 MG Extended Release Oral Tablet").key())
			.isEqualTo("metoprolol succinate|50 MG");
	}

	@Test
	void flagsOneMedicineOrderedByTwoPrescribers() {
		List<MedicationLine> lines = lines(
				order("clinic", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("cardiology", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-10-01", "Dr. B"));

		assertThat(lines).singleElement()
			.satisfies(l -> assertThat(l.flagged(Flag.Kind.DUPLICATE_PRESCRIBERS)).isTrue());
	}

	@Test
	void flagsTwoStrengthsOfOneIngredientBothActiveButNotADoseChange() {
		List<MedicationLine> both = lines(
				order("clinic", "310429", "furosemide 20 MG Oral Tablet", Status.ACTIVE, "2026-10-06", "Dr. A"),
				order("cardiology", "313988", "furosemide 40 MG Oral Tablet", Status.ACTIVE, "2026-11-18", "Dr. B"));
		List<MedicationLine> changed = lines(
				order("clinic", "310429", "furosemide 20 MG Oral Tablet", Status.STOPPED, "2026-10-06", "Dr. A"),
				order("clinic", "313988", "furosemide 40 MG Oral Tablet", Status.ACTIVE, "2026-11-18", "Dr. B"));

		assertThat(both).allSatisfy(l -> assertThat(l.flagged(Flag.Kind.TWO_STRENGTHS)).isTrue());
		assertThat(changed).noneSatisfy(l -> assertThat(l.flagged(Flag.Kind.TWO_STRENGTHS)).isTrue());
		assertThat(changed.get(0).active()).isTrue();
		assertThat(changed.get(1).active()).isFalse();
	}

	@Test
	void flagsTwoStatinsAndAnAceInhibitorWithAnArbButNotTwoClassesThatGoTogether() {
		List<MedicationLine> lines = lines(
				order("clinic", "314231", "Simvastatin 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("clinic", "617310", "atorvastatin 20 MG Oral Tablet", Status.ACTIVE, "2026-11-02", "Dr. A"),
				order("clinic", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("clinic", null, "losartan potassium 50 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("clinic", "310798", "Hydrochlorothiazide 25 MG Oral Tablet", Status.ACTIVE, "2026-11-01",
						"Dr. A"),
				order("clinic", "313988", "furosemide 40 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"));

		assertThat(lines).filteredOn(l -> l.flagged(Flag.Kind.SAME_CLASS))
			.extracting(MedicationLine::display)
			.containsExactlyInAnyOrder("Simvastatin 10 MG Oral Tablet", "atorvastatin 20 MG Oral Tablet",
					"lisinopril 10 MG Oral Tablet", "losartan potassium 50 MG Oral Tablet");
	}

	@Test
	void flagsAMedicineStoppedInOneSourceAndActiveInAnother() {
		List<MedicationLine> lines = lines(
				order("hospital", "314231", "Simvastatin 10 MG Oral Tablet", Status.STOPPED, "2026-11-10", "Dr. A"),
				order("clinic", "314231", "Simvastatin 10 MG Oral Tablet", Status.ACTIVE, "2026-06-01", "Dr. B"));

		assertThat(lines).singleElement().satisfies(l -> {
			assertThat(l.active()).isTrue();
			assertThat(l.flags()).extracting(Flag::text).contains("Stopped at hospital, active at clinic");
		});
	}

	@Test
	void flagsAMedicineNoPrescriberHasSeenInTwelveMonths() {
		Evidence old = order("clinic", "314231", "Simvastatin 10 MG Oral Tablet", Status.ACTIVE, "2025-10-01", "Dr. A");

		List<MedicationLine> unseen = Lines.of(List.of(old),
				PrescribersSeen.none().seen(Prescriber.named("Dr. A"), LocalDate.parse("2025-11-29")), Map.of(), TODAY);
		List<MedicationLine> seen = Lines.of(List.of(old),
				PrescribersSeen.none().seen(Prescriber.named("Dr. A"), LocalDate.parse("2025-12-01")), Map.of(), TODAY);

		assertThat(unseen.get(0).flagged(Flag.Kind.NO_PRESCRIBER_SEEN)).isTrue();
		assertThat(seen.get(0).flagged(Flag.Kind.NO_PRESCRIBER_SEEN)).isFalse();
	}

	@Test
	void highlightsAnticoagulantsInsulinAndOpioids() {
		List<MedicationLine> lines = lines(
				order("clinic", "1364445", "apixaban 5 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("clinic", "106892",
						"insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]",
						Status.ACTIVE, "2026-11-01", "Dr. A"),
				order("clinic", "835603", "tramadol hydrochloride 50 MG Oral Tablet", Status.ACTIVE, "2026-11-01",
						"Dr. A"),
				order("clinic", "314231", "Simvastatin 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", "Dr. A"));

		assertThat(lines).filteredOn(MedicationLine::highRisk).hasSize(3);
		assertThat(lines.get(3).display()).startsWith("Simvastatin");
		assertThat(lines.get(0).flagged(Flag.Kind.HIGH_RISK)).isTrue();
	}

	@Test
	void keepsAMedicineOnlyFilledRecentlyActive() {
		List<MedicationLine> recent = lines(claim("pharmacy", "314231", "Simvastatin 10 MG Oral Tablet", "2026-11-01"));
		List<MedicationLine> old = lines(claim("pharmacy", "314231", "Simvastatin 10 MG Oral Tablet", "2026-08-01"));

		assertThat(recent.get(0).active()).isTrue();
		assertThat(old.get(0).active()).isFalse();
	}

	@Test
	void tellsTwoPrescribersOfTheSameNameApartByTheirNpiAndOneNpiWrittenTwoWaysIsOnePrescriber() {
		Prescriber smithOne = Prescriber.ofNpi("1111111112", "Dr. John Smith");
		Prescriber smithTwo = Prescriber.ofNpi("2222222228", "Dr. John Smith");
		Prescriber smithOneAgain = Prescriber.ofNpi("1111111112", "John Smith, MD");

		MedicationLine twoSmiths = lines(
				order("clinic", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", smithOne),
				order("hospital", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-10-01", smithTwo))
			.get(0);
		MedicationLine oneSmith = lines(
				order("clinic", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-11-01", smithOne),
				order("hospital", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2026-10-01", smithOneAgain))
			.get(0);

		assertThat(twoSmiths.flags()).filteredOn(f -> f.kind() == Flag.Kind.DUPLICATE_PRESCRIBERS)
			.singleElement()
			.satisfies(f -> assertThat(f.text()).isEqualTo(
					"Ordered by 2 prescribers: Dr. John Smith (NPI 1111111112), Dr. John Smith (NPI 2222222228)"));
		assertThat(twoSmiths.sources()).extracting(MedicationLine.Source::prescriber)
			.containsExactlyInAnyOrder("Dr. John Smith (NPI 1111111112)", "Dr. John Smith (NPI 2222222228)");
		assertThat(oneSmith.flagged(Flag.Kind.DUPLICATE_PRESCRIBERS)).isFalse();
		assertThat(oneSmith.prescribers()).containsExactly(smithOne);
	}

	@Test
	void aVisitToOnePrescriberDoesNotCountAsSeeingAnotherOfTheSameName() {
		Evidence old = order("clinic", "314076", "lisinopril 10 MG Oral Tablet", Status.ACTIVE, "2024-06-01",
				Prescriber.ofNpi("1111111112", "Dr. John Smith"));
		LocalDate lastMonth = TODAY.minusMonths(1);

		PrescribersSeen otherSmith = PrescribersSeen.none()
			.seen(Prescriber.ofNpi("2222222228", "Dr. John Smith"), lastMonth);
		PrescribersSeen sameSmith = PrescribersSeen.none()
			.seen(Prescriber.ofNpi("1111111112", "John Smith, MD"), lastMonth);
		PrescribersSeen nameOnly = PrescribersSeen.none().seen(Prescriber.named("Dr. John Smith"), lastMonth);

		assertThat(Lines.of(List.of(old), otherSmith, Map.of(), TODAY).get(0).flagged(Flag.Kind.NO_PRESCRIBER_SEEN))
			.isTrue();
		assertThat(Lines.of(List.of(old), sameSmith, Map.of(), TODAY).get(0).flagged(Flag.Kind.NO_PRESCRIBER_SEEN))
			.isFalse();
		// A visit that names no one but by name: the last resort.
		assertThat(Lines.of(List.of(old), nameOnly, Map.of(), TODAY).get(0).flagged(Flag.Kind.NO_PRESCRIBER_SEEN))
			.isFalse();
	}

	@Test
	void tellsADoseChangeWithItsReasonAndASwitchWithinAClass() {
		Evidence twenty = new Evidence(UUID.randomUUID(), Kind.ORDER, "clinic", CATALOG.concept("310429", null),
				"furosemide 20 MG Oral Tablet", Status.STOPPED, LocalDate.parse("2026-10-06"), null,
				Prescriber.named("Dr. Lindqvist"), null, "Dose increased by cardiology", List.of(), null, null,
				Instant.EPOCH);
		Evidence forty = new Evidence(UUID.randomUUID(), Kind.ORDER, "clinic", CATALOG.concept("313988", null),
				"furosemide 40 MG Oral Tablet", Status.ACTIVE, LocalDate.parse("2026-11-18"), null,
				Prescriber.named("Dr. Rahman"), "Weight gain 2 kg in one week with ankle edema", null, List.of(), null,
				null, Instant.EPOCH);
		Evidence simvastatin = order("clinic", "314231", "Simvastatin 10 MG Oral Tablet", Status.STOPPED, "2026-03-01",
				"Dr. A");
		Evidence atorvastatin = order("clinic", "617310", "atorvastatin 20 MG Oral Tablet", Status.ACTIVE, "2026-04-01",
				"Dr. A");

		List<MedicationChange> changes = Histories.of(List.of(twenty, forty, simvastatin, atorvastatin), List.of());

		assertThat(changes).filteredOn(c -> c.kind() == MedicationChange.Kind.DOSE_CHANGED)
			.singleElement()
			.satisfies(c -> {
				assertThat(c.from()).isEqualTo("20 mg");
				assertThat(c.to()).isEqualTo("40 mg");
				assertThat(c.date()).isEqualTo("2026-11-18");
				assertThat(c.prescriber()).isEqualTo("Dr. Rahman");
				assertThat(c.reason()).isEqualTo("Weight gain 2 kg in one week with ankle edema");
			});
		assertThat(changes).filteredOn(c -> c.kind() == MedicationChange.Kind.SWITCHED)
			.singleElement()
			.satisfies(c -> assertThat(c.from()).isEqualTo("Simvastatin 10 MG Oral Tablet"));
		assertThat(changes)
			.noneMatch(c -> c.kind() == MedicationChange.Kind.STOPPED && c.name().startsWith("furosemide"));
	}

	@Test
	void datesAnOldStopByTheStoppedOrderNotByTheDayItWasImported() {
		Evidence stopped = new Evidence(UUID.randomUUID(), Kind.ORDER, "clinic", CATALOG.concept("197379", null),
				"atenolol 100 MG Oral Tablet", Status.STOPPED, LocalDate.parse("2019-04-02"), null,
				Prescriber.named("Dr. A"), null, null, List.of(), null, null, Instant.parse("2026-11-30T12:00:00Z"));

		assertThat(Histories.of(List.of(stopped), List.of())).filteredOn(c -> c.kind() == MedicationChange.Kind.STOPPED)
			.singleElement()
			.satisfies(c -> assertThat(c.date()).isEqualTo("2019-04-02"));
	}

}
