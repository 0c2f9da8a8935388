package org.northstar.worklist;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a task stands. OPEN, IN_PROGRESS and ON_HOLD are still to do; DONE and CANCELLED
 * are closed. Which status may follow which is decided here and nowhere else
 * ({@link #mayBecome}): a closed task only reopens (an undone completion, a reinstated
 * cancellation), and no status follows itself. Whether a completion may still be undone
 * (the same day) is for {@link Tasks} to say, which knows the day.
 */
public enum TaskStatus {

	/** To do, not started; FHIR {@code ready}. */
	OPEN("open"),

	/** Someone is on it; FHIR {@code in-progress}. */
	IN_PROGRESS("in progress"),

	/** Waiting on someone else (a callback, a form, a ride); FHIR {@code on-hold}. */
	ON_HOLD("on hold"),

	/** Done, on the day recorded; FHIR {@code completed}. */
	DONE("done"),

	/** Not to be done after all; FHIR {@code cancelled}. */
	CANCELLED("cancelled");

	/** The statuses of a task still to do. */
	public static final Set<TaskStatus> ACTIVE = EnumSet.of(OPEN, IN_PROGRESS, ON_HOLD);

	/** The same, as SQL for a {@code where} clause on {@code task.status}. */
	static final String ACTIVE_SQL = "status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD')";

	private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(OPEN,
			EnumSet.of(IN_PROGRESS, ON_HOLD, DONE, CANCELLED), IN_PROGRESS, EnumSet.of(OPEN, ON_HOLD, DONE, CANCELLED),
			ON_HOLD, EnumSet.of(OPEN, IN_PROGRESS, DONE, CANCELLED), DONE, EnumSet.of(OPEN), CANCELLED,
			EnumSet.of(OPEN));

	private final String label;

	TaskStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public boolean active() {
		return ACTIVE.contains(this);
	}

	/** Whether a task in this status may be put in {@code next}. */
	public boolean mayBecome(TaskStatus next) {
		return NEXT.get(this).contains(next);
	}

	/**
	 * Refuses a change this status does not allow.
	 * @throws TransitionRefusedException naming both statuses
	 */
	public void checkBecomes(TaskStatus next) {
		if (!mayBecome(next)) {
			throw new TransitionRefusedException(this, next);
		}
	}

	/**
	 * The status a name stands for, in any case.
	 * @throws IllegalArgumentException naming the statuses there are
	 */
	public static TaskStatus of(String name) {
		try {
			return valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(
					"A task's status is one of " + EnumSet.allOf(TaskStatus.class) + ", not " + name);
		}
	}

	/** A task was asked to go from one status to another that may not follow it. */
	public static class TransitionRefusedException extends IllegalArgumentException {

		private final TaskStatus from;

		private final TaskStatus to;

		TransitionRefusedException(TaskStatus from, TaskStatus to) {
			super(from == to ? "The task is already " + from.label() + "." : "A task that is " + from.label()
					+ " cannot become " + to.label() + (from.active() ? "." : ": only reopening it is allowed."));
			this.from = from;
			this.to = to;
		}

		public TaskStatus from() {
			return this.from;
		}

		public TaskStatus to() {
			return this.to;
		}

	}

}
