package org.northstar.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.StalledItems.StalledItem;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.meetings.Agenda.Entry;
import org.northstar.meetings.Agenda.PersonFacts;
import org.northstar.risk.Instrument;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.risk.RiskTrend;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDT agenda as compiled from what is known of each person: who, why, in which order.
 */
class AgendaTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	/** Tuesday 1 December 2026. */
	static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	static final Instant NOON = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

	@Test
	void eachReasonSaysWhyThePersonIsOnTheAgenda() {
		PatientId chen = id();
		PersonFacts facts = new PersonFacts(chen, "Chen, Mei",
				new RiskTrend(new PersonRisk(lace(13), null), new PersonRisk(lace(9), null)),
				List.of(event(chen, HospitalEventKind.ADMITTED, days(3)),
						event(chen, HospitalEventKind.ED_VISIT, days(10)),
						event(chen, HospitalEventKind.DISCHARGED, days(1))),
				List.of(task(chen, "Call the pharmacy", TODAY.minusDays(2)), task(chen, "Not yet", TODAY),
						task(chen, "Also not yet", TODAY.plusDays(3))),
				List.of(goal(chen, "Weight within 1 kg of dry weight", TODAY.plusDays(30),
						NOON.minusSeconds(86_400 * 40)),
						goal(chen, "HbA1c under 7.0 %", TODAY.minusDays(5), NOON.minusSeconds(86_400 * 2)),
						barrier(chen, BarrierKind.TRANSPORT, "Transport", TODAY.plusDays(7))),
				List.of(new Victory(1, chen, "First week without a fall", TODAY.minusDays(2), "ana", NOON)));

		List<Entry> agenda = Agenda.compile(List.of(facts), TODAY, ZONE);

		assertThat(agenda).singleElement().satisfies(entry -> {
			assertThat(entry.name()).isEqualTo("Chen, Mei");
			assertThat(entry.reasons()).extracting(AgendaReason::text)
				.containsExactly("Admitted Sat 28 Nov (hl7:MERCY)", "ED visit Sat 21 Nov (hl7:MERCY)",
						"High risk: LACE 13 (high)", "Rising risk: LACE 9 → 13 since the stay before",
						"Overdue task: Call the pharmacy (ana, due Sun 29 Nov, 2 days late)",
						"Stalled goal: Weight within 1 kg of dry weight (no progress note since Thu 22 Oct)",
						"Stalled goal: HbA1c under 7.0 % (past due since Thu 26 Nov)",
						"Unresolved barrier: Transport (ana, due Tue 8 Dec)",
						"Victory: First week without a fall (Sun 29 Nov, ana)");
		});
	}

	@Test
	void onlyRecentNewsIsOnTheAgendaAndAPersonWithoutAReasonIsNot() {
		PatientId old = id();
		PersonFacts oldNews = new PersonFacts(old, "Old, Olga", RiskTrend.NONE,
				List.of(event(old, HospitalEventKind.ADMITTED, days(15))), List.of(), List.of(),
				List.of(new Victory(2, old, "Walked to the shop", TODAY.minusDays(31), "ben", NOON)));
		PatientId edge = id();
		PersonFacts fourteenDays = new PersonFacts(edge, "Edge, Eddie", RiskTrend.NONE,
				List.of(event(edge, HospitalEventKind.ED_VISIT, days(14))), List.of(), List.of(), List.of());

		assertThat(Agenda.compile(List.of(oldNews, fourteenDays), TODAY, ZONE)).extracting(Entry::name)
			.containsExactly("Edge, Eddie");
	}

	@Test
	void theMostPressingReasonOrdersTheAgendaThenHowManyThenTheName() {
		PatientId a = id();
		PatientId b = id();
		PatientId c = id();
		PatientId d = id();
		PersonFacts winOnly = new PersonFacts(a, "Able, Ann", RiskTrend.NONE, List.of(), List.of(), List.of(),
				List.of(new Victory(3, a, "Made all appointments", TODAY, "ana", NOON)));
		PersonFacts overdue = new PersonFacts(b, "Zed, Zoe", RiskTrend.NONE, List.of(),
				List.of(task(b, "Call", TODAY.minusDays(1))), List.of(), List.of());
		PersonFacts overdueAndBarrier = new PersonFacts(c, "Young, Yan", RiskTrend.NONE, List.of(),
				List.of(task(c, "Call", TODAY.minusDays(1))),
				List.of(barrier(c, BarrierKind.COST, "Cannot afford the copay", TODAY.minusDays(1))), List.of());
		PersonFacts admitted = new PersonFacts(d, "Xu, Xin", RiskTrend.NONE,
				List.of(event(d, HospitalEventKind.ADMITTED, days(1))), List.of(), List.of(), List.of());

		List<Entry> agenda = Agenda.compile(List.of(winOnly, overdue, overdueAndBarrier, admitted), TODAY, ZONE);

		assertThat(agenda).extracting(Entry::name).containsExactly("Xu, Xin", "Young, Yan", "Zed, Zoe", "Able, Ann");
		assertThat(agenda.get(1).reasons()).extracting(AgendaReason::text)
			.contains("Unresolved barrier: Cost — Cannot afford the copay (ana, overdue since Mon 30 Nov)");
	}

	static PatientId id() {
		return new PatientId(UUID.randomUUID());
	}

	static Instant days(int ago) {
		return NOON.minusSeconds(86_400L * ago);
	}

	static HospitalEvent event(PatientId person, HospitalEventKind kind, Instant at) {
		return new HospitalEvent(person, kind, at, at, "4W", null, null, "hl7:MERCY");
	}

	static Task task(PatientId person, String title, LocalDate due) {
		return new Task(Math.abs(title.hashCode()), person, "ana", Task.Kind.OTHER, title, due, "OPEN", null, 1, NOON,
				NOON);
	}

	static StalledItem goal(PatientId person, String title, LocalDate due, Instant lastProgress) {
		return new StalledItem(person, 1, PlanItem.Kind.GOAL, title, null, "ana", due, lastProgress,
				due.isBefore(TODAY));
	}

	static StalledItem barrier(PatientId person, BarrierKind kind, String title, LocalDate due) {
		return new StalledItem(person, 2, PlanItem.Kind.BARRIER, title, kind, "ana", due, NOON, due.isBefore(TODAY));
	}

	static RiskAssessment lace(int score) {
		return new RiskAssessment(UUID.randomUUID(), Instrument.LACE, id(), UUID.randomUUID(), NOON, score,
				RiskBand.of(Instrument.LACE, score), true, Map.of(), List.of(), List.of(), NOON, null);
	}

}
