package org.northstar.meetings;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.northstar.careplan.PlanItem;
import org.northstar.careplan.StalledItems.StalledItem;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskTrend;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;

/**
 * Compiles a meeting's agenda from what is known of each of the team's people: each
 * person with a reason to be discussed, each reason in words, the most pressing first.
 * Pure: the facts are gathered by {@link Meetings}.
 */
final class Agenda {

	/** Admissions and ED visits this recent are on the agenda. */
	static final int RECENT_DAYS = 14;

	/** A goal without a progress note for this long has stalled. */
	static final int QUIET_DAYS = 30;

	/** Victories this recent are offered on the agenda. */
	static final int VICTORY_DAYS = 30;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private Agenda() {
	}

	/** What is known of one person when the agenda is compiled. */
	record PersonFacts(PatientId person, String name, RiskTrend risk, List<HospitalEvent> hospitalEvents,
			List<Task> openTasks, List<StalledItem> stalled, List<Victory> victories) {
	}

	/** A person on the compiled agenda, with why. */
	record Entry(PatientId person, String name, List<AgendaReason> reasons) {

		AgendaReason.Kind first() {
			return this.reasons.get(0).kind();
		}

	}

	/**
	 * The people with a reason to be discussed, ordered by their most pressing reason,
	 * then by how many reasons they have, then by name.
	 */
	static List<Entry> compile(List<PersonFacts> people, LocalDate today, ZoneId zone) {
		List<Entry> entries = new ArrayList<>();
		for (PersonFacts person : people) {
			List<AgendaReason> reasons = reasons(person, today, zone);
			if (!reasons.isEmpty()) {
				entries.add(new Entry(person.person(), person.name(), reasons));
			}
		}
		entries.sort(Comparator.comparing(Entry::first)
			.thenComparing(e -> -e.reasons().size())
			.thenComparing(Entry::name)
			.thenComparing(e -> e.person().value()));
		return entries;
	}

	static List<AgendaReason> reasons(PersonFacts person, LocalDate today, ZoneId zone) {
		List<AgendaReason> reasons = new ArrayList<>();
		LocalDate recent = today.minusDays(RECENT_DAYS);
		person.hospitalEvents()
			.stream()
			.filter(e -> e.kind() != HospitalEventKind.DISCHARGED)
			.filter(e -> !e.at().atZone(zone).toLocalDate().isBefore(recent))
			.sorted(Comparator.comparing(HospitalEvent::at))
			.forEach(e -> reasons.add(e.kind() == HospitalEventKind.ADMITTED
					? new AgendaReason(AgendaReason.Kind.ADMISSION, "Admitted " + day(e, zone) + where(e))
					: new AgendaReason(AgendaReason.Kind.ED_VISIT, "ED visit " + day(e, zone) + where(e))));
		RiskTrend risk = person.risk() == null ? RiskTrend.NONE : person.risk();
		if (risk.high()) {
			List<String> scores = new ArrayList<>();
			if (risk.latest().lace() != null) {
				scores.add(score(risk.latest().lace()));
			}
			if (risk.latest().hospital() != null) {
				scores.add(score(risk.latest().hospital()));
			}
			reasons.add(new AgendaReason(AgendaReason.Kind.HIGH_RISK, "High risk: " + String.join(", ", scores)));
		}
		if (risk.rising()) {
			List<String> rises = new ArrayList<>();
			if (risk.laceRose()) {
				rises.add(rise(risk.previous().lace(), risk.latest().lace()));
			}
			if (risk.hospitalRose()) {
				rises.add(rise(risk.previous().hospital(), risk.latest().hospital()));
			}
			reasons.add(new AgendaReason(AgendaReason.Kind.RISING_RISK,
					"Rising risk: " + String.join(", ", rises) + " since the stay before"));
		}
		person.openTasks()
			.stream()
			.filter(t -> t.dueOn().isBefore(today))
			.sorted(Comparator.comparing(Task::dueOn).thenComparing(Task::id))
			.forEach(t -> reasons.add(new AgendaReason(AgendaReason.Kind.OVERDUE_TASK,
					"Overdue task: " + t.title() + " (" + t.owner() + ", due " + DAY.format(t.dueOn()) + ", "
							+ days(ChronoUnit.DAYS.between(t.dueOn(), today)) + " late)")));
		for (StalledItem item : person.stalled()) {
			if (item.kind() == PlanItem.Kind.GOAL) {
				reasons.add(new AgendaReason(AgendaReason.Kind.STALLED_GOAL,
						"Stalled goal: " + item.title() + " ("
								+ (item.overdue() ? "past due since " + DAY.format(item.dueOn())
										: "no progress note since " + DAY.format(item.lastProgress().atZone(zone)))
								+ ")"));
			}
			else {
				reasons.add(new AgendaReason(AgendaReason.Kind.BARRIER,
						"Unresolved barrier: " + item.barrierKind().label()
								+ (item.title().equals(item.barrierKind().label()) ? "" : " — " + item.title()) + " ("
								+ item.owner()
								+ (item.dueOn() == null ? ""
										: (item.overdue() ? ", overdue since " : ", due ") + DAY.format(item.dueOn()))
								+ ")"));
			}
		}
		LocalDate victoriesSince = today.minusDays(VICTORY_DAYS);
		person.victories()
			.stream()
			.filter(v -> !v.happenedOn().isBefore(victoriesSince))
			.forEach(v -> reasons.add(new AgendaReason(AgendaReason.Kind.VICTORY,
					"Victory: " + v.text() + " (" + DAY.format(v.happenedOn()) + ", " + v.recordedBy() + ")")));
		// The most pressing first, whatever order the plan's items were made in.
		reasons.sort(Comparator.comparing(AgendaReason::kind));
		return reasons;
	}

	private static String day(HospitalEvent event, ZoneId zone) {
		return DAY.format(event.at().atZone(zone));
	}

	private static String where(HospitalEvent event) {
		return event.source() == null ? "" : " (" + event.source() + ")";
	}

	private static String score(RiskAssessment a) {
		return a.instrument() + " " + a.score() + " (" + a.band().code() + ")";
	}

	private static String rise(RiskAssessment before, RiskAssessment now) {
		return now.instrument() + " " + before.score() + " → " + now.score();
	}

	private static String days(long days) {
		return days == 1 ? "1 day" : days + " days";
	}

}
