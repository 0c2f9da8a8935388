package org.northstar.scheduling;

import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * A visit at a time, to be checked: with a provider (whose location it is at), or only at
 * a location.
 *
 * @param provider null when only the location is known
 * @param location where it is; null for a telehealth or phone visit with no provider
 * @param replacing the appointment this would move, which is not a conflict with itself;
 * may be null
 */
public record ProposedVisit(ZonedDateTime start, ZonedDateTime end, Provider provider, Location location,
		VisitMode mode, UUID replacing) {

	public ProposedVisit {
		if (start == null) {
			throw new InvalidScheduleException("start", "A visit needs a start");
		}
		if (end == null || !end.isAfter(start)) {
			throw new InvalidScheduleException("end", "A visit's end must be after its start");
		}
		mode = mode == null ? VisitMode.IN_PERSON : mode;
		if (location == null && provider != null) {
			location = provider.location();
		}
		if (mode.inPerson() && location == null) {
			throw new InvalidScheduleException("location", "An in-person visit needs a location or a provider");
		}
	}

}
