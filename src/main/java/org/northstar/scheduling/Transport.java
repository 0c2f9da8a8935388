package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a person gets to their visits.
 *
 * @param needsRide whether they depend on a ride program
 * @param rideLeadHours how long ahead the program needs a booking
 * @param rideStarts first pickup the program makes (null with needsRide false)
 * @param rideEnds last drop-off the program makes
 * @param rideDays the days the program runs
 * @param transitOnly whether they travel by public transit only
 * @param maxTripMinutes the longest one-way trip they can manage; null: no limit
 * @param home where trips start and end; null: unknown, so no travel is counted
 */
public record Transport(boolean needsRide, int rideLeadHours, LocalTime rideStarts, LocalTime rideEnds,
		Set<DayOfWeek> rideDays, boolean transitOnly, Integer maxTripMinutes, Coordinates home) {

	/** Someone who drives or is driven, with no limits and no known home. */
	public static final Transport UNRESTRICTED = new Transport(false, 0, null, null, Set.of(), false, null, null);

	/**
	 * @throws InvalidScheduleException naming the field that makes no sense
	 */
	public Transport {
		rideDays = rideDays == null || rideDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rideDays));
		if (rideLeadHours < 0) {
			throw new InvalidScheduleException("rideLeadHours",
					"A ride's lead time is 0 hours or more, not " + rideLeadHours);
		}
		if (needsRide && (rideStarts == null || rideEnds == null)) {
			throw new InvalidScheduleException(rideStarts == null ? "rideStarts" : "rideEnds",
					"A ride program needs its hours (rideStarts, rideEnds)");
		}
		if (rideStarts != null && rideEnds != null && !rideEnds.isAfter(rideStarts)) {
			throw new InvalidScheduleException("rideEnds", "The ride program's last drop-off (" + rideEnds
					+ ") must be after its first pickup (" + rideStarts + ")");
		}
		if (needsRide && transitOnly) {
			throw new InvalidScheduleException("transitOnly",
					"A person travels by a ride program or by transit, not both");
		}
		if (maxTripMinutes != null && maxTripMinutes <= 0) {
			throw new InvalidScheduleException("maxTripMinutes",
					"The longest trip is a positive number of minutes, not " + maxTripMinutes);
		}
		if (needsRide && rideDays.isEmpty()) {
			rideDays = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
		}
	}

	/** The mode their trips are timed by. */
	public TravelMode mode() {
		return this.needsRide ? TravelMode.RIDE : this.transitOnly ? TravelMode.TRANSIT : TravelMode.CAR;
	}

}
