package org.northstar.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a person takes appointment reminders by text. A person who opted out gets none:
 * their reminders go by e-mail when they have one, and are otherwise not sent, with why,
 * for the coordinator to see. Every opt-out and opt-in is kept, with who recorded it (a
 * coordinator, or the SMS gateway reporting a STOP or START reply); the person's choice
 * is the latest over all their records. Auditing the change is the caller's.
 */
@Service
public class SmsReminders {

	/** Who recorded a choice. */
	public enum Source {

		/** A coordinator, on the patient page: the person told them. */
		COORDINATOR,
		/** The SMS gateway: the person replied STOP (or START) to a text. */
		GATEWAY

	}

	/** One opt-out or opt-in. */
	public record Choice(boolean optedOut, Source source, String recordedBy, Instant recordedAt) {

		/** "opted out of text reminders (replied STOP)". */
		public String describe() {
			return (this.optedOut ? "opted out of" : "opted in to") + " text reminders"
					+ (this.source == Source.GATEWAY ? (this.optedOut ? " (replied STOP)" : " (replied START)") : "");
		}

	}

	private final JdbcClient jdbc;

	private final People people;

	private final Clock clock;

	SmsReminders(JdbcClient jdbc, People people, Clock clock) {
		this.jdbc = jdbc;
		this.people = people;
		this.clock = clock;
	}

	/** Whether the person opted out of text reminders, by their latest choice. */
	public boolean optedOut(PatientId patient) {
		return latest(patient).map(Choice::optedOut).orElse(false);
	}

	/** The person's latest choice; none when they never made one (texts are sent). */
	public Optional<Choice> latest(PatientId patient) {
		return history(patient).stream().findFirst();
	}

	/** Every choice of the person's, the latest first. */
	public List<Choice> history(PatientId patient) {
		return this.jdbc.sql("""
				select opted_out, source, recorded_by, recorded_at from sms_reminder_choice
				where patient_id = any(?) order by recorded_at desc, id desc
				""")
			.param(Commitments.ids(this.people.recordsOf(patient)))
			.query((rs, n) -> new Choice(rs.getBoolean(1), Source.valueOf(rs.getString(2)), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Records an opt-out ({@code optedOut} true) or an opt-in for the person. */
	@Transactional
	public Choice record(PatientId patient, boolean optedOut, Source source, String by) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into sms_reminder_choice (patient_id, opted_out, source, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?)
				""").params(patient.value(), optedOut, source.name(), by, Timestamp.from(now)).update();
		return new Choice(optedOut, source, by, now);
	}

	/**
	 * Records the SMS gateway's report of a STOP ({@code optedOut} true) or START reply
	 * from the phone number, for every person with that number: the number stops getting
	 * texts, whoever it belongs to.
	 * @return one record of each person it was recorded for
	 */
	@Transactional
	public List<PatientId> fromGateway(String phone, boolean optedOut, String gateway) {
		List<PatientId> persons = this.people.onePerPerson(this.people.withPhone(phone));
		for (PatientId person : persons) {
			record(person, optedOut, Source.GATEWAY, gateway);
		}
		return persons;
	}

}
