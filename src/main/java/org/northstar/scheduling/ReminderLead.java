package org.northstar.scheduling;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How long before a visit a reminder is due: whole days ({@code P2D}), counted on the
 * calendar, so that two days before a 10:00 visit is 10:00 two days earlier even across a
 * daylight-saving change; or a time ({@code PT2H}), counted as elapsed time, so that two
 * hours before is two hours before by the clock on the wall on the day of the change too.
 */
record ReminderLead(String text, Period days, Duration time) {

	ReminderLead {
		if (days.isNegative() || time.isNegative() || days.isZero() && time.isZero()) {
			throw new IllegalArgumentException("A reminder's lead is positive, not " + text);
		}
	}

	/**
	 * @param text {@code P2D}, {@code PT2H}, {@code P1DT12H}
	 * @throws IllegalArgumentException naming the text when it is not one of these
	 */
	static ReminderLead parse(String text) {
		String t = text.strip().toUpperCase(java.util.Locale.ROOT);
		try {
			int split = t.indexOf('T');
			Period days = split == 1 ? Period.ZERO : Period.parse(split < 0 ? t : t.substring(0, split));
			Duration time = split < 0 ? Duration.ZERO : Duration.parse("P" + t.substring(split));
			if (days.getYears() != 0 || days.getMonths() != 0) {
				throw new IllegalArgumentException("A reminder's lead is in days and hours, not " + text);
			}
			return new ReminderLead(t, days, time);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"A reminder's lead is an ISO 8601 duration such as P2D or PT2H, not '" + text + "'", ex);
		}
	}

	/**
	 * The configured leads, {@code P2D,PT2H}: the earliest first, each once.
	 * @throws IllegalArgumentException naming the one that is not a lead
	 */
	static List<ReminderLead> parseAll(String configured) {
		List<ReminderLead> leads = new ArrayList<>();
		for (String part : configured.split(",")) {
			if (!part.isBlank()) {
				ReminderLead lead = parse(part);
				if (leads.stream().noneMatch(l -> l.text().equals(lead.text()))) {
					leads.add(lead);
				}
			}
		}
		ZonedDateTime probe = ZonedDateTime.parse("2026-01-15T12:00:00Z");
		leads.sort(java.util.Comparator.comparing(l -> l.dueBefore(probe)));
		return List.copyOf(leads);
	}

	/** When the reminder of a visit starting then is due. */
	ZonedDateTime dueBefore(ZonedDateTime start) {
		return start.minus(this.days).minus(this.time);
	}

	/** "2 days before", "2 hours before", "1 day 12 hours before". */
	String inWords() {
		List<String> parts = new ArrayList<>();
		if (this.days.getDays() != 0) {
			parts.add(this.days.getDays() + (this.days.getDays() == 1 ? " day" : " days"));
		}
		long hours = this.time.toHours();
		long minutes = this.time.toMinutesPart();
		if (hours != 0) {
			parts.add(hours + (hours == 1 ? " hour" : " hours"));
		}
		if (minutes != 0) {
			parts.add(minutes + " min");
		}
		return String.join(" ", parts) + " before";
	}

}
