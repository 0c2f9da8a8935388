package org.northstar.medication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.medication.ClassAdherence.Gap;
import org.northstar.medication.ProportionOfDaysCovered.Fill;
import org.northstar.medication.ProportionOfDaysCovered.Stay;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden cases of the proportion of days covered, as issue 16 defines it. */
class ProportionOfDaysCoveredTests {

	private static final LocalDate DAY0 = LocalDate.of(2026, 1, 5);

	private static LocalDate day(int n) {
		return DAY0.plusDays(n);
	}

	private static Fill simvastatin(int day, int supply) {
		return new Fill("simvastatin", day(day), supply);
	}

	private static ClassAdherence statins(int lastDay, List<Stay> stays, Fill... fills) {
		return ProportionOfDaysCovered.of(DrugClass.STATIN, List.of(fills), stays, DAY0.minusDays(10), day(lastDay));
	}

	@Test
	void isAdherentAtExactlyEightyPercent() {
		ClassAdherence a = statins(99, List.of(), simvastatin(0, 40), simvastatin(40, 40));

		assertThat(a.daysInPeriod()).isEqualTo(100);
		assertThat(a.daysCovered()).isEqualTo(80);
		assertThat(a.pdc()).isEqualByComparingTo("0.80");
		assertThat(a.adherent()).isTrue();
	}

	@Test
	void isNotAdherentAtSeventyNinePointNinePercentAndDoesNotRoundUp() {
		ClassAdherence a = statins(999, List.of(), simvastatin(0, 400), simvastatin(400, 399));

		assertThat(a.daysInPeriod()).isEqualTo(1000);
		assertThat(a.daysCovered()).isEqualTo(799);
		assertThat(a.pdc()).isEqualByComparingTo("0.799");
		assertThat(a.adherent()).isFalse();
	}

	@Test
	void needsTheFirstFillNinetyOneDaysBeforeTheEnd() {
		ClassAdherence ninety = statins(90, List.of(), simvastatin(0, 30), simvastatin(30, 30));
		ClassAdherence ninetyOne = statins(91, List.of(), simvastatin(0, 30), simvastatin(30, 30));

		assertThat(ninety.pdc()).isNull();
		assertThat(ninety.adherent()).isNull();
		assertThat(ninety.reason()).contains("less than 91 days before");
		assertThat(ninetyOne.pdc()).isNotNull();
		assertThat(ninetyOne.daysInPeriod()).isEqualTo(92);
	}

	@Test
	void needsTwoFillsOnDifferentDays() {
		ClassAdherence one = statins(200, List.of(), simvastatin(0, 90));
		ClassAdherence sameDay = statins(200, List.of(), simvastatin(0, 90), new Fill("atorvastatin", day(0), 90));

		assertThat(one.pdc()).isNull();
		assertThat(one.reason()).startsWith("Fewer than two fills");
		assertThat(sameDay.pdc()).isNull();
	}

	@Test
	void shiftsAnOverlappingRefillOfTheSameMedicineForward() {
		ClassAdherence a = statins(99, List.of(), simvastatin(0, 30), simvastatin(20, 30));

		assertThat(a.daysCovered()).isEqualTo(60);
		assertThat(a.gaps()).containsExactly(new Gap(day(60), day(99)));
	}

	@Test
	void doesNotShiftASwitchToAnotherMedicineOfTheClass() {
		ClassAdherence a = statins(99, List.of(), simvastatin(0, 30), new Fill("atorvastatin", day(20), 30));

		assertThat(a.daysCovered()).isEqualTo(50);
		assertThat(a.gaps()).containsExactly(new Gap(day(50), day(99)));
	}

	@Test
	void leavesHospitalDaysOutAndKeepsTheSupplyAtHomeForAfterwards() {
		ClassAdherence a = statins(99, List.of(new Stay(day(10), day(19))), simvastatin(0, 30), simvastatin(30, 30));

		assertThat(a.hospitalDays()).isEqualTo(10);
		assertThat(a.daysInPeriod()).isEqualTo(90);
		// 10 days before the stay, 20 left after it, then the refill's 30 from day 40.
		assertThat(a.daysCovered()).isEqualTo(60);
		assertThat(a.pdc()).isEqualByComparingTo("0.6666");
		assertThat(a.gaps()).containsExactly(new Gap(day(70), day(99)));
	}

	@Test
	void countsTwoFillsOfOneMedicineOnOneDayOnceWithTheLongestSupply() {
		ClassAdherence a = statins(99, List.of(), simvastatin(0, 30), simvastatin(0, 60), simvastatin(60, 40));

		assertThat(a.fills()).isEqualTo(2);
		assertThat(a.daysCovered()).isEqualTo(100);
		assertThat(a.pdc()).isEqualByComparingTo(BigDecimal.ONE);
	}

	@Test
	void ignoresFillsOutsideThePeriodAndAssumesThirtyDaysWhenNotSaid() {
		ClassAdherence a = ProportionOfDaysCovered.of(DrugClass.STATIN, List.of(simvastatin(-100, 90),
				new Fill("simvastatin", day(0), null), new Fill("simvastatin", day(30), null)), List.of(), DAY0,
				day(99));

		assertThat(a.firstFill()).isEqualTo(day(0));
		assertThat(a.assumedSupply()).isEqualTo(2);
		assertThat(a.daysCovered()).isEqualTo(60);
	}

	@Test
	void holdsAntiretroviralsToNinetyPercent() {
		List<Fill> fills = List.of(new Fill("dolutegravir", day(0), 50), new Fill("dolutegravir", day(50), 35));

		ClassAdherence antiretroviral = ProportionOfDaysCovered.of(DrugClass.ANTIRETROVIRAL, fills, List.of(), DAY0,
				day(99));
		ClassAdherence statin = ProportionOfDaysCovered.of(DrugClass.STATIN, fills, List.of(), DAY0, day(99));

		assertThat(antiretroviral.pdc()).isEqualByComparingTo("0.85");
		assertThat(antiretroviral.adherent()).isFalse();
		assertThat(statin.adherent()).isTrue();
	}

}
