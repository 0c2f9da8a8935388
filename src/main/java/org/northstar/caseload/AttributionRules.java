package org.northstar.caseload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.clinical.CareProviders;
import org.northstar.clinical.SourceRecords;
import org.northstar.patient.PatientDetails;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.security.Actor;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rules that put new patients on a caseload by who looks after them outside hospital, so
 * that a practice's patients reach its coordinator without a supervisor's hand.
 *
 * <p>
 * Invariants: a rule only ever places a person who is on nobody's caseload; it never
 * moves one a supervisor or a list placed. Rules are tried in the order they were made
 * and the first that matches decides. A value matches when it is equal ignoring case and
 * surrounding spaces. A rule whose coordinator can no longer hold a caseload is passed
 * over (and logged), never half-applied. Each assignment names its rule as its basis, for
 * the patient page to explain.
 */
@Service
public class AttributionRules {

	private static final Logger log = LoggerFactory.getLogger(AttributionRules.class);

	/** Who the audit trail names for what rules do. */
	static final Actor RULES = new Actor("system", "ATTRIBUTION_RULE", null);

	/** How long {@link #exist} trusts what it last read: rules made on another node. */
	private static final long RULES_REREAD_NANOS = 10_000_000_000L;

	private final JdbcClient jdbc;

	private final Assignments assignments;

	private final Caseloads caseloads;

	private final People people;

	private final Patients patients;

	private final SourceRecords sourceRecords;

	private final AuditTrail audit;

	/** Whether any rule exists, as last read, and when (nanoTime); see {@link #exist}. */
	private volatile boolean anyRules;

	private volatile long anyRulesReadAt = System.nanoTime() - RULES_REREAD_NANOS;

	AttributionRules(JdbcClient jdbc, Assignments assignments, Caseloads caseloads, People people, Patients patients,
			SourceRecords sourceRecords, AuditTrail audit) {
		this.jdbc = jdbc;
		this.assignments = assignments;
		this.caseloads = caseloads;
		this.people = people;
		this.patients = patients;
		this.sourceRecords = sourceRecords;
		this.audit = audit;
	}

	/** What a rule looks at. */
	public enum Kind {

		GENERAL_PRACTITIONER("general practitioner"), MANAGING_ORGANIZATION("managing organization"),
		SOURCE("sending system");

		private final String words;

		Kind(String words) {
			this.words = words;
		}

		public String words() {
			return this.words;
		}

	}

	/** One rule: people whose {@code kind} is {@code match} go to the coordinator. */
	public record Rule(long id, Kind kind, String match, String coordinator, String program, String createdBy) {

		/** The rule in words, as the patient page explains an assignment. */
		public String describe() {
			return "rule: " + this.kind.words() + " " + this.match;
		}

	}

