package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.northstar.shared.BusinessCalendar;

/**
 * How a person gets to their visits.
 *
 * @param needsRide whether they depend on a ride program
 * @param rideLeadHours how long ahead of the pickup the program needs a booking, when it
 * counts its notice in hours (0 with a notice in business days)
 * @param rideNoticeBusinessDays how many business days before the pickup's day the
 * program needs a booking ("2 business days before, by 17:00"); 0 when its notice is in
 * hours
 * @param rideNoticeCutoff the time of day, in the practice's zone, by which the booking
 * must be in on that business day; null exactly when the notice is in hours
 * @param rideStarts first pickup the program makes (null with needsRide false)
 * @param rideEnds last drop-off the program makes
 * @param rideDays the days the program runs
 * @param transitOnly whether they travel by public transit only
 * @param maxTripMinutes the longest one-way trip they can manage; null: no limit
 * @param home where trips start and end; null: unknown, so no travel is counted
 */
public record Transport(boolean needsRide, int rideLeadHours, int rideNoticeBusinessDays, LocalTime rideNoticeCutoff,
		LocalTime rideStarts, LocalTime rideEnds, Set<DayOfWeek> rideDays, boolean transitOnly, Integer maxTripMinutes,
		Coordinates home) {

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
		if (rideNoticeBusinessDays < 0) {
			throw new InvalidScheduleException("rideNoticeBusinessDays",
					"A ride's notice is 0 business days or more, not " + rideNoticeBusinessDays);
		}
		if (rideNoticeBusinessDays > 0 && rideLeadHours > 0) {
			throw new InvalidScheduleException("rideNoticeBusinessDays", "A ride program's notice is in hours ("
					+ rideLeadHours + ") or in business days (" + rideNoticeBusinessDays + "), not both");
		}
		if (rideNoticeBusinessDays > 0 && rideNoticeCutoff == null) {
			throw new InvalidScheduleException("rideNoticeCutoff",
					"A notice in business days needs the time the booking must be in by (rideNoticeCutoff, 17:00)");
		}
		if (rideNoticeBusinessDays == 0 && rideNoticeCutoff != null) {
			throw new InvalidScheduleException("rideNoticeBusinessDays", "A cut-off time (" + rideNoticeCutoff
					+ ") goes with a notice in business days: give how many (rideNoticeBusinessDays)");
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

	/** With the program's notice in hours, as before business days could be given. */
	public Transport(boolean needsRide, int rideLeadHours, LocalTime rideStarts, LocalTime rideEnds,
			Set<DayOfWeek> rideDays, boolean transitOnly, Integer maxTripMinutes, Coordinates home) {
		this(needsRide, rideLeadHours, 0, null, rideStarts, rideEnds, rideDays, transitOnly, maxTripMinutes, home);
	}

	/**
	 * The last moment the ride program takes the booking for a pickup: the pickup less
	 * the notice in hours, or the cut-off on the business day the notice counts back to
	 * (weekends and the calendar's holidays skipped), at that day's wall-clock time in
	 * the pickup's zone, so a daylight-saving change between the two moves nothing.
	 */
	public ZonedDateTime rideBookBy(ZonedDateTime pickup, BusinessCalendar calendar) {
		if (this.rideNoticeBusinessDays > 0) {
			return ZonedDateTime.of(calendar.minusBusinessDays(pickup.toLocalDate(), this.rideNoticeBusinessDays),
					this.rideNoticeCutoff, pickup.getZone());
		}
		return pickup.minusHours(this.rideLeadHours);
	}

	/**
	 * The program's notice in words: "48 h notice", "2 business days' notice, by 17:00".
	 */
	public String rideNotice() {
		if (this.rideNoticeBusinessDays > 0) {
			return this.rideNoticeBusinessDays
					+ (this.rideNoticeBusinessDays == 1 ? " business day's" : " business days'") + " notice, by "
					+ this.rideNoticeCutoff;
		}
		return this.rideLeadHours + " h notice";
	}

	/** The mode their trips are timed by. */
	public TravelMode mode() {
		return this.needsRide ? TravelMode.RIDE : this.transitOnly ? TravelMode.TRANSIT : TravelMode.CAR;
	}

}
