package org.northstar.worklist;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.northstar.shared.PatientId;

/**
 * One person on the Today page: why they are there and how much each reason weighs. The
 * priority is the sum of the reasons' points, so the page can always say why a row ranks
 * where it does.
 *
 * @param person the record the row stands for (one per person, whichever record brought
 * them)
 * @param coordinator whose caseload the person is on; null when on none
 * @param tasks the open tasks due today or earlier, the earliest first: what "Done" acts
 * on
 * @param program the care-management program the person has consented to (CCM, PCM), or
 * null
 * @param snooze the person's latest snooze, when it has expired or news arrived since
 * (the row is back); null otherwise
 */
public record TodayRow(PatientId person, String name, String coordinator, int priority, List<Reason> reasons,
		List<Task> tasks, String program, Snooze snooze) {

	public TodayRow {
		reasons = List.copyOf(reasons);
		tasks = List.copyOf(tasks);
	}

	/** Why a row is on the page. */
	public enum Kind {

		TCM_CONTACT("TCM contact"), TASK_OVERDUE("overdue task"), TASK_DUE_TODAY("task due today"),
		ADMISSION("admission"), ED_VISIT("ED visit"), DISCHARGE_WITHOUT_FOLLOW_UP("discharge without follow-up"),
		HIGH_RISK("high risk"), RISING_RISK("rising risk"), NOT_CONTACTED("not contacted"), REFILL_GAP("refill gap"),
		RIDE_TO_BOOK("ride to book");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		/** What a coordinator calls it, lower case. */
		public String label() {
			return this.label;
		}

	}

	/**
	 * One reason.
	 *
	 * @param what what happened or is due, as the coordinator reads it
	 * @param points what it adds to the priority
	 * @param why how the points were counted ("TCM contact 100 + 2 days late × 5")
	 */
	public record Reason(Kind kind, String what, int points, String why) {
	}

	/** A coordinator's decision to look at the person later. */
	public record Snooze(LocalDate until, String reason, String by, java.time.Instant at) {
	}

	/** "130 = 100 TCM contact + 30 high risk": the priority's parts, largest first. */
	public String priorityParts() {
		if (this.reasons.size() == 1) {
			return this.priority + " (" + this.reasons.get(0).kind().label() + ")";
		}
		return this.priority + " = "
				+ this.reasons.stream()
					.sorted(Comparator.comparingInt(Reason::points).reversed())
					.map(r -> r.points() + " " + r.kind().label())
					.collect(Collectors.joining(" + "));
	}

	/** The earliest due day of the row's tasks; null when it has none. */
	public LocalDate earliestDue() {
		return this.tasks.stream().map(Task::dueOn).min(Comparator.naturalOrder()).orElse(null);
	}

	/** Whether any reason is of this kind. */
	public boolean has(Kind kind) {
		return this.reasons.stream().anyMatch(r -> r.kind() == kind);
	}

	/**
	 * What the "Done" button of one of the row's tasks says: "Done: contact after
	 * discharge".
	 */
	public String doneLabel(Task task) {
		return "Done: " + shortName(task);
	}

	/**
	 * The program a call on this row is most likely for: TCM while a transition-of-care
	 * contact is due, else the person's program, else OTHER.
	 */
	public String likelyActivity() {
		if (has(Kind.TCM_CONTACT)) {
			return "TCM";
		}
		return this.program != null ? this.program : "OTHER";
	}

	/**
	 * What a "Done" button says it acts on: "contact after discharge" rather than the
	 * task's whole title.
	 */
	public static String shortName(Task task) {
		return switch (task.kind()) {
			case TCM_CONTACT -> "contact after discharge";
			case TCM_VISIT -> "visit after discharge";
			case MEDICATION_RECONCILIATION -> "medication reconciliation";
			case OTHER -> task.title().length() > 60 ? task.title().substring(0, 57) + "..." : task.title();
		};
	}

}
