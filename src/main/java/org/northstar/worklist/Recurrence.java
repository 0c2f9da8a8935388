package org.northstar.worklist;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A task that comes back: every {@code every} days or weeks (a weekly weight-check call).
 * Completing it makes the next one, due on the first day of its rhythm after the day it
 * was done: a call due Monday and done on Wednesday is next due the Monday after, not
 * next Wednesday, and never on a day already past.
 *
 * @param every how many units apart, 1 to 365
 */
public record Recurrence(int every, Unit unit) {

	public Recurrence {
		if (unit == null) {
			throw new IllegalArgumentException("A recurrence needs a unit: days or weeks");
		}
		if (every < 1 || every > 365) {
			throw new IllegalArgumentException(
					"A task recurs every 1 to 365 " + unit.name().toLowerCase() + ", not " + every);
		}
	}

	/** Days or weeks. */
	public enum Unit {

		DAYS(ChronoUnit.DAYS), WEEKS(ChronoUnit.WEEKS);

		private final ChronoUnit unit;

		Unit(ChronoUnit unit) {
			this.unit = unit;
		}

	}

	/**
	 * When the next task is due, after one due on {@code due} was done on {@code doneOn}.
	 */
	public LocalDate nextDue(LocalDate due, LocalDate doneOn) {
		LocalDate next = due.plus(this.every, this.unit.unit);
		while (!next.isAfter(doneOn)) {
			next = next.plus(this.every, this.unit.unit);
		}
		return next;
	}

	/** "every 2 weeks", "every day". */
	public String label() {
		String unitName = this.unit == Unit.DAYS ? "day" : "week";
		return this.every == 1 ? "every " + unitName : "every " + this.every + " " + unitName + "s";
	}

}
