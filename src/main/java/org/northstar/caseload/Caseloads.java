package org.northstar.caseload;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who is responsible for whom. A coordinator sees the patients on their own caseload and
 * their team's; a supervisor sees the team's; a care-team member sees the patients whose
 * care team they are on; an administrator manages users and sees no patient by default.
 */
@Service
public class Caseloads {

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final People people;

	Caseloads(JdbcClient jdbc, UserAccounts accounts, People people) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.people = people;
	}

	/**
	 * Puts the patient on the user's caseload (as coordinator) or care team; replaces an
	 * earlier tie.
	 */
	public void assign(PatientId patient, String username, Relation relation) {
		this.jdbc.sql("""
				insert into caseload_assignment (patient_id, username, relation) values (?, ?, ?)
				on conflict (patient_id, username) do update set relation = excluded.relation, assigned_at = now()
				""").params(patient.value(), username, relation.name()).update();
	}

	/** The patients the user may see without breaking the glass. */
	public List<PatientId> visibleTo(UserAccount user) {
		List<String> coordinators = colleaguesWhoseCaseloadsAreShared(user);
		return this.jdbc.sql("""
				select distinct patient_id from caseload_assignment
				where (relation = 'COORDINATOR' and username = any(?)) or (relation = 'CARE_TEAM' and username = ?)
				""")
			.params(coordinators.toArray(String[]::new), user.username())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Every record of the persons the user may see without breaking the glass: the
	 * records on the caseloads and the records linked to them, such as the one a hospital
	 * feed keeps under its own record number.
	 */
	public Set<PatientId> recordsVisibleTo(UserAccount user) {
		return this.people.withLinkedRecords(visibleTo(user));
	}

	/** Whose caseload each patient record is on; see {@link #coordinatorOf}. */
	public Map<PatientId, String> coordinatorsOf(Collection<PatientId> patients) {
		Map<PatientId, String> coordinators = new HashMap<>();
		if (patients.isEmpty()) {
			return coordinators;
		}
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(patients);
		Set<PatientId> records = new HashSet<>(patients);
		others.values().forEach(records::addAll);
		// The latest coordinator assignment of each record, and when it was made.
		Map<PatientId, String> assigned = new HashMap<>();
		Map<PatientId, Instant> assignedAt = new HashMap<>();
		this.jdbc.sql("""
				select distinct on (patient_id) patient_id, username, assigned_at from caseload_assignment
				where relation = 'COORDINATOR' and patient_id = any(?) order by patient_id, assigned_at desc
				""").param(records.stream().map(PatientId::value).toArray(UUID[]::new)).query((rs, n) -> {
			PatientId record = new PatientId(rs.getObject(1, UUID.class));
			assignedAt.put(record, rs.getTimestamp(3).toInstant());
			return assigned.put(record, rs.getString(2));
		}).list();
		for (PatientId patient : patients) {
			if (assigned.containsKey(patient)) {
				coordinators.put(patient, assigned.get(patient));
				continue;
			}
			others.getOrDefault(patient, List.of())
				.stream()
				.filter(assigned::containsKey)
				.max(Comparator.comparing(assignedAt::get))
				.ifPresent(other -> coordinators.put(patient, assigned.get(other)));
		}
		return coordinators;
	}

	/**
	 * Whose caseload the patient record is on: its own coordinator, or else the
	 * coordinator of a record linked to it (a feed's record of a patient on the caseload
	 * through the EHR), the latest assigned.
	 */
	public Optional<String> coordinatorOf(PatientId patient) {
		return Optional.ofNullable(coordinatorsOf(List.of(patient)).get(patient));
	}

	/**
	 * Decides on the person, not the record: an assignment or emergency grant on any
	 * record linked to the patient's counts.
	 */
	AccessDecision decide(UserAccount user, PatientId patient, Instant now) {
		List<String> coordinators = colleaguesWhoseCaseloadsAreShared(user);
		UUID[] records = recordsOfThePerson(patient);
		boolean permitted = this.jdbc.sql("""
				select exists (select 1 from caseload_assignment where patient_id = any(?) and (
				    (relation = 'COORDINATOR' and username = any(?)) or (relation = 'CARE_TEAM' and username = ?)))
				""")
			.params(records, coordinators.toArray(String[]::new), user.username())
			.query(Boolean.class)
			.single();
		if (permitted) {
			return AccessDecision.PERMITTED;
		}
		boolean emergency = this.jdbc
			.sql("""
					select exists (select 1 from emergency_access where username = ? and patient_id = any(?) and expires_at > ?)
					""")
			.params(user.username(), records, Timestamp.from(now))
			.query(Boolean.class)
			.single();
		return emergency ? AccessDecision.EMERGENCY : AccessDecision.REFUSED;
	}

	void grantEmergencyAccess(UserAccount user, PatientId patient, String reason, Instant now, Duration validity) {
		this.jdbc.sql(
				"insert into emergency_access (username, patient_id, reason, granted_at, expires_at) values (?, ?, ?, ?, ?)")
			.params(user.username(), patient.value(), reason, Timestamp.from(now), Timestamp.from(now.plus(validity)))
			.update();
	}

	/**
	 * The reason the user gave when breaking the glass for this patient, while it holds.
	 */
	String emergencyReason(UserAccount user, PatientId patient, Instant now) {
		return this.jdbc.sql("""
				select reason from emergency_access where username = ? and patient_id = any(?) and expires_at > ?
				order by granted_at desc limit 1
				""")
			.params(user.username(), recordsOfThePerson(patient), Timestamp.from(now))
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private UUID[] recordsOfThePerson(PatientId patient) {
		return this.people.recordsOf(patient).stream().map(PatientId::value).toArray(UUID[]::new);
	}

	/** The coordinators whose COORDINATOR assignments the user may see. */
	private List<String> colleaguesWhoseCaseloadsAreShared(UserAccount user) {
		boolean teamWide = user.has(Role.COORDINATOR) || user.has(Role.SUPERVISOR);
		if (teamWide && user.team() != null) {
			return this.accounts.teamMembers(user.team());
		}
		return user.has(Role.COORDINATOR) ? List.of(user.username()) : List.of();
	}

}
