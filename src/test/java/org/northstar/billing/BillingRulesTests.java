package org.northstar.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.billing.BillingLine.Program;
import org.northstar.billing.BillingLine.Status;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interaction.Activity;
import org.northstar.documentation.Interaction.Kind;
import org.northstar.documentation.Interaction.Outcome;
import org.northstar.documentation.Interaction.Staff;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TcmClock;
import org.northstar.worklist.TcmClock.Assessment;
import org.northstar.worklist.TcmClock.Complexity;
import org.northstar.worklist.TcmClock.Requirement;
import org.northstar.worklist.TcmClock.Standing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMS's care-management rules at each of their boundaries, one person and month at a
 * time.
 */
class BillingRulesTests {

	static final ZoneId OHIO = ZoneId.of("America/New_York");

	static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

	static final PatientId PATIENT = new PatientId(UUID.fromString("00000000-0000-0000-0000-000000000015"));

	@Test
	void nineteenMinutesAreShortOf99490ByOne() {
		assertThat(lines(aPerson().ccm(19))).containsExactly("CCM 99490 x0 SHORT");
		assertThat(BillingRules.lines(aPerson().ccm(19).build()).get(0).reason()).contains("short by 1");
	}

	@Test
	void twentyMinutesBill99490() {
		assertThat(lines(aPerson().ccm(20))).containsExactly("CCM 99490 x1 BILLABLE");
	}

	@Test
	void thirtyNineMinutesBill99490Alone() {
		assertThat(lines(aPerson().ccm(39))).containsExactly("CCM 99490 x1 BILLABLE");
	}

	@Test
	void fortyMinutesAdd99439Once() {
		assertThat(lines(aPerson().ccm(40))).containsExactly("CCM 99490 x1 BILLABLE", "CCM 99439 x1 BILLABLE");
	}

	@Test
	void fiftyNineMinutesAdd99439OnceForOnlyFullBlocksCount() {
		assertThat(lines(aPerson().ccm(59))).containsExactly("CCM 99490 x1 BILLABLE", "CCM 99439 x1 BILLABLE");
	}

	@Test
	void sixtyMinutesAdd99439Twice() {
		assertThat(lines(aPerson().ccm(60))).containsExactly("CCM 99490 x1 BILLABLE", "CCM 99439 x2 BILLABLE");
	}

