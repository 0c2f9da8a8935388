package org.northstar.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The reminders of each booked appointment, one per configured lead
 * ({@code northstar.reminders.before}, two days and two hours by default), kept in the
 * database so that a restart loses none. They follow the appointment: one booked, or
 * found booked, gets its reminders planned; one cancelled, moved or otherwise no longer
 * booked has those not yet sent cancelled. A reminder whose time had passed when the
 * visit was booked is kept as skipped, so the coordinator sees why there is none.
 * {@code ReminderDelivery} sends them.
 */
@Service
public class Reminders {

	private final JdbcClient jdbc;

	private final People people;

	private final Clock clock;

	private final List<ReminderLead> leads;

	private final QuietHours quiet;

	Reminders(JdbcClient jdbc, People people, Clock clock,
			@Value("${northstar.reminders.before:P2D,PT2H}") String before,
			@Value("${northstar.reminders.quiet-hours:21:00-08:00}") String quietHours) {
		this.jdbc = jdbc;
		this.people = people;
		this.clock = clock;
		try {
			this.leads = ReminderLead.parseAll(before);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("northstar.reminders.before: " + ex.getMessage(), ex);
		}
		this.quiet = quietHours(quietHours);
	}

	static QuietHours quietHours(String text) {
		try {
			return QuietHours.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("northstar.reminders.quiet-hours: " + ex.getMessage(), ex);
		}
	}

	/** The practice's quiet hours, when no text or call reminds anyone. */
	public QuietHours quietHours() {
		return this.quiet;
	}

	/**
	 * When a reminder for the visit is due: {@code lead} before it, except that one due
	 * in the quiet hours whose end is not before the visit (a 2-hour reminder of a 07:30
	 * visit) goes half an hour before they begin, the evening before, rather than be held
	 * past the visit. Any other one due in them is held at sending until they end.
	 */
	Instant due(ReminderLead lead, ZonedDateTime start) {
		ZonedDateTime due = lead.dueBefore(start);
		if (this.quiet.contains(due) && !this.quiet.endAfter(due).isBefore(start)) {
			return this.quiet.startBefore(due).minusMinutes(30).toInstant();
		}
		return due.toInstant();
	}

	/** The configured leads, the earliest first. */
	List<ReminderLead> leads() {
		return this.leads;
	}

	/**
	 * The reminders of the person's appointments (over all their records) that have not
	 * ended more than 30 days ago, by appointment and due time.
	 */
	public List<Reminder> of(PatientId patient) {
		return this.jdbc.sql("""
				select r.* from appointment_reminder r join appointment a on a.id = r.appointment_id
				where a.patient_id = any(?) and a.ends_at > ?
				order by a.starts_at, a.id, r.due_at, r.id
				""")
			.params(Commitments.ids(this.people.recordsOf(patient)),
					Timestamp.from(this.clock.instant().minus(java.time.Duration.ofDays(30))))
			.query((rs, n) -> reminder(rs))
			.list();
	}

	/**
	 * Brings the reminders of these appointments (null: of every appointment) in line
	 * with them: those no longer booked, or moved, have their unsent reminders cancelled;
	 * those booked and ahead get the reminders they lack. Idempotent, and safe to run
	 * from two processes at once.
	 */
	void follow(Collection<UUID> appointments) {
		UUID[] only = appointments == null ? null : appointments.toArray(UUID[]::new);
		this.jdbc
			.sql("""
					update appointment_reminder r set status = 'CANCELLED', next_attempt_at = null,
					    note = case when a.status = 'BOOKED' then 'the visit moved' else 'the visit is ' || lower(a.status) end
					from appointment a
					where a.id = r.appointment_id and r.status in ('PLANNED', 'FAILED')
					  and (a.status <> 'BOOKED' or a.starts_at <> r.appointment_starts_at)
					  and (?::uuid[] is null or a.id = any(?::uuid[]))
					""")
			.params(only, only)
			.update();
		Instant now = this.clock.instant();
		List<Booked> lacking = this.jdbc.sql("""
				select a.id, a.starts_at from appointment a
				where a.status = 'BOOKED' and a.starts_at > ? and (?::uuid[] is null or a.id = any(?::uuid[]))
				  and not exists (select 1 from appointment_reminder r
				                  where r.appointment_id = a.id and r.appointment_starts_at = a.starts_at)
				""")
			.params(Timestamp.from(now), only, only)
			.query((rs, n) -> new Booked(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class)))
			.list();
		for (Booked booked : lacking) {
			ZonedDateTime start = booked.start().atZoneSameInstant(this.clock.getZone());
			for (ReminderLead lead : this.leads) {
				Instant due = due(lead, start);
				boolean late = !due.isAfter(now);
				this.jdbc
					.sql("""
							insert into appointment_reminder (appointment_id, lead, appointment_starts_at, due_at, status, note)
							values (?, ?, ?, ?, ?, ?)
							on conflict (appointment_id, lead, appointment_starts_at) do nothing
							""")
					.params(booked.id(), lead.text(), booked.start(), Timestamp.from(due), late ? "SKIPPED" : "PLANNED",
							late ? "booked after its time" : null)
					.update();
			}
		}
	}

	private record Booked(UUID id, OffsetDateTime start) {
	}

	static Reminder reminder(ResultSet rs) throws SQLException {
		return new Reminder(rs.getLong("id"), rs.getObject("appointment_id", UUID.class), rs.getString("lead"),
				instant(rs.getTimestamp("due_at")), Reminder.Status.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("language"),
				rs.getString("message"), rs.getString("note"), instant(rs.getTimestamp("sent_at")));
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
