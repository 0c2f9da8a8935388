package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something in a person's life that a visit must not overlap: recurring on weekdays
 * ({@code days}, every {@code everyWeeks} weeks counted from {@code from}, for rotating
 * shifts), or on listed {@code dates}, each from {@code start} to {@code end} local time,
 * with {@code bufferAfterMinutes} after it (dialysis' recovery). An end at or before the
 * start runs past midnight (a night shift).
 *
 * @param label the person's own word for it, shown instead of the kind's; may be null
 * @param from first day it applies; null: always (required when everyWeeks > 1)
 * @param until last day it applies; null: open-ended
 * @param place where it happens, so that the trip to a visit after it (and from a visit
 * before it) is counted; null: unknown, and no travel is counted
 */
public record Commitment(Kind kind, String label, Set<DayOfWeek> days, List<LocalDate> dates, LocalTime start,
		LocalTime end, int bufferAfterMinutes, int everyWeeks, LocalDate from, LocalDate until, Place place) {

	/** What the commitment is. */
	public enum Kind {

		DIALYSIS, WORK, CAREGIVING, SCHOOL, OTHER

	}

	/**
	 * @throws InvalidScheduleException naming the field when the commitment makes no
	 * sense
	 */
	public Commitment {
		if (kind == null) {
			throw new InvalidScheduleException("kind",
					"A commitment needs a kind: DIALYSIS, WORK, CAREGIVING, SCHOOL or OTHER");
		}
		days = days == null ? Set.of() : Set.copyOf(days);
		dates = dates == null ? List.of() : List.copyOf(new TreeSet<>(dates));
		if (days.isEmpty() && dates.isEmpty()) {
			throw new InvalidScheduleException("days", "A commitment needs weekdays (\"days\") or dates (\"dates\")");
		}
		if (start == null) {
			throw new InvalidScheduleException("start", "A commitment needs a start time (HH:mm)");
		}
		if (end == null) {
			throw new InvalidScheduleException("end", "A commitment needs an end time (HH:mm)");
		}
		if (end.equals(start)) {
			throw new InvalidScheduleException("end", "A commitment's end (" + end + ") must differ from its start");
		}
		if (bufferAfterMinutes < 0 || bufferAfterMinutes > 1440) {
			throw new InvalidScheduleException("bufferAfterMinutes",
					"The buffer after a commitment is 0 to 1440 minutes, not " + bufferAfterMinutes);
		}
		if (everyWeeks == 0) {
			everyWeeks = 1;
		}
		if (everyWeeks < 1 || everyWeeks > 8) {
			throw new InvalidScheduleException("everyWeeks",
					"A commitment repeats every 1 to 8 weeks, not " + everyWeeks);
		}
		if (everyWeeks > 1 && from == null) {
			throw new InvalidScheduleException("from",
					"A commitment every " + everyWeeks + " weeks needs the first day of its rotation (\"from\")");
		}
		if (from != null && until != null && until.isBefore(from)) {
			throw new InvalidScheduleException("until",
					"A commitment's last day (" + until + ") is before its first (" + from + ")");
		}
	}

	/** A weekly commitment on the days, every week. */
	public static Commitment weekly(Kind kind, Set<DayOfWeek> days, LocalTime start, LocalTime end,
			int bufferAfterMinutes) {
		return new Commitment(kind, null, days, List.of(), start, end, bufferAfterMinutes, 1, null, null, null);
	}

	/** A commitment on the listed dates only (a one-off, a shift roster). */
	public static Commitment onDates(Kind kind, List<LocalDate> dates, LocalTime start, LocalTime end,
			int bufferAfterMinutes) {
		return new Commitment(kind, null, Set.of(), dates, start, end, bufferAfterMinutes, 1, null, null, null);
	}

	/** The same commitment, at the place. */
	public Commitment at(Place place) {
		return new Commitment(this.kind, this.label, this.days, this.dates, this.start, this.end,
				this.bufferAfterMinutes, this.everyWeeks, this.from, this.until, place);
	}

	/** Whether it happens on the day (starting that day). */
	public boolean startsOn(LocalDate day) {
		if ((this.from != null && day.isBefore(this.from)) || (this.until != null && day.isAfter(this.until))) {
			return false;
		}
		if (this.dates.contains(day)) {
			return true;
		}
		if (!this.days.contains(day.getDayOfWeek())) {
			return false;
		}
		if (this.everyWeeks == 1) {
			return true;
		}
		long weeks = Math
			.floorDiv(ChronoUnit.DAYS.between(this.from.with(DayOfWeek.MONDAY), day.with(DayOfWeek.MONDAY)), 7);
		return Math.floorMod(weeks, this.everyWeeks) == 0;
	}

	/**
	 * Every occurrence that starts from {@code first} to {@code last} inclusive, with its
	 * buffer, in the zone. A local time a daylight-saving change skips moves on by the
	 * gap, as {@link ZonedDateTime#of} does.
	 */
	public List<Occurrence> occurrences(LocalDate first, LocalDate last, ZoneId zone) {
		List<Occurrence> result = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			if (startsOn(day)) {
				ZonedDateTime s = ZonedDateTime.of(day, this.start, zone);
				LocalDate endDay = this.end.isAfter(this.start) ? day : day.plusDays(1);
				ZonedDateTime e = ZonedDateTime.of(endDay, this.end, zone);
				result.add(new Occurrence(this, s, e, e.plusMinutes(this.bufferAfterMinutes)));
			}
		}
		return result;
	}

	/** The word for it in an explanation: the label, or the kind ("dialysis"). */
	public String name() {
		return this.label != null && !this.label.isBlank() ? this.label : this.kind.name().toLowerCase(Locale.ROOT);
	}

	/** Its weekdays in order, "MON, WED, FRI"; empty when it is on dates only. */
	public String weekdays() {
		return String.join(", ", this.days.stream().sorted().map(d -> d.name().substring(0, 3)).toList());
	}

	/** "dialysis 06:00–10:00 + 2 h recovery". */
	public String describe() {
		String text = name() + " " + this.start + "–" + this.end;
		if (this.bufferAfterMinutes > 0) {
			text += " + " + Explain.duration(Duration.ofMinutes(this.bufferAfterMinutes)) + " "
					+ (this.kind == Kind.DIALYSIS ? "recovery" : "buffer");
		}
		return text;
	}

	/**
	 * One occurrence: from its start to its end, and blocked until {@code blockedUntil}.
	 */
	public record Occurrence(Commitment commitment, ZonedDateTime start, ZonedDateTime end,
			ZonedDateTime blockedUntil) {

		/** Whether the interval [from, to) meets the occurrence or its buffer. */
		public boolean overlaps(ZonedDateTime from, ZonedDateTime to) {
			return from.toInstant().isBefore(this.blockedUntil.toInstant())
					&& this.start.toInstant().isBefore(to.toInstant());
		}

	}

}
