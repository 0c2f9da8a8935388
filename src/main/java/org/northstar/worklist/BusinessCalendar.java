package org.northstar.worklist;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Working days: Monday to Friday, less the configured holidays. */
record BusinessCalendar(Set<LocalDate> holidays) {

	BusinessCalendar {
		holidays = Set.copyOf(holidays);
	}

	boolean isBusinessDay(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
				&& !this.holidays.contains(day);
	}

	/**
	 * The day {@code days} business days after {@code from}; {@code from} itself does not
	 * count.
	 */
	LocalDate plusBusinessDays(LocalDate from, int days) {
		LocalDate day = from;
		int counted = 0;
		while (counted < days) {
			day = day.plusDays(1);
			if (isBusinessDay(day)) {
				counted++;
			}
		}
		return day;
	}

}
