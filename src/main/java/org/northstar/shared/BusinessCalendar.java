package org.northstar.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days: Monday to Friday, less the configured holidays. Shared because a
 * discharge's contact deadline and a ride program's booking notice count the same days.
 */
public record BusinessCalendar(Set<LocalDate> holidays) {

	/** Monday to Friday, with no holidays. */
	public static final BusinessCalendar WEEKDAYS = new BusinessCalendar(Set.of());

	public BusinessCalendar {
		holidays = Set.copyOf(holidays);
	}

	/**
	 * The calendar a setting lists holidays for: ISO dates, comma-separated, none when
	 * blank.
	 * @throws IllegalArgumentException naming the setting and the date it cannot read
	 */
	public static BusinessCalendar of(String setting, String dates) {
		Set<LocalDate> holidays = new HashSet<>();
		for (String date : dates == null ? new String[0] : dates.split(",")) {
			if (date.isBlank()) {
				continue;
			}
			try {
				holidays.add(LocalDate.parse(date.strip()));
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(
						setting + ": '" + date.strip() + "' is not a date; list holidays as 2026-12-25,2027-01-01", ex);
			}
		}
		return new BusinessCalendar(holidays);
	}

	public boolean isBusinessDay(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
				&& !this.holidays.contains(day);
	}

	/**
	 * The day {@code days} business days after {@code from}; {@code from} itself does not
	 * count.
	 */
	public LocalDate plusBusinessDays(LocalDate from, int days) {
		return step(from, days, 1);
	}

	/**
	 * The day {@code days} business days before {@code to}; {@code to} itself does not
	 * count, so 2 business days before a Monday is the Thursday before.
	 */
	public LocalDate minusBusinessDays(LocalDate to, int days) {
		return step(to, days, -1);
	}

	private LocalDate step(LocalDate from, int days, int direction) {
		LocalDate day = from;
		int counted = 0;
		while (counted < days) {
			day = day.plusDays(direction);
			if (isBusinessDay(day)) {
				counted++;
			}
		}
		return day;
	}

}
