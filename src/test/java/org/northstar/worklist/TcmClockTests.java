package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.worklist.TcmClock.Assessment;
import org.northstar.worklist.TcmClock.Complexity;
import org.northstar.worklist.TcmClock.Standing;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCM billing rules, on a discharge on Friday 20 November 2026. */
class TcmClockTests {

	static final LocalDate DISCHARGED = LocalDate.of(2026, 11, 20);

	static final LocalDate CONTACT_DUE = LocalDate.of(2026, 11, 24);

	static final UUID STAY = UUID.fromString("5e0c7f3a-0000-4000-8000-000000000001");

	static final Assessment HIGH = new Assessment(Complexity.HIGH, "dr.okafor", Instant.parse("2026-11-21T15:00:00Z"));

	static final Assessment MODERATE = new Assessment(Complexity.MODERATE, "dr.okafor",
			Instant.parse("2026-11-21T15:00:00Z"));

	@Test
	void periodIsTheDischargeDayAndTheTwentyNineDaysAfter() {
		TcmClock clock = discharge(HIGH).clockOn(DISCHARGED);

		assertThat(clock.endsOn()).isEqualTo(LocalDate.of(2026, 12, 19));
		assertThat(clock.daysLeft(DISCHARGED)).isEqualTo(30);
		assertThat(clock.daysLeft(LocalDate.of(2026, 12, 19))).isEqualTo(1);
		assertThat(clock.daysLeft(LocalDate.of(2026, 12, 20))).isZero();
	}

	@Test
	void bothCodesAreReachableUntilTheirVisitDeadlines() {
		TcmClock clock = discharge(HIGH).clockOn(LocalDate.of(2026, 11, 23));

		assertThat(clock.contact().standing()).isEqualTo(Standing.REACHABLE);
		assertThat(clock.contact().explanation()).isEqualTo("Contact by 24 Nov 2026 (1 day left).");
		assertThat(clock.code99496().explanation()).isEqualTo("Visit by 27 Nov 2026 (4 days left).");
		assertThat(clock.code99495().explanation()).isEqualTo("Visit by 4 Dec 2026 (11 days left).");
	}

