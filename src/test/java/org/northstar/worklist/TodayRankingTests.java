package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.risk.Instrument;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.risk.RiskTrend;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Today.PersonFacts;
import org.northstar.worklist.TodayRow.Kind;
import org.northstar.worklist.TodayRow.Reason;
import org.northstar.worklist.TodayRow.Snooze;

import static org.assertj.core.api.Assertions.assertThat;

/** The Today page's ranking: reasons, their points, the order and its ties. */
class TodayRankingTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	/** Monday 30 November 2026. */
	static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	static final Instant NOON = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

	@Test
	void anOverdueTransitionOfCareContactOutranksAnAdmissionAndHighRisk() {
		PersonFacts tcm = person("Able, Ann").task(Task.Kind.TCM_CONTACT, "Contact after discharge", TODAY.minusDays(2))
			.contacted(TODAY.minusDays(3))
			.build();
		PersonFacts admitted = person("Baker, Bob").admitted(NOON.minusSeconds(3600))
			.risk(lace(12, TODAY.minusDays(40)), null)
			.contacted(TODAY.minusDays(3))
			.build();

		List<TodayRow> rows = Today.rank(List.of(admitted, tcm), TodayWeights.DEFAULTS, TODAY, ZONE);

		assertThat(rows).extracting(TodayRow::name).containsExactly("Able, Ann", "Baker, Bob");
		// 100 for the TCM contact, 2 days late at 5 each.
		assertThat(rows.get(0).priority()).isEqualTo(110);
		assertThat(rows.get(0).reasons()).singleElement().satisfies(reason -> {
			assertThat(reason.kind()).isEqualTo(Kind.TCM_CONTACT);
			assertThat(reason.what()).isEqualTo("Contact after discharge: overdue since Sat 28 Nov (2 days)");
			assertThat(reason.why()).isEqualTo("TCM contact 100 + 2 days late × 5");
		});
		// 60 for the admission and 40 for LACE 12.
		assertThat(rows.get(1).priority()).isEqualTo(100);
		assertThat(rows.get(1).priorityParts()).isEqualTo("100 = 60 admission + 40 high risk");
	}

	@Test
	void eachReasonSaysWhatHappenedAndHowItsPointsWereCounted() {
		PersonFacts everything = person("Chen, Mei").task(Task.Kind.TCM_CONTACT, "Contact after discharge", TODAY)
			.task(Task.Kind.OTHER, "Call the pharmacy", TODAY.minusDays(1))
			.task(Task.Kind.OTHER, "Send the care plan", TODAY)
			.task(Task.Kind.OTHER, "Not yet", TODAY.plusDays(1))
			.admitted(NOON)
			.edVisit(NOON.minusSeconds(7200))
			.discharged(NOON.minusSeconds(86_400 * 5))
			.risk(lace(13, TODAY.minusDays(5)), lace(9, TODAY.minusDays(80)))
			.build();

		TodayRow row = Today.rank(List.of(everything), TodayWeights.DEFAULTS, TODAY, ZONE).get(0);

		assertThat(row.reasons()).extracting(Reason::kind)
			.containsExactly(Kind.TCM_CONTACT, Kind.TASK_OVERDUE, Kind.TASK_DUE_TODAY, Kind.ADMISSION, Kind.ED_VISIT,
					Kind.DISCHARGE_WITHOUT_FOLLOW_UP, Kind.HIGH_RISK, Kind.RISING_RISK, Kind.NOT_CONTACTED);
		assertThat(row.reasons()).extracting(Reason::what)
			.containsExactly("Contact after discharge: due today",
					"Call the pharmacy: overdue since Sun 29 Nov (1 day)", "Send the care plan: due today",
					"Admitted Mon 30 Nov (hl7:MERCY), arrived since the last review",
					"ED visit Mon 30 Nov (hl7:MERCY), arrived since the last review",
					"Discharged Wed 25 Nov (hl7:MERCY): no contact and no task since", "High risk: LACE 13 (high)",
					"Rising risk: LACE 9 → 13 since the stay before",
					"No contact on record (no program: every 90 days)");
		assertThat(row.reasons()).extracting(Reason::points).containsExactly(100, 35, 15, 60, 50, 70, 40, 20, 25);
		assertThat(row.priority()).isEqualTo(100 + 35 + 15 + 60 + 50 + 70 + 40 + 20 + 25);
		// Transition-of-care contacts first, then by due day; the task due tomorrow is
		// not today's.
		assertThat(row.tasks()).extracting(Task::title)
			.containsExactly("Contact after discharge", "Call the pharmacy", "Send the care plan");
	}

	@Test
	void aScoreNoHigherThanTheStayBeforeIsNotRising() {
		PersonFacts same = person("Same, Sam").risk(lace(8, TODAY.minusDays(5)), lace(8, TODAY.minusDays(50)))
			.contacted(TODAY)
			.build();
		PersonFacts falling = person("Fall, Fay").risk(lace(6, TODAY.minusDays(5)), lace(11, TODAY.minusDays(50)))
			.contacted(TODAY)
			.build();
		PersonFacts once = person("Once, Otto").risk(lace(9, TODAY.minusDays(5)), null).contacted(TODAY).build();

		assertThat(Today.rank(List.of(same, falling, once), TodayWeights.DEFAULTS, TODAY, ZONE)).isEmpty();
	}

	@Test
	void peopleAreNotContactedWhenTheirProgramsIntervalHasPassed() {
		PersonFacts ccm = person("Ccm, Cora").program("CCM").contacted(TODAY.minusDays(33)).build();
		PersonFacts noProgram = person("None, Nora").contacted(TODAY.minusDays(33)).build();
		PersonFacts lateNoProgram = person("Late, Lou").contacted(TODAY.minusDays(95)).build();

		List<TodayRow> rows = Today.rank(List.of(ccm, noProgram, lateNoProgram), TodayWeights.DEFAULTS, TODAY, ZONE);

		assertThat(rows).extracting(TodayRow::name).containsExactly("Late, Lou", "Ccm, Cora");
		assertThat(rows.get(1).reasons().get(0).what())
			.isEqualTo("Last reached Wed 28 Oct, 33 days ago (CCM: every 30 days)");
		// 3 days past the 30-day interval; 5 days past the 90-day one.
		assertThat(rows.get(0).priority()).isEqualTo(25 + 5 * 5);
		assertThat(rows.get(1).priority()).isEqualTo(25 + 3 * 5);
	}

	@Test
	void lateDaysCountOnlyUpToTheirCap() {
		PersonFacts veryLate = person("Late, Lou").task(Task.Kind.OTHER, "Call back", TODAY.minusDays(40))
			.contacted(TODAY)
			.build();

		TodayRow row = Today.rank(List.of(veryLate), TodayWeights.DEFAULTS, TODAY, ZONE).get(0);

		assertThat(row.priority()).isEqualTo(30 + 10 * 5);
		assertThat(row.reasons().get(0).why())
			.isEqualTo("overdue task 30 + 10 days late × 5 (at most 10 days counted)");
	}

	@Test
	void tiesGoToTheEarliestDueTaskThenTheNameWhateverTheInputOrder() {
		PersonFacts dueEarlier = person("Zed, Zoe").task(Task.Kind.OTHER, "Call", TODAY.minusDays(1))
			.contacted(TODAY)
			.build();
		// One day later but worth the same: 30 + 5 for one day late vs 15 + 20 for the
		// ED.
		PersonFacts dueToday = person("Adams, Al").task(Task.Kind.OTHER, "Call", TODAY)
			.contacted(TODAY)
			.edVisit(NOON)
			.build();
		TodayWeights weights = new TodayWeights(100, 30, 15, 5, 10, 60, 20, 70, 40, 20, 25, 30, Map.of());
		PersonFacts sameAsAdams = person("Brown, Bo").task(Task.Kind.OTHER, "Call", TODAY)
			.contacted(TODAY)
			.edVisit(NOON)
			.build();
		List<PersonFacts> input = new ArrayList<>(List.of(sameAsAdams, dueToday, dueEarlier));

		for (int shuffle = 0; shuffle < 3; shuffle++) {
			Collections.rotate(input, 1);
			List<TodayRow> rows = Today.rank(input, weights, TODAY, ZONE);
			assertThat(rows).extracting(TodayRow::priority).containsExactly(35, 35, 35);
			assertThat(rows).extracting(TodayRow::name).containsExactly("Zed, Zoe", "Adams, Al", "Brown, Bo");
		}
	}

	@Test
	void theWeightsDecideTheOrder() {
		PersonFacts highRisk = person("Risk, Rita").risk(lace(15, TODAY.minusDays(10)), null).contacted(TODAY).build();
		PersonFacts edVisit = person("Ed, Eve").edVisit(NOON).contacted(TODAY).build();

		assertThat(Today.rank(List.of(highRisk, edVisit), TodayWeights.DEFAULTS, TODAY, ZONE))
			.extracting(TodayRow::name)
			.containsExactly("Ed, Eve", "Risk, Rita");
		TodayWeights riskFirst = new TodayWeights(100, 30, 15, 5, 10, 60, 50, 70, 80, 20, 25, 30, Map.of());
		assertThat(Today.rank(List.of(highRisk, edVisit), riskFirst, TODAY, ZONE)).extracting(TodayRow::name)
			.containsExactly("Risk, Rita", "Ed, Eve");
		TodayWeights intervals = new TodayWeights(100, 30, 15, 5, 10, 60, 50, 70, 80, 20, 25, 30, Map.of("default", 7));
		assertThat(intervals.contactInterval(null)).isEqualTo(7);
		assertThat(intervals.contactInterval("CCM")).isEqualTo(30);
	}

	@Test
	void aSnoozedPersonStaysAwayUntilTheDayOrUntilNewsArrives() {
		Snooze snooze = new Snooze(TODAY.plusDays(2), "Daughter calls back Wednesday", "ana",
				NOON.minusSeconds(86_400));
		PersonFacts snoozed = person("Quiet, Quinn").task(Task.Kind.OTHER, "Call", TODAY).snooze(snooze).build();
		PersonFacts admittedSince = person("News, Ned").task(Task.Kind.OTHER, "Call", TODAY)
			.admitted(NOON)
			.snooze(snooze)
			.build();
		PersonFacts expired = person("Back, Bea").task(Task.Kind.OTHER, "Call", TODAY)
			.snooze(new Snooze(TODAY, "until today", "ana", NOON.minusSeconds(86_400 * 3)))
			.build();

		List<TodayRow> rows = Today.rank(List.of(snoozed, admittedSince, expired), TodayWeights.DEFAULTS, TODAY, ZONE);

		assertThat(rows).extracting(TodayRow::name).containsExactly("News, Ned", "Back, Bea");
		assertThat(rows.get(1).snooze().reason()).isEqualTo("until today");
	}

	static RiskAssessment lace(int score, LocalDate discharged) {
		return new RiskAssessment(UUID.randomUUID(), Instrument.LACE, new PatientId(UUID.randomUUID()),
				UUID.randomUUID(), discharged.atStartOfDay(ZONE).toInstant(), score,
				RiskBand.of(Instrument.LACE, score), true, Map.of(), List.of(), List.of(), NOON, null);
	}

	static Facts person(String name) {
		return new Facts(name);
	}

	/** One person's facts, built as a test reads them. */
	static final class Facts {

		private final PatientId person;

		private final String name;

		private final List<Task> tasks = new ArrayList<>();

		private final List<HospitalEvent> news = new ArrayList<>();

		private final List<HospitalEvent> discharges = new ArrayList<>();

		private RiskTrend risk = RiskTrend.NONE;

		private Instant lastContact;

		private String program;

		private Snooze snooze;

		Facts(String name) {
			this.name = name;
			this.person = new PatientId(UUID.nameUUIDFromBytes(name.getBytes()));
		}

		Facts task(Task.Kind kind, String title, LocalDate due) {
			this.tasks.add(
					new Task(this.tasks.size() + 1, this.person, "ana", kind, title, due, "OPEN", null, 0, NOON, NOON));
			return this;
		}

		Facts admitted(Instant at) {
			this.news.add(event(HospitalEventKind.ADMITTED, at));
			return this;
		}

		Facts edVisit(Instant at) {
			this.news.add(event(HospitalEventKind.ED_VISIT, at));
			return this;
		}

		Facts discharged(Instant at) {
			this.discharges.add(event(HospitalEventKind.DISCHARGED, at));
			return this;
		}

		Facts risk(RiskAssessment latest, RiskAssessment previous) {
			this.risk = new RiskTrend(new PersonRisk(latest, null),
					previous == null ? PersonRisk.NONE : new PersonRisk(previous, null));
			return this;
		}

		Facts contacted(LocalDate day) {
			this.lastContact = day.atTime(10, 0).atZone(ZONE).toInstant();
			return this;
		}

		Facts program(String program) {
			this.program = program;
			return this;
		}

		Facts snooze(Snooze snooze) {
			this.snooze = snooze;
			return this;
		}

		private HospitalEvent event(HospitalEventKind kind, Instant at) {
			return new HospitalEvent(this.person, kind, at, at, "4W", null, null, "hl7:MERCY");
		}

		PersonFacts build() {
			return new PersonFacts(this.person, this.name, "ana", this.tasks, this.news, this.discharges, this.risk,
					this.lastContact, this.program, this.snooze);
		}

	}

}
