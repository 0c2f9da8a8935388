package org.northstar.scheduling;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * The practice's quiet hours, in its own local time: no text or call reminds anyone then.
 * From {@code start} (included) to {@code end} (excluded), over midnight when the end is
 * at or before the start ({@code 21:00-08:00}, the default). Local times, so the hours
 * stay where they are on the clock across a daylight-saving change.
 *
 * @param start null: no quiet hours
 */
public record QuietHours(LocalTime start, LocalTime end) {

	/** No quiet hours. */
	public static final QuietHours NONE = new QuietHours(null, null);

	public QuietHours {
		if ((start == null) != (end == null) || (start != null && start.equals(end))) {
			throw new IllegalArgumentException("quiet hours need a start and a different end, such as 21:00-08:00");
		}
	}

	/**
	 * Reads {@code 21:00-08:00}, or {@code off} (also empty) for none.
	 * @throws IllegalArgumentException saying what is wrong
	 */
	public static QuietHours parse(String text) {
		String t = text == null ? "" : text.strip();
		if (t.isEmpty() || t.equalsIgnoreCase("off")) {
			return NONE;
		}
		String[] parts = t.split("\\s*[-–]\\s*");
		if (parts.length != 2) {
			throw new IllegalArgumentException("'" + text + "' is not quiet hours such as 21:00-08:00, or off");
		}
		try {
			return new QuietHours(LocalTime.parse(pad(parts[0])), LocalTime.parse(pad(parts[1])));
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("'" + text + "' is not quiet hours such as 21:00-08:00, or off");
		}
	}

	private static String pad(String time) {
		return time.length() == 4 ? "0" + time : time;
	}

	/** Whether the moment falls in the quiet hours, by the local time of its zone. */
	public boolean contains(ZonedDateTime moment) {
		if (this.start == null) {
			return false;
		}
		LocalTime t = moment.toLocalTime();
		return overMidnight() ? !t.isBefore(this.start) || t.isBefore(this.end)
				: !t.isBefore(this.start) && t.isBefore(this.end);
	}

	/**
	 * When the quiet hours that contain the moment end; the moment itself when it is not
	 * in them.
	 */
	public ZonedDateTime endAfter(ZonedDateTime moment) {
		if (!contains(moment)) {
			return moment;
		}
		LocalDate day = overMidnight() && !moment.toLocalTime().isBefore(this.start) ? moment.toLocalDate().plusDays(1)
				: moment.toLocalDate();
		return ZonedDateTime.of(day, this.end, moment.getZone());
	}

	/**
	 * When the quiet hours that contain the moment begin; the moment itself when it is
	 * not in them.
	 */
	public ZonedDateTime startBefore(ZonedDateTime moment) {
		if (!contains(moment)) {
			return moment;
		}
		LocalDate day = overMidnight() && moment.toLocalTime().isBefore(this.end) ? moment.toLocalDate().minusDays(1)
				: moment.toLocalDate();
		return ZonedDateTime.of(day, this.start, moment.getZone());
	}

	/** "21:00–08:00". */
	public String describe() {
		return this.start == null ? "none" : this.start + "–" + this.end;
	}

	private boolean overMidnight() {
		return !this.end.isAfter(this.start);
	}

}
