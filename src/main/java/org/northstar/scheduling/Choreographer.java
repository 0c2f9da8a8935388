package org.northstar.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.northstar.patient.People;
import org.northstar.shared.BusinessCalendar;
import org.northstar.shared.PatientId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Proposes a schedule for the visits a person needs, from what is stored: their
 * commitments, travel, preferences and appointments, the providers and their bookings.
 * Proposes only: the coordinator books what they accept ({@link Appointments#book}).
 */
@Service
public class Choreographer {

	private final Appointments appointments;

	private final Clinics clinics;

	private final People people;

	private final Choreography choreography;

	private final Clock clock;

	private final Duration defaultLimit;

	Choreographer(Appointments appointments, Clinics clinics, People people, TravelTimes travel,
			BusinessCalendar rideCalendar, Clock clock,
			@Value("${northstar.scheduling.time-limit:5s}") Duration defaultLimit) {
		this.appointments = appointments;
		this.clinics = clinics;
		this.people = people;
		this.choreography = new Choreography(travel, clock.getZone(), rideCalendar);
		this.clock = clock;
		this.defaultLimit = defaultLimit;
	}

	/**
	 * A proposal for the person; their own appointments count as theirs, not the
	 * providers'.
	 */
	public Proposal propose(PatientId patient, ScheduleRequest request) {
		PersonSchedule person = this.appointments.scheduleOf(patient);
		List<Provider> providers = this.clinics.providers();
		LocalDate first = request.visits().stream().map(NeededVisit::earliest).min(Comparator.naturalOrder()).get();
		LocalDate last = request.visits().stream().map(NeededVisit::latest).max(Comparator.naturalOrder()).get();
		Instant from = first.atStartOfDay(this.clock.getZone()).toInstant();
		Instant to = last.plusDays(1).atStartOfDay(this.clock.getZone()).toInstant();
		List<PatientId> records = this.people.recordsOf(patient);
		List<Appointment> bookings = new ArrayList<>();
		for (Provider provider : providers) {
			this.appointments.ofProvider(provider.id(), from, to)
				.stream()
				.filter(a -> !records.contains(a.patient()))
				.forEach(bookings::add);
		}
		return this.choreography.propose(person, providers, bookings, request, this.clock.instant(), this.defaultLimit);
	}

	/**
	 * The visit again after a failed video visit: with the same provider, by phone or in
	 * person, from tomorrow over the next two weeks.
	 */
	public Proposal fallbackFor(PatientId patient, Appointment failed) {
		LocalDate tomorrow = LocalDate.now(this.clock).plusDays(1);
		int minutes = (int) Duration.between(failed.start(), failed.end()).toMinutes();
		NeededVisit again = new NeededVisit(failed.type(), failed.providerId(), minutes, tomorrow,
				tomorrow.plusDays(13), java.util.EnumSet.of(VisitMode.PHONE, VisitMode.IN_PERSON));
		return propose(patient, new ScheduleRequest(List.of(again), List.of(), Duration.ofSeconds(3), 0, null));
	}

	/** The practice's time now, for callers that show proposals. */
	public ZonedDateTime now() {
		return ZonedDateTime.now(this.clock);
	}

}
