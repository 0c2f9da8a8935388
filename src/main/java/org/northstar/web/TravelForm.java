package org.northstar.web;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelMode;

import org.springframework.util.MultiValueMap;

import static org.northstar.web.CommitmentForm.strip;

/**
 * How a person travels and when they would rather be seen, as the schedule section's form
 * writes it. Read into {@link Transport} and {@link Preferences} by their own
 * constructors, so the page refuses what the API refuses; the clinic language has a form
 * of its own and is kept as it was.
 *
 * @param mode {@code CAR} (drives or is driven), {@code RIDE} (a ride program) or
 * {@code TRANSIT} (public transit only)
 * @param rideLeadHours the program's notice in hours; or
 * @param rideNoticeBusinessDays its notice in business days, with
 * @param rideNoticeCutoff the time the booking must be in by on that day
 */
record TravelForm(String mode, String rideLeadHours, String rideNoticeBusinessDays, String rideNoticeCutoff,
		String rideStarts, String rideEnds, Set<String> rideDays, String maxTripMinutes, String homeLatitude,
		String homeLongitude, boolean evenings, boolean saturdays, boolean severalVisitsPerDay) {

	TravelForm {
		rideDays = rideDays == null ? Set.of() : Set.copyOf(rideDays);
	}

	static TravelForm of(Transport t, Preferences p) {
		return new TravelForm(t.mode().name(), String.valueOf(t.rideLeadHours()),
				t.rideNoticeBusinessDays() == 0 ? "" : String.valueOf(t.rideNoticeBusinessDays()),
				t.rideNoticeCutoff() == null ? "" : t.rideNoticeCutoff().toString(),
				t.rideStarts() == null ? "" : t.rideStarts().toString(),
				t.rideEnds() == null ? "" : t.rideEnds().toString(),
				t.rideDays().stream().map(d -> d.name().substring(0, 3)).collect(Collectors.toSet()),
				t.maxTripMinutes() == null ? "" : String.valueOf(t.maxTripMinutes()),
				t.home() == null ? "" : String.valueOf(t.home().latitude()),
				t.home() == null ? "" : String.valueOf(t.home().longitude()), p.evenings(), p.saturdays(),
				p.severalVisitsPerDay());
	}

	static TravelForm posted(MultiValueMap<String, String> fields) {
		List<String> days = fields.get("rideDays");
		return new TravelForm(fields.getFirst("mode"), fields.getFirst("rideLeadHours"),
				fields.getFirst("rideNoticeBusinessDays"), fields.getFirst("rideNoticeCutoff"),
				fields.getFirst("rideStarts"), fields.getFirst("rideEnds"), days == null ? Set.of() : Set.copyOf(days),
				fields.getFirst("maxTripMinutes"), fields.getFirst("homeLatitude"), fields.getFirst("homeLongitude"),
				"true".equals(fields.getFirst("evenings")), "true".equals(fields.getFirst("saturdays")),
				"true".equals(fields.getFirst("severalVisitsPerDay")));
	}

	public boolean rideOn(String day) {
		return this.rideDays.contains(day);
	}

	/**
	 * How the person travels.
	 * @throws InvalidScheduleException naming the form field that is wrong
	 */
	Transport transport() {
		TravelMode travelMode;
		try {
			travelMode = TravelMode.valueOf(strip(this.mode).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException("mode",
					"How they travel: choose drives, needs a ride or public transit only");
		}
		boolean ride = travelMode == TravelMode.RIDE;
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (String day : this.rideDays) {
			int i = CommitmentForm.WEEKDAYS.indexOf(strip(day).toUpperCase(Locale.ROOT));
			if (i < 0) {
				throw new InvalidScheduleException("rideDays", "Ride days: '" + day + "' is not a weekday");
			}
			days.add(DayOfWeek.of(i + 1));
		}
		String maxTrip = strip(this.maxTripMinutes);
		Coordinates home = strip(this.homeLatitude).isEmpty() && strip(this.homeLongitude).isEmpty() ? null
				: CommitmentForm.coordinates("homeLatitude", "homeLongitude", "Home", this.homeLatitude,
						this.homeLongitude);
		return new Transport(ride,
				ride ? CommitmentForm.minutes("rideLeadHours", "Ride booking notice", this.rideLeadHours, 0) : 0,
				ride ? CommitmentForm.minutes("rideNoticeBusinessDays", "Ride booking notice in business days",
						this.rideNoticeBusinessDays, 0) : 0,
				ride ? CommitmentForm.time("rideNoticeCutoff", "Booked by (cut-off)", this.rideNoticeCutoff) : null,
				ride ? CommitmentForm.time("rideStarts", "First pickup", this.rideStarts) : null,
				ride ? CommitmentForm.time("rideEnds", "Last drop-off", this.rideEnds) : null, ride ? days : Set.of(),
				travelMode == TravelMode.TRANSIT, maxTrip.isEmpty() ? null
						: CommitmentForm.minutes("maxTripMinutes", "Longest trip", this.maxTripMinutes, 0),
				home);
	}

	/** What they prefer, with the clinic language they already have. */
	Preferences preferences(Preferences was) {
		return new Preferences(this.evenings, this.saturdays, this.severalVisitsPerDay, was.language(),
				was.languageRequired());
	}

}
