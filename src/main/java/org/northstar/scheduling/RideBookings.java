package org.northstar.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.shared.BusinessCalendar;
import org.northstar.shared.PatientId;
import org.northstar.worklist.RidesToBook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rides a coordinator books with a person's ride program, one per upcoming in-person
 * visit of someone who needs a ride: due by the pickup less the program's notice (the
 * pickup is the visit's start less the trip from home, as conflicts count it). Until the
 * coordinator marks it booked it is a reason on her Today ({@link RidesToBook}), at once
 * and saying so when the notice had already run out when the visit was booked.
 */
@Service
public class RideBookings implements RidesToBook {

	private final JdbcClient jdbc;

	private final People people;

	private final Commitments commitments;

	private final Appointments appointments;

	private final Clinics clinics;

	private final TravelTimes travel;

	private final BusinessCalendar rideCalendar;

	private final Clock clock;

	RideBookings(JdbcClient jdbc, People people, Commitments commitments, Appointments appointments, Clinics clinics,
			TravelTimes travel, BusinessCalendar rideCalendar, Clock clock) {
		this.rideCalendar = rideCalendar;
		this.jdbc = jdbc;
		this.people = people;
		this.commitments = commitments;
		this.appointments = appointments;
		this.clinics = clinics;
		this.travel = travel;
		this.clock = clock;
	}

	/** A ride the coordinator marked booked. */
	public record RideBooked(UUID appointment, String by, Instant at) {
	}

	/** The rides still to book for the person's upcoming in-person visits. */
	public List<RideToBook> toBook(PatientId patient) {
		return of(Map.of(patient, this.people.recordsOf(patient)), this.clock.instant()).getOrDefault(patient,
				List.of());
	}

	/** The rides marked booked for the person's appointments, by appointment. */
	public Map<UUID, RideBooked> booked(PatientId patient) {
		Map<UUID, RideBooked> booked = new LinkedHashMap<>();
		this.jdbc.sql("""
				select b.appointment_id, b.booked_by, b.booked_at from ride_booking b
				join appointment a on a.id = b.appointment_id where a.patient_id = any(?)
				""")
			.param(Commitments.ids(this.people.recordsOf(patient)))
			.query((rs, n) -> new RideBooked(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getTimestamp(3).toInstant()))
			.list()
			.forEach(b -> booked.put(b.appointment(), b));
		return booked;
	}

	/**
	 * Marks the ride of the person's appointment booked; marking it again changes
	 * nothing.
	 * @throws InvalidScheduleException naming {@code appointment} when it is not one of
	 * the person's
	 */
	@Transactional
	public void markBooked(PatientId patient, UUID appointment, String by) {
		this.appointments.find(appointment)
			.filter(a -> this.people.recordsOf(patient).contains(a.patient()))
			.orElseThrow(
					() -> new InvalidScheduleException("appointment", "The person has no appointment " + appointment));
		this.jdbc.sql("""
				insert into ride_booking (appointment_id, booked_by, booked_at) values (?, ?, ?)
				on conflict (appointment_id) do nothing
				""").params(appointment, by, Timestamp.from(this.clock.instant())).update();
	}

	@Override
	public Map<PatientId, List<RideToBook>> of(Map<PatientId, ? extends Collection<PatientId>> people, Instant now) {
		Map<UUID, PatientId> personOf = new HashMap<>();
		people.forEach((person, records) -> {
			personOf.put(person.value(), person);
			records.forEach(r -> personOf.putIfAbsent(r.value(), person));
		});
		if (personOf.isEmpty()) {
			return Map.of();
		}
		Set<PatientId> riders = new HashSet<>();
		this.jdbc.sql("select patient_id from person_travel where needs_ride and patient_id = any(?)")
			.param(personOf.keySet().toArray(UUID[]::new))
			.query(UUID.class)
			.list()
			.forEach(id -> riders.add(personOf.get(id)));
		if (riders.isEmpty()) {
			return Map.of();
		}
		Map<PatientId, Transport> transport = new HashMap<>();
		for (PatientId rider : riders) {
			this.commitments.travelOf(rider)
				.map(TravelAndPreferences::transport)
				.filter(Transport::needsRide)
				.ifPresent(t -> transport.put(rider, t));
		}
		UUID[] records = personOf.entrySet()
			.stream()
			.filter(e -> transport.containsKey(e.getValue()))
			.map(Map.Entry::getKey)
			.toArray(UUID[]::new);
		Map<String, Location> locations = this.clinics.locations();
		Map<String, String> locationOfProvider = new HashMap<>();
		this.jdbc.sql("select id, location_id from clinic_provider")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.forEach(e -> locationOfProvider.put(e.getKey(), e.getValue()));
		Map<PatientId, List<RideToBook>> rides = new HashMap<>();
		this.jdbc.sql("""
				select a.id, a.patient_id, a.visit_type, a.starts_at, a.provider_id, a.location_id from appointment a
				where a.patient_id = any(?) and a.status = 'BOOKED' and a.mode = 'IN_PERSON' and a.starts_at > ?
				  and not exists (select 1 from ride_booking b where b.appointment_id = a.id)
				order by a.starts_at, a.id
				""").params(records, Timestamp.from(now)).query(rs -> {
			PatientId person = personOf.get(rs.getObject("patient_id", UUID.class));
			Transport t = transport.get(person);
			ZonedDateTime start = rs.getTimestamp("starts_at").toInstant().atZone(this.clock.getZone());
			String locationId = rs.getString("location_id");
			if (locationId == null && rs.getString("provider_id") != null) {
				locationId = locationOfProvider.get(rs.getString("provider_id"));
			}
			Location location = locationId == null ? null : locations.get(locationId);
			rides.computeIfAbsent(person, p -> new ArrayList<>())
				.add(ride(rs.getObject("id", UUID.class), rs.getString("visit_type"), start, t, location));
		});
		rides.values().forEach(list -> list.sort(Comparator.comparing(r -> r.bookBy().toInstant())));
		return rides;
	}

	/**
	 * The ride to a visit: picked up the trip's length before it starts (at its start
	 * when the home or the place is not known), booked the program's notice before that:
	 * its hours, or its cut-off on the business day the notice counts back to.
	 */
	RideToBook ride(UUID appointment, String visit, ZonedDateTime start, Transport transport, Location location) {
		Duration trip = transport.home() == null || location == null ? Duration.ZERO
				: this.travel.between(transport.home(), location.coordinates(), TravelMode.RIDE);
		ZonedDateTime pickup = start.minus(trip);
		return new RideToBook(appointment, visit, start, pickup, transport.rideBookBy(pickup, this.rideCalendar),
				transport.rideLeadHours(), transport.rideNoticeBusinessDays(), transport.rideNoticeCutoff());
	}

}
