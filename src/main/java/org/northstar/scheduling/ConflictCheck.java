package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.shared.BusinessCalendar;

/**
 * Every reason a visit does not fit a person's life and the provider's calendar, each in
 * words: overlap with a commitment or the buffer after it; with another appointment, or
 * too close to it to travel between them; outside the provider's sessions or on a
 * closure; the provider booked; and transport (the ride program's notice, hours and days,
 * a trip longer than the person can manage). Pure: no clock, no storage.
 *
 * <p>
 * Intervals are half-open: a visit that ends as dialysis starts, or starts as the
 * recovery ends, fits. Comparisons are of instants, so a daylight-saving change moves
 * nothing.
 */
public final class ConflictCheck {

	private final TravelTimes travel;

	private final ZoneId zone;

	/** The days a ride program's notice in business days counts. */
	private final BusinessCalendar calendar;

	public ConflictCheck(TravelTimes travel, ZoneId zone, BusinessCalendar calendar) {
		this.travel = travel;
		this.zone = zone;
		this.calendar = calendar;
	}

	/** With no holidays: business days are Monday to Friday. */
	public ConflictCheck(TravelTimes travel, ZoneId zone) {
		this(travel, zone, BusinessCalendar.WEEKDAYS);
	}

	/**
	 * Every conflict of the visit, in the order commitments, appointments, opening hours,
	 * provider bookings, transport; empty when it fits.
	 * @param providerBookings the provider's appointments with other people near the
	 * visit
	 * @param now when the check is made, for the ride program's notice
	 */
	public List<Conflict> conflicts(PersonSchedule person, ProposedVisit visit, List<Appointment> providerBookings,
			Instant now) {
		ZonedDateTime start = visit.start().withZoneSameInstant(this.zone);
		ZonedDateTime end = visit.end().withZoneSameInstant(this.zone);
		String when = Explain.moment(start);
		List<Conflict> found = new ArrayList<>();
		commitments(person, visit, start, end, when, found);
		appointments(person, visit, start, end, when, found);
		if (visit.provider() != null) {
			openingHours(visit.provider(), start, end, when, found);
			providerBooked(visit, start, end, providerBookings, when, found);
		}
		if (visit.mode().inPerson()) {
			transport(person.transport(), visit.location(), start, end, now, when, found);
		}
		if (visit.mode() == VisitMode.TELEHEALTH && person.telehealth() != null && !person.telehealth().ready()) {
			found.add(new Conflict(Conflict.Kind.TELEHEALTH, when + ": no video visit, the person is missing "
					+ String.join(", ", person.telehealth().missing()) + "; offer phone or in person"));
		}
		Preferences preferences = person.preferences();
		if (visit.provider() != null && preferences.languageRequired()
				&& !visit.provider().speaks(preferences.language())) {
			found.add(new Conflict(Conflict.Kind.LANGUAGE, when + ": " + visit.provider().name() + " does not list "
					+ Languages.name(preferences.language()) + ", which the person needs"));
		}
		return found;
	}

	private void commitments(PersonSchedule person, ProposedVisit visit, ZonedDateTime start, ZonedDateTime end,
			String when, List<Conflict> found) {
		// An occurrence starting the day before can run into the visit (a night shift, a
		// long buffer); one starting the day after can need the trip there from it.
		LocalDate first = start.toLocalDate().minusDays(2);
		LocalDate last = end.toLocalDate().plusDays(1);
		for (Commitment commitment : person.commitments()) {
			for (Commitment.Occurrence o : commitment.occurrences(first, last, this.zone)) {
				if (o.overlaps(start, end)) {
					String text = when + " overlaps " + commitment.describe();
					if (!o.start().toLocalDate().equals(start.toLocalDate())) {
						text += " (from " + Explain.DAY.format(o.start()) + ")";
					}
					found.add(new Conflict(Conflict.Kind.COMMITMENT, text));
				}
				else if (visit.mode().inPerson() && visit.location() != null && commitment.place() != null) {
					tripBetween(person, visit.location(), o, start, end, when, found);
				}
			}
		}
	}

