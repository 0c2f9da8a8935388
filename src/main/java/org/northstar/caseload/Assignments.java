package org.northstar.caseload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.security.Actor;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Putting people on coordinators' caseloads: a supervisor's page, a payer's attribution
 * list at the command line.
 *
 * <p>
 * Invariants: an assignment is the person's, not one record's: after it, exactly one of
 * the person's records (linked or merged) carries a coordinator, the one assigned, so a
 * hospital's record and the EHR's never name two coordinators. Only supervisors (within
 * their team: to its coordinators, and of people unassigned or on its caseloads) and
 * administrators (anyone to any coordinator) assign; a coordinator does not. The one
 * assigned holds {@link Role#COORDINATOR} and is enabled. A batch is applied whole or not
 * at all, and every change is audited with who made it, whose caseload the person left
 * and whose they joined; a refusal is audited too.
 */
@Service
public class Assignments {

	/** Serialises assignments, so that two at once cannot leave two coordinators. */
	static final long ASSIGNMENT_LOCK = 0x4e5f415353474eL;

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final People people;

	private final Patients patients;

	private final Caseloads caseloads;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final java.time.Clock clock;

	Assignments(JdbcClient jdbc, UserAccounts accounts, People people, Patients patients, Caseloads caseloads,
			AuditTrail audit, ApplicationEventPublisher events, java.time.Clock clock) {
		this.events = events;
		this.clock = clock;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.people = people;
		this.patients = patients;
		this.caseloads = caseloads;
		this.audit = audit;
	}

	/**
	 * One person to put on a coordinator's caseload.
	 *
	 * @param patient any record of the person
	 * @param program the care program the person is attributed under, or null
	 * @param where where in its batch the assignment was given ("line 12"), or null
	 */
	public record Assignment(PatientId patient, String coordinator, String program, String where) {
	}

	/**
	 * What an assignment changed.
	 *
	 * @param from whose caseload the person was on; null when on none
	 */
	public record Change(PatientId patient, String from, String to) {
	}

	/**
	 * Where a person's coordinator assignment came from.
	 *
	 * @param assignedBy who made it ({@code os:NAME} at the command line)
	 * @param basis on what basis, in words ("attribution list payer.csv, line 12")
	 */
	public record Basis(String coordinator, String program, String assignedBy, String basis,
			java.time.Instant assignedAt) {
	}

	/** Whether the user may assign people to caseloads at all. */
	public static boolean mayAssign(UserAccount user) {
		return user.has(Role.SUPERVISOR) || user.has(Role.ADMINISTRATOR);
	}

	/**
	 * The coordinators the user may assign people to, by name: the enabled coordinators
	 * of a supervisor's team, every enabled coordinator for an administrator.
	 */
	public List<UserAccount> coordinatorsFor(UserAccount user) {
		return this.accounts.all()
			.stream()
			.filter(a -> a.enabled() && a.has(Role.COORDINATOR))
			.filter(a -> user.has(Role.ADMINISTRATOR)
					|| (user.has(Role.SUPERVISOR) && user.team() != null && user.team().equals(a.team())))
			.toList();
	}

	/**
	 * Puts each person on the coordinator's caseload, taking them off any other, all or
	 * none. A person keeps the program they were attributed under.
	 * @param records a record of each person; two records of one person are one person
	 * @return what changed, a person already on the coordinator's caseload included
	 * @throws AssignmentRefusedException if the user may not assign, may not assign to
	 * this coordinator or may not move one of the people (audited as refused)
	 */
	@Transactional
	public List<Change> assign(UserAccount user, Collection<PatientId> records, String coordinator, String address) {
		Actor actor = Actor.of(user, address);
		try {
			if (!mayAssign(user)) {
				throw new AssignmentRefusedException(
						"Only supervisors and administrators put patients on caseloads; ask your supervisor.");
			}
			if (records.isEmpty()) {
				throw new AssignmentRefusedException("Choose at least one patient to assign.");
			}
			UserAccount to = coordinator(coordinator);
			boolean administrator = user.has(Role.ADMINISTRATOR);
			if (!administrator && coordinatorsFor(user).stream().noneMatch(c -> c.username().equals(to.username()))) {
				throw new AssignmentRefusedException(
						to.displayName() + " is not a coordinator of your team: a supervisor assigns within her team.");
			}
			List<String> team = administrator || user.team() == null ? List.of()
					: this.accounts.teamMembers(user.team());
			List<Assignment> assignments = new ArrayList<>();
			for (PatientId record : records) {
				if (this.patients.find(record).isEmpty()) {
					throw new AssignmentRefusedException("There is no patient " + record.value() + ".");
				}
				if (!administrator) {
					Optional<String> current = this.caseloads.coordinatorOf(record);
					if (current.isPresent() && !team.contains(current.get())) {
						throw new AssignmentRefusedException("A patient you chose is on the caseload of another team; "
								+ "their supervisor or an administrator moves them.");
					}
				}
				assignments.add(new Assignment(record, to.username(), null, null));
			}
			return apply(assignments, actor, "by " + user.username() + " on the assignment page", true);
		}
		catch (AssignmentRefusedException ex) {
			this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.UPDATE,
					records.size() == 1 ? records.iterator().next() : null, "caseload assignment refused ("
							+ records.size() + " patient(s) to " + coordinator + "): " + ex.getMessage(),
					address, Outcome.DENIED, false, null));
			throw ex;
		}
	}

	/**
	 * Moves each person to the coordinator given for them (an approved rebalancing), all
	 * or none, with the checks and audit of {@link #assign}.
	 * @throws AssignmentRefusedException as {@link #assign} does, for any of the moves
	 */
	@Transactional
	public List<Change> reassign(UserAccount user, Map<PatientId, String> moves, String address) {
		Map<String, List<PatientId>> byCoordinator = new LinkedHashMap<>();
		moves.forEach((patient, to) -> byCoordinator.computeIfAbsent(to, k -> new ArrayList<>()).add(patient));
		List<Change> changes = new ArrayList<>();
		byCoordinator.forEach((to, patients) -> changes.addAll(assign(user, patients, to, address)));
		return changes;
	}

	/**
	 * One line of an attribution list (a payer's or ACO's): a patient by one of their
	 * identifiers, the coordinator to put them with, the program they are attributed
	 * under.
	 *
	 * @param line the line of the file the entry starts on, for messages
	 * @param program the program, or null
	 */
	public record ListLine(int line, String identifierSystem, String identifierValue, String coordinator,
			String program) {
	}

	/**
	 * What is wrong with one line of an attribution list.
	 *
	 * @param column the column's name as the header gives it; null for the whole line
	 */
	public record Problem(int line, String column, String message) {

		@Override
		public String toString() {
			return "line " + this.line + (this.column == null ? "" : ", " + this.column) + ": " + this.message;
		}

	}

	/**
	 * What an attribution list did.
	 *
	 * @param assigned people put on a caseload they were not on
	 * @param kept people already on the caseload the list gives (their program set as the
	 * list says)
	 * @param duplicates lines that repeat an earlier line for the same person
	 */
	public record ListApplied(int assigned, int kept, int duplicates) {
	}

	/**
	 * What is wrong with an attribution list, every line checked: identifiers no patient
	 * has, or that name several people; users who do not exist, are not coordinators or
	 * are disabled; one person given to two coordinators or under two programs. Empty
	 * when it can be applied.
	 */
	public List<Problem> check(List<ListLine> lines) {
		return resolve(lines).problems();
	}

	/**
	 * Applies an attribution list, all of it or, when any line is wrong, none of it. An
	 * operator at the command line is trusted as an administrator: any coordinator, any
	 * patient. A line that repeats an earlier one for the same person is applied once.
	 * @param listName what the list is called (its file name), kept as each assignment's
	 * basis with the line
	 * @throws AttributionListRefusedException with every problem, when any line is wrong
	 */
	@Transactional
	public ListApplied applyList(List<ListLine> lines, Actor operator, String listName) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ASSIGNMENT_LOCK).query(Object.class).single();
		Resolved resolved = resolve(lines);
		if (!resolved.problems().isEmpty()) {
			throw new AttributionListRefusedException(resolved.problems());
		}
		List<Change> changes = apply(resolved.assignments(), operator, "attribution list " + listName, false);
		int kept = (int) changes.stream().filter(c -> c.to().equals(c.from())).count();
		return new ListApplied(changes.size() - kept, kept, lines.size() - resolved.assignments().size());
	}

	private record Resolved(List<Assignment> assignments, List<Problem> problems) {
	}

	private Resolved resolve(List<ListLine> lines) {
		List<Problem> problems = new ArrayList<>();
		Map<String, String> coordinatorProblems = new HashMap<>();
		Map<PatientId, ListLine> byPerson = new LinkedHashMap<>();
		Map<PatientId, PatientId> recordOf = new HashMap<>();
		for (ListLine line : lines) {
			List<PatientId> found = this.patients.findByIdentifier(line.identifierSystem(), line.identifierValue());
			Set<PatientId> persons = new LinkedHashSet<>();
			for (PatientId record : found) {
				persons.add(person(this.people.recordsOf(record)));
			}
			if (persons.isEmpty()) {
				problems.add(new Problem(line.line(), "identifier value", "no patient has the identifier '"
						+ line.identifierValue() + "' in the system '" + line.identifierSystem() + "'"));
			}
			else if (persons.size() > 1) {
				problems.add(new Problem(line.line(), "identifier value", "the identifier '" + line.identifierValue()
						+ "' belongs to " + persons.size() + " different people; use an identifier that names one"));
			}
			String coordinatorProblem = coordinatorProblems.computeIfAbsent(line.coordinator(), name -> {
				try {
					coordinator(name);
					return "";
				}
				catch (AssignmentRefusedException ex) {
					return ex.getMessage();
				}
			});
			if (!coordinatorProblem.isEmpty()) {
				problems.add(new Problem(line.line(), "coordinator", coordinatorProblem));
			}
			if (persons.size() != 1 || !coordinatorProblem.isEmpty()) {
				// A line already wrong is not compared with others: one message for it.
				continue;
			}
			PatientId person = persons.iterator().next();
			ListLine earlier = byPerson.putIfAbsent(person, line);
			if (earlier == null) {
				recordOf.put(person, found.get(0));
			}
			else if (!earlier.coordinator().equals(line.coordinator())) {
				problems.add(new Problem(line.line(), "coordinator",
						"line " + earlier.line() + " gives this patient to '" + earlier.coordinator()
								+ "', this line to '" + line.coordinator() + "': a patient has one coordinator"));
			}
			else if (!java.util.Objects.equals(earlier.program(), line.program())) {
				problems.add(new Problem(line.line(), "program", "line " + earlier.line() + " names the program '"
						+ earlier.program() + "' for this patient, this line '" + line.program() + "'"));
			}
		}
		List<Assignment> assignments = new ArrayList<>();
		byPerson.forEach((person, line) -> assignments
			.add(new Assignment(recordOf.get(person), line.coordinator(), line.program(), "line " + line.line())));
		problems.sort(java.util.Comparator.comparingInt(Problem::line));
		return new Resolved(assignments, problems);
	}

	/** One record to name the person by, the same whichever of their records is given. */
	private static PatientId person(List<PatientId> records) {
		return records.stream().min((x, y) -> x.value().compareTo(y.value())).orElseThrow();
	}

	/**
	 * Why the person is on a caseload: the latest coordinator assignment of any of their
	 * records; empty when they are on none.
	 */
	public Optional<Basis> basisOf(PatientId record) {
		UUID[] records = this.people.recordsOf(record).stream().map(PatientId::value).toArray(UUID[]::new);
		return this.jdbc.sql("""
				select username, program, assigned_by, basis, assigned_at from caseload_assignment
				where relation = 'COORDINATOR' and patient_id = any(?) order by assigned_at desc limit 1
				""")
			.param(records)
			.query((rs, n) -> new Basis(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.optional();
	}

	/**
	 * The program each of these records is attributed under on its coordinator's caseload
	 * (the latest assignment's), for those that have one; in one round trip.
	 */
	public Map<PatientId, String> programsOf(Collection<PatientId> records) {
		Map<PatientId, String> programs = new HashMap<>();
		if (records.isEmpty()) {
			return programs;
		}
		this.jdbc.sql("""
				select distinct on (patient_id) patient_id, program from caseload_assignment
				where relation = 'COORDINATOR' and patient_id = any(?) and program is not null
				order by patient_id, assigned_at desc
				""").param(records.stream().map(PatientId::value).toArray(UUID[]::new)).query(rs -> {
			programs.put(new PatientId(rs.getObject(1, UUID.class)), rs.getString(2));
		});
		return programs;
	}

	/**
	 * The people on no coordinator's caseload: imported ones nobody has taken on, and
	 * those a feed created that wait for someone to say whether they are already known.
	 */
	public People.PeopleOutside unassigned(String query, int limit) {
		List<PatientId> assigned = this.jdbc
			.sql("select distinct patient_id from caseload_assignment where relation = 'COORDINATOR'")
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
		return this.people.outside(assigned, query, limit);
	}

	/** The people on the coordinator's caseload, one row each, by name. */
	public List<PatientSummary> caseloadOf(String coordinator) {
		List<PatientId> records = this.jdbc
			.sql("select patient_id from caseload_assignment where relation = 'COORDINATOR' and username = ?")
			.param(coordinator)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
		return this.patients.summaries(this.people.onePerPerson(records), null);
	}

	/** How many people each coordinator has on their caseload. */
	public Map<String, Integer> caseloadSizes() {
		Map<String, Integer> sizes = new HashMap<>();
		this.jdbc.sql("""
				select username, count(*) from caseload_assignment where relation = 'COORDINATOR' group by username
				""").query((rs, n) -> sizes.put(rs.getString(1), rs.getInt(2))).list();
		return sizes;
	}

	UserAccount coordinator(String username) {
		UserAccount to = this.accounts.find(username == null ? "" : username.strip())
			.orElseThrow(() -> new AssignmentRefusedException("There is no user '" + username + "'."));
		if (!to.has(Role.COORDINATOR)) {
			throw new AssignmentRefusedException("'" + to.username() + "' is not a coordinator (roles " + to.roleNames()
					+ "): only a coordinator holds a caseload.");
		}
		if (!to.enabled()) {
			throw new AssignmentRefusedException("'" + to.username() + "' is disabled.");
		}
		return to;
	}

	private static String basisOf(Assignment a, String basis) {
		return a.where() == null ? basis : basis + ", " + a.where();
	}

	List<Change> apply(List<Assignment> assignments, Actor actor, String basis, boolean keepProgram) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ASSIGNMENT_LOCK).query(Object.class).single();
		// One assignment per person, whichever of their records it names.
		Map<PatientId, Assignment> byPerson = new LinkedHashMap<>();
		Map<PatientId, List<PatientId>> recordsByPerson = new HashMap<>();
		for (Assignment a : assignments) {
			List<PatientId> records = this.people.recordsOf(a.patient());
			PatientId person = person(records);
			Assignment earlier = byPerson.putIfAbsent(person, a);
			if (earlier != null && !earlier.coordinator().equals(a.coordinator())) {
				throw new AssignmentRefusedException(
						"One person is given to both " + earlier.coordinator() + " and " + a.coordinator() + ".");
			}
			recordsByPerson.put(person, records);
		}
		Map<PatientId, String> before = this.caseloads.coordinatorsOf(
				byPerson.values().stream().map(Assignment::patient).collect(LinkedHashSet::new, Set::add, Set::addAll));
		List<Change> changes = new ArrayList<>();
		List<AuditRecord> audits = new ArrayList<>();
		for (Map.Entry<PatientId, Assignment> entry : byPerson.entrySet()) {
			Assignment a = entry.getValue();
			UUID[] records = recordsByPerson.get(entry.getKey()).stream().map(PatientId::value).toArray(UUID[]::new);
			String program = a.program();
			if (keepProgram) {
				program = this.jdbc.sql("""
						select program from caseload_assignment where relation = 'COORDINATOR' and patient_id = any(?)
						order by assigned_at desc limit 1
						""").param(records).query(String.class).optional().orElse(null);
			}
			this.jdbc.sql("delete from caseload_assignment where relation = 'COORDINATOR' and patient_id = any(?)")
				.param(records)
				.update();
			this.jdbc.sql("""
					insert into caseload_assignment (patient_id, username, relation, program, assigned_by, basis)
					values (?, ?, 'COORDINATOR', ?, ?, ?)
					on conflict (patient_id, username) do update set relation = 'COORDINATOR', assigned_at = now(),
					    program = excluded.program, assigned_by = excluded.assigned_by, basis = excluded.basis
					""")
				.params(a.patient().value(), a.coordinator(), program, actor.username(), basisOf(a, basis))
				.update();
			String from = before.get(a.patient());
			changes.add(new Change(a.patient(), from, a.coordinator()));
			if (from != null && !from.equals(a.coordinator())) {
				this.events.publishEvent(new CoordinatorChanged(a.patient(), from, a.coordinator(),
						this.clock.instant(), actor.username()));
			}
			audits.add(new AuditRecord(actor.username(), actor.roles(), AuditAction.UPDATE, a.patient(),
					"caseload: assigned to " + a.coordinator()
							+ (from == null ? " (was on no caseload)"
									: from.equals(a.coordinator()) ? " (already theirs)" : " (was " + from + "'s)")
							+ (program == null ? "" : ", program " + program) + "; " + basisOf(a, basis),
					actor.address(), Outcome.SUCCESS, false, null));
		}
		// Audited with the change, in its transaction: kept if and only if it commits.
		audits.forEach(this.audit::recordWithChange);
		return changes;
	}

}
