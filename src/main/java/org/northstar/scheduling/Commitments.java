package org.northstar.scheduling;

import java.sql.Time;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's commitments, how they travel and what they prefer. Kept per person: named by
 * any of their records, read over all of them, and replaced whole, so a person has one
 * list whichever record a coordinator opened.
 */
@Service
public class Commitments {

	private final JdbcClient jdbc;

	private final People people;

	Commitments(JdbcClient jdbc, People people) {
		this.jdbc = jdbc;
		this.people = people;
	}

	/** The person's commitments, in the order they were given. */
	public List<Commitment> of(PatientId patient) {
		return this.jdbc
			.sql("""
					select kind, label, days, dates, starts, ends, buffer_after_minutes, every_weeks, valid_from, valid_until,
					    address, latitude, longitude
					from person_commitment where patient_id = any(?) order by patient_id = ? desc, position
					""")
			.params(ids(this.people.recordsOf(patient)), patient.value())
			.query((rs, n) -> {
				Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
				for (Object d : (Object[]) rs.getArray("days").getArray()) {
					days.add(DayOfWeek.of(((Number) d).intValue()));
				}
				List<LocalDate> dates = new ArrayList<>();
				for (Object d : (Object[]) rs.getArray("dates").getArray()) {
					dates.add(((java.sql.Date) d).toLocalDate());
				}
				return new Commitment(Commitment.Kind.valueOf(rs.getString("kind")), rs.getString("label"), days, dates,
						rs.getTime("starts").toLocalTime(), rs.getTime("ends").toLocalTime(),
						rs.getInt("buffer_after_minutes"), rs.getInt("every_weeks"), date(rs.getDate("valid_from")),
						date(rs.getDate("valid_until")), place(rs));
			})
			.list();
	}