	@Test
	void refusesAThird99439() {
		List<BillingLine> lines = BillingRules.lines(aPerson().ccm(30).ccm(30).ccm(30).build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x1 BILLABLE", "CCM 99439 x2 BILLABLE");
		assertThat(lines.get(1).reason()).contains("at most 2 units of 99439");
	}

	@Test
	void fiftyNineMinutesOfComplexCcmAreShortOf99487AndBillNo99490() {
		assertThat(lines(aPerson().complexCcm(59))).containsExactly("CCM 99487 x0 SHORT");
	}

	@Test
	void sixtyMinutesOfComplexCcmBill99487() {
		assertThat(lines(aPerson().complexCcm(60))).containsExactly("CCM 99487 x1 BILLABLE");
	}

	@Test
	void complex99489IsForEachFullThirtyMinutesMore() {
		assertThat(lines(aPerson().complexCcm(89))).containsExactly("CCM 99487 x1 BILLABLE");
		assertThat(lines(aPerson().complexCcm(90))).containsExactly("CCM 99487 x1 BILLABLE", "CCM 99489 x1 BILLABLE");
	}

	@Test
	void complexAndNonComplexAreNotBilledInOneMonth() {
		// Early in the month routine CCM, later the plan is substantially revised: the
		// month is complex, and its minutes are billed under complex codes only.
		List<String> lines = lines(aPerson().ccm(40).complexCcm(30));
		assertThat(lines).containsExactly("CCM 99487 x1 BILLABLE");
		assertThat(lines).noneMatch(line -> line.contains("99490") || line.contains("99439"));
	}

	@Test
	void practitionerTimeBills99491AndEachFullThirtyMore99437() {
		assertThat(lines(aPerson().physicianCcm(29))).containsExactly("CCM 99490 x1 BILLABLE");
		assertThat(lines(aPerson().physicianCcm(30))).containsExactly("CCM 99491 x1 BILLABLE");
		assertThat(lines(aPerson().physicianCcm(60))).containsExactly("CCM 99491 x1 BILLABLE", "CCM 99437 x1 BILLABLE");
	}

	@Test
	void pcmStaffTimeIsInThirtyMinuteBlocks() {
		assertThat(lines(aPerson().oneChronicCondition().withoutConsent().pcmConsent().pcm(29)))
			.containsExactly("PCM 99426 x0 SHORT");
		assertThat(lines(aPerson().oneChronicCondition().withoutConsent().pcmConsent().pcm(30)))
			.containsExactly("PCM 99426 x1 BILLABLE");
		assertThat(lines(aPerson().oneChronicCondition().withoutConsent().pcmConsent().pcm(60)))
			.containsExactly("PCM 99426 x1 BILLABLE", "PCM 99427 x1 BILLABLE");
		assertThat(lines(aPerson().oneChronicCondition().withoutConsent().pcmConsent().physicianPcm(30)))
			.containsExactly("PCM 99424 x1 BILLABLE");
	}

	@Test
	void ccmNeedsTwoChronicConditionsAndPcmOne() {
		List<BillingLine> lines = BillingRules.lines(aPerson().oneChronicCondition().ccm(25).build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x0 INELIGIBLE");
		assertThat(lines.get(0).reason()).contains("two or more chronic conditions").contains("Diabetes");
	}

	@Test
	void minutesAtTheEndOfTheMonthInThePracticeZoneCount() {
		// 23:30 on 30 November in Ohio is 04:30 on 1 December in UTC: November's.
		PersonMonthBuilder person = aPerson().ccmAt("2026-12-01T04:30:00Z", 20);
		assertThat(lines(person)).containsExactly("CCM 99490 x1 BILLABLE");
		assertThat(lines(person.in(YearMonth.of(2026, 12)))).containsExactly("CCM 99490 x0 SHORT");
	}

	@Test
	void minutesNeverCarryOverAMonthsEnd() {
		// 00:30 on 1 November in Ohio is October's last evening in no zone; 23:59 on
		// 31 October in Ohio (03:59 UTC on 1 November) is October's.
		PersonMonthBuilder person = aPerson().ccmAt("2026-11-01T03:59:00Z", 15).ccmAt("2026-11-01T04:30:00Z", 15);
		assertThat(lines(person)).containsExactly("CCM 99490 x0 SHORT");
		assertThat(BillingRules.lines(person.build()).get(0).minutes()).isEqualTo(15);
	}

	@Test
	void withoutConsentNothingIsBilled() {
		List<BillingLine> lines = BillingRules.lines(aPerson().withoutConsent().ccm(45).build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x0 INELIGIBLE");
		assertThat(lines.get(0).reason()).contains("No CCM consent");
	}

	@Test
	void aConsentRevokedMidMonthStandsToTheMonthsEnd() {
		PersonMonthBuilder person = aPerson().ccmRevokedOn("2026-11-10").ccm(25);
		assertThat(lines(person)).containsExactly("CCM 99490 x1 BILLABLE");
		assertThat(lines(person.in(YearMonth.of(2026, 12)).ccmAt("2026-12-03T15:00:00Z", 25)))
			.containsExactly("CCM 99490 x0 INELIGIBLE");
	}

	@Test
	void minutesBeforeAConsentObtainedMidMonthDoNotCount() {
		PersonMonthBuilder person = aPerson().ccmConsentOn("2026-11-15")
			.ccmAt("2026-11-05T15:00:00Z", 15)
			.ccmAt("2026-11-20T15:00:00Z", 15);
		List<BillingLine> lines = BillingRules.lines(person.build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x0 SHORT");
		assertThat(lines.get(0).reason()).contains("15 minutes before the consent of 2026-11-15 not counted");
	}

	@Test
	void tcmMinutesAreNotCountedTowardCcm() {
		PersonMonthBuilder person = aPerson().ccm(15).tcmMinutes(30);
		assertThat(lines(person)).containsExactly("CCM 99490 x0 SHORT");
	}

	@Test
	void aMetTcmPeriodBillsItsCodeAndShowsItsMinutes() {
		List<BillingLine> lines = BillingRules.lines(aPerson().ccm(20).tcmMinutes(30).discharged("2026-11-04").build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x1 BILLABLE", "TCM 99495 x1 BILLABLE");
		assertThat(lines.get(1).minutes()).isEqualTo(30);
	}

	@Test
	void aTcmPeriodWhoseComplexityIsNotAssessedIsNotBilledWhateverItsDeadlines() {
		List<BillingLine> lines = BillingRules
			.lines(aPerson().tcmMinutes(30).dischargedNotAssessed("2026-11-04").build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x0 SHORT", "TCM 99496 x0 SHORT");
		assertThat(lines.get(1).reason()).contains("complexity not assessed: neither 99495 nor 99496 can be billed"
				+ " until a clinician judges it on the discharge (moderate or high)");
	}

	@Test
	void oneBillingPractitionerPerPersonPerMonth() {
		List<BillingLine> lines = BillingRules.lines(aPerson().ccm(20)
			.with(interaction("2026-11-12T15:00:00Z", 20, Staff.CLINICAL_STAFF, Activity.CCM, false, "Dr. Other"))
			.build());
		assertThat(lines(lines)).containsExactly("CCM 99490 x0 INELIGIBLE");
		assertThat(lines.get(0).reason()).contains("more than one billing practitioner");
	}

	@Test
	void ccmAndPcmAreNotBothBilledInOneMonth() {
		assertThat(lines(aPerson().pcmConsent().ccm(20).pcm(30))).containsExactly("CCM 99490 x1 BILLABLE",
				"PCM 99426 x0 INELIGIBLE");
	}

	private static List<String> lines(PersonMonthBuilder person) {
		return lines(BillingRules.lines(person.build()));
	}

	private static List<String> lines(List<BillingLine> lines) {
		return lines.stream().map(l -> l.program() + " " + l.code() + " x" + l.units() + " " + l.status()).toList();
	}

	static PersonMonthBuilder aPerson() {
		return new PersonMonthBuilder();
	}

	static Interaction interaction(String startedAt, int minutes, Staff staff, Activity activity, boolean complex,
			String practitioner) {
		return new Interaction(1, PATIENT, Kind.PHONE_OUT, Outcome.REACHED, Instant.parse(startedAt), minutes, staff,
				activity, "documented", List.of(), complex, practitioner, "ana", Instant.parse(startedAt), List.of());
	}

	static final class PersonMonthBuilder {

		private YearMonth month = NOVEMBER;

		private final List<Interaction> interactions = new ArrayList<>();

		private final List<Consent> consents = new ArrayList<>(
				List.of(consent(Consent.Program.CCM, "2026-10-01", null)));

		private List<String> chronic = List.of("Diabetes", "Hypertension");

		private final List<TcmClock> tcm = new ArrayList<>();

		PersonMonthBuilder ccm(int minutes) {
			return with(interaction("2026-11-12T15:00:00Z", minutes, Staff.CLINICAL_STAFF, Activity.CCM, false, null));
		}

		PersonMonthBuilder ccmAt(String startedAt, int minutes) {
			return with(interaction(startedAt, minutes, Staff.CLINICAL_STAFF, Activity.CCM, false, null));
		}

		PersonMonthBuilder complexCcm(int minutes) {
			return with(interaction("2026-11-20T15:00:00Z", minutes, Staff.CLINICAL_STAFF, Activity.CCM, true, null));
		}

		PersonMonthBuilder physicianCcm(int minutes) {
			return with(interaction("2026-11-12T15:00:00Z", minutes, Staff.PHYSICIAN_QHP, Activity.CCM, false, null));
		}

		PersonMonthBuilder pcm(int minutes) {
			return with(interaction("2026-11-12T15:00:00Z", minutes, Staff.CLINICAL_STAFF, Activity.PCM, false, null));
		}

		PersonMonthBuilder physicianPcm(int minutes) {
			return with(interaction("2026-11-12T15:00:00Z", minutes, Staff.PHYSICIAN_QHP, Activity.PCM, false, null));
		}

		PersonMonthBuilder tcmMinutes(int minutes) {
			return with(interaction("2026-11-06T15:00:00Z", minutes, Staff.CLINICAL_STAFF, Activity.TCM, false, null));
		}

		PersonMonthBuilder with(Interaction interaction) {
			this.interactions.add(interaction);
			return this;
		}

		PersonMonthBuilder withoutConsent() {
			this.consents.clear();
			return this;
		}

		PersonMonthBuilder ccmConsentOn(String day) {
			this.consents.clear();
			this.consents.add(consent(Consent.Program.CCM, day, null));
			return this;
		}

		PersonMonthBuilder ccmRevokedOn(String day) {
			this.consents.clear();
			this.consents.add(consent(Consent.Program.CCM, "2026-10-01", day));
			return this;
		}

		PersonMonthBuilder pcmConsent() {
			this.consents.add(consent(Consent.Program.PCM, "2026-10-01", null));
			return this;
		}

		PersonMonthBuilder oneChronicCondition() {
			this.chronic = List.of("Diabetes");
			return this;
		}

		PersonMonthBuilder discharged(String day) {
			LocalDate on = LocalDate.parse(day);
			Requirement met = new Requirement(Standing.MET, "Done.");
			this.tcm.add(new TcmClock(UUID.randomUUID(), on, on.plusDays(29),
					new Assessment(Complexity.MODERATE, "dr.okafor", Instant.parse(day + "T15:00:00Z")), met,
					new Requirement(Standing.NOT_BILLABLE, "Needs high complexity."), met, List.of()));
			return this;
		}

		PersonMonthBuilder dischargedNotAssessed(String day) {
			LocalDate on = LocalDate.parse(day);
			Requirement awaiting = new Requirement(Standing.AWAITING_ASSESSMENT,
					"Visit on " + day + ". Not billable yet: the complexity is not assessed.");
			this.tcm.add(new TcmClock(UUID.randomUUID(), on, on.plusDays(29), Assessment.NONE,
					new Requirement(Standing.MET, "Done."), awaiting, awaiting, List.of()));
			return this;
		}

		PersonMonthBuilder in(YearMonth month) {
			this.month = month;
			return this;
		}

		PersonMonth build() {
			return new PersonMonth(PATIENT, "Quist, Ana", this.month, OHIO, this.interactions, this.consents,
					this.chronic, this.tcm);
		}

		private static Consent consent(Consent.Program program, String obtained, String revoked) {
			return new Consent(1, PATIENT, program, Consent.Kind.VERBAL, LocalDate.parse(obtained), "ana", true, "ana",
					Instant.parse("2026-10-01T12:00:00Z"), revoked == null ? null : LocalDate.parse(revoked),
					revoked == null ? null : "ana");
		}

	}

}