	/**
	 * The trip between where a commitment happens and the visit: leaving work at 17:00
	 * across town does not reach a 17:15 visit. The person leaves when the commitment and
	 * its buffer are over.
	 */
	private void tripBetween(PersonSchedule person, Location location, Commitment.Occurrence o, ZonedDateTime start,
			ZonedDateTime end, String when, List<Conflict> found) {
		Commitment commitment = o.commitment();
		Duration trip = this.travel.between(commitment.place().coordinates(), location.coordinates(),
				person.transport().mode());
		String what = commitment.describe() + " at " + commitment.place().describe();
		ZonedDateTime free = o.blockedUntil();
		if (!free.isAfter(start) && free.plus(trip).isAfter(start)) {
			found.add(new Conflict(Conflict.Kind.COMMITMENT,
					when + " is " + Explain.duration(Duration.between(free, start)) + " after " + what
							+ " ends, and the trip to " + location.name() + " takes " + Explain.duration(trip)));
		}
		else if (!end.isAfter(o.start()) && end.plus(trip).isAfter(o.start())) {
			found.add(new Conflict(Conflict.Kind.COMMITMENT,
					when + " ends " + Explain.duration(Duration.between(end, o.start())) + " before " + what
							+ " starts, and the trip there takes " + Explain.duration(trip)));
		}
	}

	private void appointments(PersonSchedule person, ProposedVisit visit, ZonedDateTime start, ZonedDateTime end,
			String when, List<Conflict> found) {
		for (Appointment other : person.appointments()) {
			if (!other.status().holdsTime() || other.id().equals(visit.replacing())) {
				continue;
			}
			Location there = other.locationId() == null ? null : person.locations().get(other.locationId());
			String what = other.type() + (there == null ? "" : " at " + there.name()) + " "
					+ Explain.time(other.start().withZoneSameInstant(this.zone)) + "–"
					+ Explain.time(other.end().withZoneSameInstant(this.zone));
			if (start.isBefore(other.end()) && other.start().isBefore(end)) {
				found.add(new Conflict(Conflict.Kind.APPOINTMENT, when + " overlaps " + what));
				continue;
			}
			if (!visit.mode().inPerson() || !other.mode().inPerson() || there == null || visit.location() == null) {
				continue;
			}
			Duration trip = this.travel.between(there.coordinates(), visit.location().coordinates(),
					person.transport().mode());
			if (!other.end().isAfter(start) && other.end().plus(trip).isAfter(start)) {
				found.add(new Conflict(Conflict.Kind.APPOINTMENT,
						when + " is " + Explain.duration(Duration.between(other.end(), start)) + " after " + what
								+ " ends, and the trip to " + visit.location().name() + " takes "
								+ Explain.duration(trip)));
			}
			else if (!end.isAfter(other.start()) && end.plus(trip).isAfter(other.start())) {
				found.add(new Conflict(Conflict.Kind.APPOINTMENT,
						when + " ends " + Explain.duration(Duration.between(end, other.start())) + " before " + what
								+ ", and the trip there takes " + Explain.duration(trip)));
			}
		}
	}

	private void openingHours(Provider provider, ZonedDateTime start, ZonedDateTime end, String when,
			List<Conflict> found) {
		var closure = provider.closureOn(start.toLocalDate());
		if (closure.isPresent()) {
			found.add(new Conflict(Conflict.Kind.OPENING_HOURS,
					when + ": " + provider.name() + " is closed (" + closure.get().reason() + ")"));
		}
		else if (!provider.isOpen(start, end, this.zone)) {
			String free = provider.freeSlotsOn(start.toLocalDate(), this.zone);
			found.add(new Conflict(Conflict.Kind.OPENING_HOURS,
					when + "–" + Explain.time(end) + " is outside " + provider.name() + "'s hours ("
							+ provider.hoursOn(start.getDayOfWeek())
							+ (free.isEmpty() ? "" : "; free in its calendar " + free) + ")"));
		}
	}