	/** Replaces all the person's commitments, on every record of theirs, with these. */
	@Transactional
	public void replace(PatientId patient, List<Commitment> commitments) {
		this.jdbc.sql("delete from person_commitment where patient_id = any(?)")
			.param(ids(this.people.recordsOf(patient)))
			.update();
		int position = 0;
		for (Commitment c : commitments) {
			this.jdbc.sql("""
					insert into person_commitment (patient_id, position, kind, label, days, dates, starts, ends,
					    buffer_after_minutes, every_weeks, valid_from, valid_until, address, latitude, longitude)
					values (?, ?, ?, ?, ?::smallint[], ?::date[], ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(patient.value(), position++, c.kind().name(), c.label(),
						c.days().stream().map(d -> String.valueOf(d.getValue())).sorted().toArray(String[]::new),
						c.dates().stream().map(LocalDate::toString).toArray(String[]::new), c.start(), c.end(),
						c.bufferAfterMinutes(), c.everyWeeks(), c.from(), c.until(),
						c.place() == null ? null : c.place().address(),
						c.place() == null ? null : c.place().coordinates().latitude(),
						c.place() == null ? null : c.place().coordinates().longitude())
				.update();
		}
	}

	/** How the person travels and what they prefer; none when never given. */
	public Optional<TravelAndPreferences> travelOf(PatientId patient) {
		return this.jdbc
			.sql("""
					select * from person_travel where patient_id = any(?) order by patient_id = ? desc, updated_at desc limit 1
					""")
			.params(ids(this.people.recordsOf(patient)), patient.value())
			.query((rs, n) -> {
				Set<DayOfWeek> rideDays = EnumSet.noneOf(DayOfWeek.class);
				for (Object d : (Object[]) rs.getArray("ride_days").getArray()) {
					rideDays.add(DayOfWeek.of(((Number) d).intValue()));
				}
				Double lat = (Double) rs.getObject("home_latitude");
				Double lon = (Double) rs.getObject("home_longitude");
				Integer max = (Integer) rs.getObject("max_trip_minutes");
				Transport transport = new Transport(rs.getBoolean("needs_ride"), rs.getInt("ride_lead_hours"),
						rs.getInt("ride_notice_business_days"), time(rs.getTime("ride_notice_cutoff")),
						time(rs.getTime("ride_starts")), time(rs.getTime("ride_ends")), rideDays,
						rs.getBoolean("transit_only"), max,
						lat == null || lon == null ? null : new Coordinates(lat, lon));
				Preferences preferences = new Preferences(rs.getBoolean("prefers_evenings"),
						rs.getBoolean("prefers_saturdays"), rs.getBoolean("several_visits_per_day"),
						rs.getString("language"), rs.getBoolean("language_required"));
				return new TravelAndPreferences(transport, preferences);
			})
			.optional();
	}

	/** Replaces how the person travels and what they prefer. */
	@Transactional
	public void saveTravel(PatientId patient, TravelAndPreferences travel, String by) {
		this.jdbc.sql("delete from person_travel where patient_id = any(?)")
			.param(ids(this.people.recordsOf(patient)))
			.update();
		Transport t = travel.transport();
		Preferences p = travel.preferences();
		this.jdbc
			.sql("""
					insert into person_travel (patient_id, needs_ride, ride_lead_hours, ride_notice_business_days,
					    ride_notice_cutoff, ride_starts, ride_ends, ride_days, transit_only, max_trip_minutes, home_latitude,
					    home_longitude, prefers_evenings, prefers_saturdays, several_visits_per_day, language,
					    language_required, updated_by)
					values (?, ?, ?, ?, ?, ?, ?, ?::smallint[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(patient.value(), t.needsRide(), t.rideLeadHours(), t.rideNoticeBusinessDays(), t.rideNoticeCutoff(),
					t.rideStarts(), t.rideEnds(),
					t.rideDays().stream().map(d -> String.valueOf(d.getValue())).sorted().toArray(String[]::new),
					t.transitOnly(), t.maxTripMinutes(), t.home() == null ? null : t.home().latitude(),
					t.home() == null ? null : t.home().longitude(), p.evenings(), p.saturdays(),
					p.severalVisitsPerDay(), p.language(), p.languageRequired(), by)
			.update();
	}

	/** The person's telehealth checklist; none when never gone through. */
	public Optional<TelehealthReadiness> telehealthOf(PatientId patient) {
		return this.jdbc.sql("""
				select device, connection, able_to_use, private_space, helper from telehealth_readiness
				where patient_id = any(?) order by patient_id = ? desc, updated_at desc limit 1
				""")
			.params(ids(this.people.recordsOf(patient)), patient.value())
			.query((rs, n) -> new TelehealthReadiness(rs.getBoolean("device"), rs.getBoolean("connection"),
					rs.getBoolean("able_to_use"), rs.getBoolean("private_space"), rs.getBoolean("helper")))
			.optional();
	}

	/** Replaces the person's telehealth checklist. */
	@Transactional
	public void saveTelehealth(PatientId patient, TelehealthReadiness readiness, String by) {
		this.jdbc.sql("delete from telehealth_readiness where patient_id = any(?)")
			.param(ids(this.people.recordsOf(patient)))
			.update();
		this.jdbc.sql("""
				insert into telehealth_readiness (patient_id, device, connection, able_to_use, private_space, helper,
				    updated_by)
				values (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(patient.value(), readiness.device(), readiness.connection(), readiness.ableToUse(),
					readiness.privateSpace(), readiness.helper(), by)
			.update();
	}

	static UUID[] ids(List<PatientId> records) {
		return records.stream().map(PatientId::value).toArray(UUID[]::new);
	}

	private static Place place(java.sql.ResultSet rs) throws java.sql.SQLException {
		Double lat = (Double) rs.getObject("latitude");
		Double lon = (Double) rs.getObject("longitude");
		return lat == null || lon == null ? null : new Place(rs.getString("address"), new Coordinates(lat, lon));
	}

	private static LocalDate date(java.sql.Date d) {
		return d == null ? null : d.toLocalDate();
	}

	private static LocalTime time(Time t) {
		return t == null ? null : t.toLocalTime();
	}

}
