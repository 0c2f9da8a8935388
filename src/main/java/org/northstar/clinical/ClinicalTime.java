package org.northstar.clinical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When something happened, as precisely as its source said: a year, a month, a day, or a
 * moment. A date without a time ("2026-03-08") is a day of the calendar, not a moment: it
 * is the same day in every zone and is never moved across midnight. The import keeps it
 * as the first moment of that day in UTC, which only orders it among the rest.
 *
 * @param instant the moment, or for a date the first moment of it in UTC
 */
public record ClinicalTime(Instant instant, Precision precision) {

	/** How much of a date and time the source sent. */
	public enum Precision {

		YEAR, MONTH, DAY, MOMENT

	}

	/**
	 * The time a source sent: {@code asSent} is the FHIR date or dateTime as it arrived
	 * ("2026", "2026-03", "2026-03-08", "2026-03-08T10:05:00-05:00"), and decides the
	 * precision; without it the instant is taken as a moment.
	 * @return null when there is no instant
	 */
	public static ClinicalTime of(Instant instant, String asSent) {
		if (instant == null) {
			return null;
		}
		Precision precision = asSent == null ? Precision.MOMENT : switch (asSent.strip().length()) {
			case 4 -> Precision.YEAR;
			case 7 -> Precision.MONTH;
			case 10 -> Precision.DAY;
			default -> Precision.MOMENT;
		};
		return new ClinicalTime(instant, precision);
	}

	/** Whether the source sent a date (or a part of one) without a time of day. */
	public boolean dateOnly() {
		return this.precision != Precision.MOMENT;
	}

	/**
	 * The calendar day a date-only value names, whatever the zone.
	 * @throws IllegalStateException for a moment, whose day depends on the zone
	 */
	public LocalDate date() {
		if (!dateOnly()) {
			throw new IllegalStateException("A moment's day depends on the zone it is seen in");
		}
		return this.instant.atZone(ZoneOffset.UTC).toLocalDate();
	}

}