	@Test
	void highComplexityWithAVisitInSevenDaysMeetsBothCodes() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, HIGH, null, null, null, CONTACT_DUE,
				DISCHARGED.plusDays(1), DISCHARGED.plusDays(7))
			.clockOn(LocalDate.of(2026, 12, 1));

		assertThat(clock.contact().standing()).isEqualTo(Standing.MET);
		assertThat(clock.code99496().standing()).isEqualTo(Standing.MET);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.MET);
	}

	@Test
	void aVisitOnDayTenLeavesOnly99495() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, HIGH, null, null, null, CONTACT_DUE, CONTACT_DUE,
				DISCHARGED.plusDays(10))
			.clockOn(LocalDate.of(2026, 12, 1));

		assertThat(clock.code99496().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.code99496().explanation()).isEqualTo("Visit on 30 Nov 2026, after the deadline 27 Nov 2026.");
		assertThat(clock.code99495().standing()).isEqualTo(Standing.MET);
	}

	@Test
	void moderateComplexityCannotBill99496() {
		TcmClock clock = discharge(MODERATE).clockOn(DISCHARGED);

		assertThat(clock.code99496().standing()).isEqualTo(Standing.NOT_BILLABLE);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.REACHABLE);
	}

	@Test
	void noContactWithinTwoBusinessDaysMissesBothCodes() {
		TcmClock clock = discharge(HIGH).clockOn(LocalDate.of(2026, 11, 25));

		assertThat(clock.contact().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.contact().explanation()).isEqualTo("No contact by 24 Nov 2026.");
		assertThat(clock.code99496().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.code99495().explanation()).contains("interactive contact within 2 business days");
	}

	@Test
	void aLateContactMissesBothCodesEvenWithATimelyVisit() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, HIGH, null, null, null, CONTACT_DUE,
				CONTACT_DUE.plusDays(1), DISCHARGED.plusDays(5))
			.clockOn(LocalDate.of(2026, 11, 30));

		assertThat(clock.contact().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.MISSED);
	}

	@Test
	void aDeathInThePeriodMakesTcmUnbillable() {
		LocalDate died = LocalDate.of(2026, 12, 2);
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, HIGH, null, null, died, CONTACT_DUE, CONTACT_DUE,
				DISCHARGED.plusDays(6))
			.clockOn(LocalDate.of(2026, 12, 3));

		assertThat(clock.code99496().standing()).isEqualTo(Standing.NOT_BILLABLE);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.NOT_BILLABLE);
		assertThat(clock.code99495().explanation()).contains("died on 2 Dec 2026").contains("E/M");
	}

	@Test
	void aReadmissionKeepsThePeriodAndIsNoted() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, MODERATE, null, LocalDate.of(2026, 11, 22), null,
				CONTACT_DUE, DISCHARGED.plusDays(1), null)
			.clockOn(LocalDate.of(2026, 11, 26));

		assertThat(clock.code99495().standing()).isEqualTo(Standing.REACHABLE);
		assertThat(clock.notes()).singleElement().asString().startsWith("Readmitted on 22 Nov 2026.");
	}

	@Test
	void aDischargeInsideAnEarlierPeriodBillsNoTcmOfItsOwn() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, HIGH, LocalDate.of(2026, 11, 5), null, null,
				CONTACT_DUE, null, null)
			.clockOn(DISCHARGED);

		assertThat(clock.contact().standing()).as("the contact is still due: the patient needs it")
			.isEqualTo(Standing.REACHABLE);
		assertThat(clock.code99496().standing()).isEqualTo(Standing.NOT_BILLABLE);
		assertThat(clock.code99495().explanation()).contains("period of the discharge on 5 Nov 2026");
	}

	@Test
	void aDischargeNotAssessedBillsNeitherCodeEvenWithEveryDeadlineKept() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, Assessment.NONE, null, null, null, CONTACT_DUE,
				DISCHARGED.plusDays(1), DISCHARGED.plusDays(6))
			.clockOn(LocalDate.of(2026, 12, 1));

		assertThat(clock.complexity()).isEqualTo(Complexity.NOT_ASSESSED);
		assertThat(clock.contact().standing()).isEqualTo(Standing.MET);
		assertThat(clock.code99496().standing()).isEqualTo(Standing.AWAITING_ASSESSMENT);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.AWAITING_ASSESSMENT);
		assertThat(clock.code99496().explanation()).isEqualTo("Visit on 26 Nov 2026. Not billable yet: the complexity"
				+ " is not assessed; a clinician must judge it (this code needs high).");
		assertThat(clock.code99495().explanation()).endsWith("(this code needs moderate or high).");
	}

	@Test
	void aDischargeNotAssessedStillMissesWhatItsDeadlinesMiss() {
		TcmClock clock = new TransitionOfCare(STAY, DISCHARGED, Assessment.NONE, null, null, null, CONTACT_DUE,
				DISCHARGED.plusDays(1), DISCHARGED.plusDays(10))
			.clockOn(LocalDate.of(2026, 12, 1));

		assertThat(clock.code99496().standing()).isEqualTo(Standing.MISSED);
		assertThat(clock.code99495().standing()).isEqualTo(Standing.AWAITING_ASSESSMENT);
	}

	@Test
	void aModerateJudgementSaysWhoMadeIt() {
		TcmClock clock = discharge(MODERATE).clockOn(DISCHARGED);

		assertThat(clock.code99496().explanation())
			.isEqualTo("Needs decision making of high complexity; dr.okafor judged this discharge moderate.");
	}

	private static TransitionOfCare discharge(Assessment assessment) {
		return new TransitionOfCare(STAY, DISCHARGED, assessment, null, null, null, CONTACT_DUE, null, null);
	}

}