	/** The rules, in the order they are tried. */
	public List<Rule> all() {
		return this.jdbc
			.sql("select id, kind, match, coordinator, program, created_by from attribution_rule order by id")
			.query((rs, n) -> new Rule(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}

	/**
	 * Adds a rule, tried after the existing ones; audited.
	 * @throws AssignmentRefusedException if the user may not assign, or not to that
	 * coordinator, or the value to match is empty
	 */
	@Transactional
	public Rule add(UserAccount user, Kind kind, String match, String coordinator, String program, String address) {
		if (!Assignments.mayAssign(user)) {
			throw new AssignmentRefusedException("Only supervisors and administrators make attribution rules.");
		}
		if (match == null || match.isBlank()) {
			throw new AssignmentRefusedException("Say which " + kind.words() + " the rule is for.");
		}
		UserAccount to = this.assignments.coordinator(coordinator);
		if (!user.has(Role.ADMINISTRATOR)
				&& this.assignments.coordinatorsFor(user).stream().noneMatch(c -> c.username().equals(to.username()))) {
			throw new AssignmentRefusedException(
					to.displayName() + " is not a coordinator of your team: a supervisor assigns within her team.");
		}
		String programOrNull = program == null || program.isBlank() ? null : program.strip();
		long id = this.jdbc.sql("""
				insert into attribution_rule (kind, match, coordinator, program, created_by) values (?, ?, ?, ?, ?)
				returning id
				""")
			.params(kind.name(), match.strip(), to.username(), programOrNull, user.username())
			.query(Long.class)
			.single();
		Rule rule = new Rule(id, kind, match.strip(), to.username(), programOrNull, user.username());
		rulesChanged();
		this.audit.recordWithChange(new AuditRecord(user.username(), user.roleNames(), AuditAction.CREATE, null,
				"attribution " + rule.describe() + " -> " + to.username()
						+ (programOrNull == null ? "" : ", program " + programOrNull),
				address, Outcome.SUCCESS, false, null));
		return rule;
	}

	/** Removes a rule; the assignments it made stay. Audited. */
	@Transactional
	public void remove(UserAccount user, long id, String address) {
		if (!Assignments.mayAssign(user)) {
			throw new AssignmentRefusedException("Only supervisors and administrators remove attribution rules.");
		}
		Optional<Rule> rule = all().stream().filter(r -> r.id() == id).findFirst();
		if (rule.isEmpty()) {
			return;
		}
		this.jdbc.sql("delete from attribution_rule where id = ?").param(id).update();
		rulesChanged();
		this.audit.recordWithChange(new AuditRecord(user.username(), user.roleNames(), AuditAction.DELETE, null,
				"attribution " + rule.get().describe() + " -> " + rule.get().coordinator() + " removed", address,
				Outcome.SUCCESS, false, null));
	}

	/**
	 * Whether there is any rule at all: when there is none, as in most deployments, the
	 * feed and the import store no reaction for rules. Read at most every 10 seconds, and
	 * at once after a rule is made or removed here.
	 */
	public boolean exist() {
		long now = System.nanoTime();
		if (now - this.anyRulesReadAt >= RULES_REREAD_NANOS) {
			this.anyRules = this.jdbc.sql("select exists (select 1 from attribution_rule)")
				.query(Boolean.class)
				.single();
			this.anyRulesReadAt = now;
		}
		return this.anyRules;
	}

	/** Forgets what {@link #exist} read, once the change is visible to others. */
	private void rulesChanged() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				AttributionRules.this.anyRulesReadAt = System.nanoTime() - RULES_REREAD_NANOS;
			}
		});
	}

	/**
	 * Puts each of these people who is on nobody's caseload on the caseload of the first
	 * rule that matches them. Idempotent: a person placed stays where they are.
	 * @return the people placed
	 */
	@Transactional
	public List<Assignments.Change> attribute(Collection<PatientId> records) {
		List<Rule> rules = all();
		if (rules.isEmpty() || records.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?)")
			.param(Assignments.ASSIGNMENT_LOCK)
			.query(Object.class)
			.single();
		List<Assignments.Change> placed = new ArrayList<>();
		Set<PatientId> seen = new LinkedHashSet<>();
		for (PatientId record : records) {
			List<PatientId> person = this.people.recordsOf(record);
			if (!seen.addAll(person) || this.caseloads.coordinatorOf(record).isPresent()) {
				continue;
			}
			for (Rule rule : rules) {
				if (!matches(rule, person)) {
					continue;
				}
				try {
					this.assignments.coordinator(rule.coordinator());
				}
				catch (AssignmentRefusedException ex) {
					log.warn("Attribution {} passed over: {}", rule.describe(), ex.getMessage());
					continue;
				}
				placed.addAll(this.assignments.apply(
						List.of(new Assignments.Assignment(record, rule.coordinator(), rule.program(), null)), RULES,
						rule.describe(), false));
				break;
			}
		}
		return placed;
	}

	private boolean matches(Rule rule, List<PatientId> person) {
		String wanted = normal(rule.match());
		for (PatientId record : person) {
			List<String> values = switch (rule.kind()) {
				case SOURCE -> this.patients.find(record).map(PatientDetails::source).map(List::of).orElse(List.of());
				case GENERAL_PRACTITIONER -> providers(record).generalPractitioners();
				case MANAGING_ORGANIZATION -> providers(record).managingOrganizations();
			};
			if (values.stream().map(AttributionRules::normal).anyMatch(wanted::equals)) {
				return true;
			}
		}
		return false;
	}

	private CareProviders providers(PatientId record) {
		return this.sourceRecords.careProviders(record);
	}

	private static String normal(String value) {
		return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
	}

}
