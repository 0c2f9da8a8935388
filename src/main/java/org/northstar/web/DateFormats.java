package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.northstar.clinical.ClinicalTime;

import org.springframework.stereotype.Component;

/**
 * How pages write dates and times: {@code ${@dates.day(instant)}} in a template. One
 * format for every date ("12 Mar 1948"), and every moment in the practice's zone (a
 * result taken at 10:05 in Ohio shows 10:05). A date without a time is shown as the day
 * it names, never moved across midnight by a zone.
 */
@Component("dates")
class DateFormats {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ENGLISH);

	private final ZoneId zone;

	DateFormats(Clock clock) {
		this.zone = clock.getZone();
	}

	/** The day of a moment, in the practice's zone. */
	public String day(Instant instant) {
		return instant == null ? "—" : DAY.format(instant.atZone(this.zone));
	}

	/** A recent day, with its weekday and without its year: "Tue 12 Nov". */
	public String weekday(Instant instant) {
		return instant == null ? "—" : WEEKDAY.format(instant.atZone(this.zone));
	}

	/** A moment's day and time, in the practice's zone. */
	public String dayTime(Instant instant) {
		return instant == null ? "—" : DAY_TIME.format(instant.atZone(this.zone));
	}

	/** A calendar day: a birth date, a due date. */
	public String date(LocalDate date) {
		return date == null ? "—" : DAY.format(date);
	}

	/**
	 * A clinical time as precisely as its source sent it: "2026", "Mar 2026", a day, a
	 * moment.
	 */
	public String when(ClinicalTime time) {
		if (time == null) {
			return "—";
		}
		return switch (time.precision()) {
			case YEAR -> YEAR.format(time.date());
			case MONTH -> MONTH.format(time.date());
			case DAY -> DAY.format(time.date());
			case MOMENT -> dayTime(time.instant());
		};
	}

	/**
	 * The day of a clinical time: the date sent, or the moment's day in the practice's
	 * zone.
	 */
	public String whenDay(ClinicalTime time) {
		if (time == null) {
			return "—";
		}
		return time.dateOnly() ? when(time) : day(time.instant());
	}

	/** ISO form for the {@code datetime} attribute of {@code <time>}. */
	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

	/** ISO form of a calendar day, or of a clinical time as precise as it was sent. */
	public String isoWhen(ClinicalTime time) {
		if (time == null) {
			return "";
		}
		return switch (time.precision()) {
			case YEAR -> YEAR.format(time.date());
			case MONTH -> time.date().toString().substring(0, 7);
			case DAY -> time.date().toString();
			case MOMENT -> time.instant().atZone(this.zone).toOffsetDateTime().toString();
		};
	}

	/** ISO form of a calendar day. */
	public String isoDate(LocalDate date) {
		return date == null ? "" : date.toString();
	}

}
