package org.northstar.scheduling;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * A visit a person needs, to be placed by a proposal.
 *
 * @param type the specialty or visit type ("cardiology", "lab")
 * @param provider a provider's id when it must be that one; null: any that offers the
 * type
 * @param durationMinutes null: the provider's minutes for the type, else 30
 * @param earliest first day it may be on (inclusive)
 * @param latest last day it may be on (inclusive)
 * @param modes how it may happen; empty: in person only
 */
public record NeededVisit(String type, String provider, Integer durationMinutes, LocalDate earliest, LocalDate latest,
		Set<VisitMode> modes) {

	public NeededVisit {
		if (type == null || type.isBlank()) {
			throw new InvalidScheduleException("type", "A visit needs a type (\"cardiology\")");
		}
		if (durationMinutes != null && (durationMinutes < 5 || durationMinutes > 480)) {
			throw new InvalidScheduleException("durationMinutes",
					"A visit lasts 5 to 480 minutes, not " + durationMinutes);
		}
		if (earliest == null) {
			throw new InvalidScheduleException("earliest", "A visit needs its earliest date (yyyy-mm-dd)");
		}
		if (latest == null) {
			throw new InvalidScheduleException("latest", "A visit needs its latest date (yyyy-mm-dd)");
		}
		if (latest.isBefore(earliest)) {
			throw new InvalidScheduleException("latest",
					"A visit's latest date (" + latest + ") is before its earliest (" + earliest + ")");
		}
		if (latest.isAfter(earliest.plusDays(366))) {
			throw new InvalidScheduleException("latest", "A visit's window is at most a year");
		}
		modes = modes == null || modes.isEmpty() ? Set.of(VisitMode.IN_PERSON) : Set.copyOf(EnumSet.copyOf(modes));
	}

}