	private void providerBooked(ProposedVisit visit, ZonedDateTime start, ZonedDateTime end, List<Appointment> bookings,
			String when, List<Conflict> found) {
		for (Provider.Slot busy : visit.provider().busyDuring(start.toInstant(), end.toInstant())) {
			found.add(new Conflict(Conflict.Kind.PROVIDER_BOOKED,
					when + ": " + visit.provider().name() + " is busy " + Explain.time(busy.start().atZone(this.zone))
							+ "–" + Explain.time(busy.end().atZone(this.zone)) + " in its calendar"));
		}
		for (Appointment booking : bookings) {
			if (booking.status().holdsTime() && !booking.id().equals(visit.replacing())
					&& visit.provider().id().equals(booking.providerId()) && start.isBefore(booking.end())
					&& booking.start().isBefore(end)) {
				found.add(new Conflict(Conflict.Kind.PROVIDER_BOOKED,
						when + ": " + visit.provider().name() + " is already booked "
								+ Explain.time(booking.start().withZoneSameInstant(this.zone)) + "–"
								+ Explain.time(booking.end().withZoneSameInstant(this.zone))));
			}
		}
	}

	private void transport(Transport transport, Location location, ZonedDateTime start, ZonedDateTime end, Instant now,
			String when, List<Conflict> found) {
		Duration trip = transport.home() == null ? Duration.ZERO
				: this.travel.between(transport.home(), location.coordinates(), transport.mode());
		if (transport.maxTripMinutes() != null && trip.toMinutes() > transport.maxTripMinutes()) {
			found.add(new Conflict(Conflict.Kind.TRANSPORT,
					when + ": the trip from home to " + location.name() + " takes " + Explain.duration(trip) + " by "
							+ transport.mode().name().toLowerCase(Locale.ROOT) + ", longer than the "
							+ transport.maxTripMinutes() + " min the person can manage"));
		}
		if (!transport.needsRide()) {
			return;
		}
		ZonedDateTime pickup = start.minus(trip);
		ZonedDateTime dropOff = end.plus(trip);
		DayOfWeek day = start.getDayOfWeek();
		if (!transport.rideDays().contains(day)) {
			found.add(new Conflict(Conflict.Kind.TRANSPORT, when + ": the ride program does not run on "
					+ day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s"));
			return;
		}
		ZonedDateTime firstPickup = ZonedDateTime.of(start.toLocalDate(), transport.rideStarts(), this.zone);
		ZonedDateTime lastDropOff = ZonedDateTime.of(start.toLocalDate(), transport.rideEnds(), this.zone);
		if (pickup.isBefore(firstPickup) || dropOff.isAfter(lastDropOff)) {
			found.add(new Conflict(Conflict.Kind.TRANSPORT,
					when + ": rides run " + transport.rideStarts() + "–" + transport.rideEnds()
							+ ", and this needs a pickup at " + Explain.time(pickup) + " and a drop-off home at "
							+ Explain.time(dropOff)));
		}
		ZonedDateTime bookBy = transport.rideBookBy(pickup, this.calendar);
		if (!now.isAfter(bookBy.toInstant())) {
			return;
		}
		String needs = when + ": the ride program needs " + transport.rideNotice();
		if (transport.rideNoticeBusinessDays() > 0) {
			found.add(new Conflict(Conflict.Kind.TRANSPORT,
					needs + ", so the ride for the pickup at " + Explain.time(pickup) + " had to be booked by "
							+ Explain.moment(bookBy.withZoneSameInstant(this.zone))));
			return;
		}
		Duration notice = Duration.between(now, pickup.toInstant());
		found.add(new Conflict(Conflict.Kind.TRANSPORT,
				needs + ", and the pickup at " + Explain.time(pickup) + " is " + (notice.isNegative() ? "past" : "only "
						+ Explain.duration(notice.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + " away")));
	}

}
