package org.northstar.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.shared.BusinessCalendar;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The appointments booked: checked for conflicts whenever one is booked or moved, refused
 * when it conflicts unless a reason to override is given (kept with it; the caller audits
 * the booking with it). The reminders of an appointment follow it ({@link Reminders}).
 */
@Service
public class Appointments {

	private final JdbcClient jdbc;

	private final People people;

	private final Clinics clinics;

	private final Commitments commitments;

	private final ConflictCheck check;

	private final Clock clock;

	private final Reminders reminders;

	Appointments(JdbcClient jdbc, People people, Clinics clinics, Commitments commitments, TravelTimes travel,
			BusinessCalendar rideCalendar, Clock clock, Reminders reminders) {
		this.jdbc = jdbc;
		this.people = people;
		this.clinics = clinics;
		this.commitments = commitments;
		this.check = new ConflictCheck(travel, clock.getZone(), rideCalendar);
		this.clock = clock;
		this.reminders = reminders;
	}

	/** The person's appointments over all their records, in time order. */
	public List<Appointment> of(PatientId patient) {
		return this.jdbc.sql("select * from appointment where patient_id = any(?) order by starts_at, id")
			.param(Commitments.ids(this.people.recordsOf(patient)))
			.query((rs, n) -> appointment(rs))
			.list();
	}

	/** The appointment with the id. */
	public Optional<Appointment> find(UUID id) {
		return this.jdbc.sql("select * from appointment where id = ?")
			.param(id)
			.query((rs, n) -> appointment(rs))
			.optional();
	}

	/** The provider's appointments that hold time and meet [from, to). */
	public List<Appointment> ofProvider(String providerId, Instant from, Instant to) {
		return this.jdbc.sql("""
				select * from appointment where provider_id = ? and status in ('BOOKED', 'ARRIVED')
				and starts_at < ? and ends_at > ? order by starts_at
				""")
			.params(providerId, OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC),
					OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
			.query((rs, n) -> appointment(rs))
			.list();
	}

	/** What the person's time is taken by, for checks and proposals. */
	public PersonSchedule scheduleOf(PatientId patient) {
		TravelAndPreferences travel = this.commitments.travelOf(patient).orElse(TravelAndPreferences.NONE);
		return new PersonSchedule(this.commitments.of(patient), travel.transport(), travel.preferences(), of(patient),
				this.clinics.locations(), this.commitments.telehealthOf(patient).orElse(null));
	}

	/**
	 * Every conflict of a visit for the person, now.
	 * @throws InvalidScheduleException naming {@code provider} or {@code location} when
	 * there is no such one
	 */
	public List<Conflict> check(PatientId patient, String providerId, String locationId, ZonedDateTime start,
			ZonedDateTime end, VisitMode mode, UUID replacing) {
		ProposedVisit visit = visit(providerId, locationId, start, end, mode, replacing);
		List<Appointment> bookings = visit.provider() == null ? List.of()
				: ofProvider(visit.provider().id(), start.toInstant(), end.toInstant()).stream()
					.filter(a -> !this.people.recordsOf(patient).contains(a.patient()))
					.toList();
		return this.check.conflicts(scheduleOf(patient), visit, bookings, this.clock.instant());
	}

	/**
	 * Books the appointment when it has no conflicts, or when it has and a reason to
	 * override is given. Moving an appointment cancels the one it replaces.
	 * @throws ConflictsException when it conflicts and there is no reason; nothing booked
	 */
	@Transactional
	public Booking book(NewAppointment request, String by) {
		List<Conflict> conflicts = check(request.patient(), request.providerId(), request.locationId(), request.start(),
				request.end(), request.mode(), request.replacing());
		if (!conflicts.isEmpty() && !request.overridden()) {
			throw new ConflictsException(conflicts);
		}
		ProposedVisit visit = visit(request.providerId(), request.locationId(), request.start(), request.end(),
				request.mode(), request.replacing());
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into appointment (id, patient_id, provider_id, location_id, visit_type, starts_at, ends_at, mode,
				    status, origin, override_reason, booked_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', 'NORTHSTAR', ?, ?)
				""")
			.params(id, request.patient().value(), visit.provider() == null ? null : visit.provider().id(),
					visit.location() == null ? null : visit.location().id(), request.type(),
					request.start().toOffsetDateTime(), request.end().toOffsetDateTime(), request.mode().name(),
					conflicts.isEmpty() ? null : request.overrideReason().strip(), by)
			.update();
		if (request.replacing() != null) {
			this.jdbc.sql("update appointment set status = 'CANCELLED' where id = ? and patient_id = any(?)")
				.params(request.replacing(), Commitments.ids(this.people.recordsOf(request.patient())))
				.update();
		}
		// Its reminders are planned with it, and those of the one it moves cancelled.
		this.reminders.follow(request.replacing() == null ? List.of(id) : List.of(id, request.replacing()));
		return new Booking(find(id).orElseThrow(), conflicts);
	}

	/**
	 * Records that a video visit of the person could not take place.
	 * @throws InvalidScheduleException naming {@code appointment} when it is not the
	 * person's, not a video visit, or not booked
	 */
	@Transactional
	public Appointment videoFailed(PatientId patient, UUID id) {
		Appointment a = find(id).filter(x -> this.people.recordsOf(patient).contains(x.patient()))
			.orElseThrow(() -> new InvalidScheduleException("appointment", "The person has no appointment " + id));
		if (a.mode() != VisitMode.TELEHEALTH) {
			throw new InvalidScheduleException("appointment", "Appointment " + id + " is "
					+ a.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", not a video visit");
		}
		if (!a.status().holdsTime()) {
			throw new InvalidScheduleException("appointment", "Appointment " + id + " is "
					+ a.status().name().toLowerCase(java.util.Locale.ROOT) + ", not booked");
		}
		this.jdbc.sql("update appointment set status = 'VIDEO_FAILED' where id = ?").param(id).update();
		this.reminders.follow(List.of(id));
		return find(id).orElseThrow();
	}

	/** A booked appointment, with the conflicts it was booked despite. */
	public record Booking(Appointment appointment, List<Conflict> overridden) {
	}

	private ProposedVisit visit(String providerId, String locationId, ZonedDateTime start, ZonedDateTime end,
			VisitMode mode, UUID replacing) {
		Provider provider = null;
		if (providerId != null) {
			provider = this.clinics.provider(providerId)
				.orElseThrow(() -> new InvalidScheduleException("provider", "There is no provider " + providerId));
		}
		Location location = null;
		if (locationId != null) {
			Map<String, Location> locations = this.clinics.locations();
			location = locations.get(locationId);
			if (location == null) {
				throw new InvalidScheduleException("location", "There is no location " + locationId);
			}
		}
		return new ProposedVisit(start.withZoneSameInstant(this.clock.getZone()),
				end.withZoneSameInstant(this.clock.getZone()), provider, location, mode, replacing);
	}

	private Appointment appointment(ResultSet rs) throws SQLException {
		return new Appointment(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getString("provider_id"), rs.getString("location_id"), rs.getString("visit_type"),
				rs.getObject("starts_at", OffsetDateTime.class).atZoneSameInstant(this.clock.getZone()),
				rs.getObject("ends_at", OffsetDateTime.class).atZoneSameInstant(this.clock.getZone()),
				VisitMode.valueOf(rs.getString("mode")), Appointment.Status.valueOf(rs.getString("status")),
				Appointment.Origin.valueOf(rs.getString("origin")), rs.getString("override_reason"),
				rs.getString("booked_by"));
	}

}
