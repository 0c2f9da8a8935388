package org.northstar.meetings;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The victory journal: small wins recorded on people, kept as written (append-only).
 * Callers decide and audit access first.
 */
@Service
public class Victories {

	static final int MAX_TEXT = 500;

	/** Before any victory Northstar could hold. */
	private static final LocalDate EVER = LocalDate.of(1900, 1, 1);

	private static final String COLUMNS = "id, patient_id, text, happened_on, recorded_by, recorded_at";

	private final JdbcClient jdbc;

	private final Teams teams;

	private final People people;

	private final Patients patients;

	private final Clock clock;

	Victories(JdbcClient jdbc, Teams teams, People people, Patients patients, Clock clock) {
		this.jdbc = jdbc;
		this.teams = teams;
		this.people = people;
		this.patients = patients;
		this.clock = clock;
	}

	/** A victory as the team's journal lists it: whose, and on whose caseload. */
	public record Listed(Victory victory, PatientId person, String name, String coordinator) {
	}

	/**
	 * The victories of the people on the user's team's caseloads since a day, the latest
	 * first; only those on {@code coordinator}'s caseload when it is not null.
	 */
	public List<Listed> ofTeam(UserAccount user, String coordinator, LocalDate since) {
		Map<PatientId, String> coordinators = new HashMap<>(this.teams.peopleOf(user));
		if (coordinator != null) {
			coordinators.values().removeIf(c -> !c.equals(coordinator));
		}
		Map<PatientId, PatientId> personOf = new HashMap<>();
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(coordinators.keySet());
		for (PatientId person : coordinators.keySet()) {
			personOf.put(person, person);
			others.getOrDefault(person, List.of()).forEach(r -> personOf.putIfAbsent(r, person));
		}
		List<Victory> victories = among(personOf.keySet(), since);
		Map<PatientId, String> names = new HashMap<>();
		List<PatientId> persons = victories.stream().map(v -> personOf.get(v.patient())).distinct().toList();
		for (PatientSummary summary : this.patients.summaries(persons, null)) {
			names.put(summary.id(), summary.displayName());
		}
		return victories.stream().map(v -> {
			PatientId person = personOf.get(v.patient());
			return new Listed(v, person, names.getOrDefault(person, "(no name)"), coordinators.get(person));
		}).toList();
	}

	/**
	 * Records a victory on the person's record.
	 * @param happenedOn the day it happened; today when null
	 * @throws MeetingRefusedException if the text is blank or too long, or the day is
	 * after today; nothing is recorded
	 */
	public Victory record(PatientId patient, String text, LocalDate happenedOn, String by) {
		String checked = text == null ? "" : text.strip();
		if (checked.isEmpty()) {
			throw new MeetingRefusedException("text", "Say what went well");
		}
		if (checked.length() > MAX_TEXT) {
			throw new MeetingRefusedException("text", "A victory is at most " + MAX_TEXT + " characters");
		}
		LocalDate today = LocalDate.now(this.clock);
		LocalDate day = happenedOn == null ? today : happenedOn;
		if (day.isAfter(today)) {
			throw new MeetingRefusedException("happenedOn",
					"A victory happened on or before today (" + today + "), not on " + day);
		}
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into victory (patient_id, text, happened_on, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?) returning id
				""")
			.params(patient.value(), checked, Date.valueOf(day), by, Timestamp.from(now))
			.query(Long.class)
			.single();
		return new Victory(id, patient, checked, day, by, now);
	}

	/** The victories on these records (one person's), the latest first. */
	public List<Victory> of(Collection<PatientId> records) {
		return among(records, EVER);
	}

	/**
	 * The victories on these records that happened on or after {@code since}, latest
	 * first.
	 */
	public List<Victory> among(Collection<PatientId> records, LocalDate since) {
		if (records.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + COLUMNS + " from victory where patient_id = any(?) and happened_on >= ?"
					+ " order by happened_on desc, id desc")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new), Date.valueOf(since))
			.query((rs, n) -> victory(rs))
			.list();
	}

	private static Victory victory(ResultSet rs) throws SQLException {
		return new Victory(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
				rs.getDate(4).toLocalDate(), rs.getString(5), rs.getTimestamp(6).toInstant());
	}

}
