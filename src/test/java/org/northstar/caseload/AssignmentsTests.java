package org.northstar.caseload;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.PersonRow;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Supervisors put people on their team's caseloads, person by person and never record by
 * record; nobody else but an administrator may.
 */
class AssignmentsTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@Autowired
	Assignments assignments;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	UserAccount supervisor;

	UserAccount coordinator;

	@BeforeEach
	void team() {
		this.accounts.ensureTeam("assign-east", "East team");
		this.accounts.ensureTeam("assign-west", "West team");
		this.supervisor = user("as-sue", Set.of(Role.SUPERVISOR), "assign-east");
		this.coordinator = user("as-cora", Set.of(Role.COORDINATOR), "assign-east");
		user("as-cody", Set.of(Role.COORDINATOR), "assign-east");
		user("as-wes", Set.of(Role.COORDINATOR), "assign-west");
	}

	@Test
	void assignsTheWholePersonAndTakesThemOffTheUnassignedQueue() {
		PatientId ehr = importPatient("assign-ehr",
				aPatient("p1").named("Ottilie", "Brackenbury").born("1950-02-03").ssn("900-11-0001"));
		PatientId clinic = importPatient("assign-clinic",
				aPatient("p1").named("Ottilie", "Brackenbury-Lane").born("1950-02-03").ssn("900-11-0001"));
		this.linkage.link(ehr, clinic, "test");
		assertThat(unassignedNames("Brackenbury")).containsExactly("Brackenbury, Ottilie");

		List<Assignments.Change> changes = this.assignments.assign(this.supervisor, List.of(clinic), "as-cora",
				"127.0.0.1");

		assertThat(changes).containsExactly(new Assignments.Change(clinic, null, "as-cora"));
		assertThat(this.caseloads.coordinatorOf(ehr)).contains("as-cora");
		assertThat(this.caseloads.coordinatorOf(clinic)).contains("as-cora");
		assertThat(unassignedNames("Brackenbury")).isEmpty();
		assertThat(auditedFor(clinic)).anyMatch(e -> e.username().equals("as-sue")
				&& e.detail().startsWith("caseload: assigned to as-cora (was on no caseload)"));
	}

	@Test
	void reassigningLeavesOneCoordinatorOverAllTheRecords() {
		PatientId ehr = importPatient("assign-ehr",
				aPatient("p2").named("Wendeline", "Quarrington").born("1944-07-08").ssn("900-11-0002"));
		PatientId feed = importPatient("assign-clinic",
				aPatient("p2").named("Wendeline", "Quarrington").born("1944-07-08").ssn("900-11-0002"));
		this.linkage.link(ehr, feed, "test");
		// As the demo and older versions did: one coordinator on each record.
		this.caseloads.assign(ehr, "as-cody", Relation.COORDINATOR);
		this.caseloads.assign(feed, "as-cody", Relation.COORDINATOR);

		List<Assignments.Change> changes = this.assignments.assign(this.supervisor, List.of(ehr, feed), "as-cora",
				"127.0.0.1");

		assertThat(changes).hasSize(1).first().extracting(Assignments.Change::from).isEqualTo("as-cody");
		assertThat(this.jdbc
			.sql("select username from caseload_assignment where relation = 'COORDINATOR' and patient_id in (?, ?)")
			.params(ehr.value(), feed.value())
			.query(String.class)
			.list()).containsExactly("as-cora");
		assertThat(this.assignments.basisOf(feed)).hasValueSatisfying(b -> {
			assertThat(b.coordinator()).isEqualTo("as-cora");
			assertThat(b.assignedBy()).isEqualTo("as-sue");
		});
	}

	@Test
	void refusesACoordinatorAndAuditsTheRefusal() {
		PatientId patient = importPatient("assign-ehr",
				aPatient("p3").named("Isembard", "Throckley").born("1938-11-30"));

		assertThatThrownBy(() -> this.assignments.assign(this.coordinator, List.of(patient), "as-cora", "127.0.0.1"))
			.isInstanceOf(AssignmentRefusedException.class)
			.hasMessageContaining("Only supervisors and administrators");

		assertThat(this.caseloads.coordinatorOf(patient)).isEmpty();
		assertThat(auditedFor(patient))
			.anyMatch(e -> e.username().equals("as-cora") && e.outcome() == AuditRecord.Outcome.DENIED);
	}

	@Test
	void aSupervisorAssignsOnlyToHerTeamAndOnlyFromIt() {
		PatientId patient = importPatient("assign-ehr",
				aPatient("p4").named("Philomena", "Stourbridge").born("1941-05-06"));
		PatientId other = importPatient("assign-ehr", aPatient("p5").named("Aurelio", "Tamsworth").born("1939-01-09"));
		this.caseloads.assign(other, "as-wes", Relation.COORDINATOR);

		assertThatThrownBy(() -> this.assignments.assign(this.supervisor, List.of(patient), "as-wes", "127.0.0.1"))
			.isInstanceOf(AssignmentRefusedException.class)
			.hasMessageContaining("not a coordinator of your team");
		assertThatThrownBy(
				() -> this.assignments.assign(this.supervisor, List.of(patient, other), "as-cora", "127.0.0.1"))
			.isInstanceOf(AssignmentRefusedException.class)
			.hasMessageContaining("another team");

		// Nothing of the refused batch was applied.
		assertThat(this.caseloads.coordinatorOf(patient)).isEmpty();
		assertThat(this.caseloads.coordinatorOf(other)).contains("as-wes");
	}

	@Test
	void anAdministratorAssignsToAnyCoordinatorButNeverToAnotherRole() {
		UserAccount admin = user("as-admin", Set.of(Role.ADMINISTRATOR), null);
		PatientId patient = importPatient("assign-ehr",
				aPatient("p6").named("Gwenllian", "Ormskirk").born("1952-12-12"));

		assertThatThrownBy(() -> this.assignments.assign(admin, List.of(patient), "as-sue", "127.0.0.1"))
			.isInstanceOf(AssignmentRefusedException.class)
			.hasMessageContaining("not a coordinator");
		this.assignments.assign(admin, List.of(patient), "as-wes", "127.0.0.1");

		assertThat(this.caseloads.coordinatorOf(patient)).contains("as-wes");
	}

	private List<String> unassignedNames(String query) {
		return this.assignments.unassigned(query, 50)
			.rows()
			.stream()
			.map(PersonRow::patient)
			.map(p -> p.displayName())
			.toList();
	}

	private List<AuditRecord> auditedFor(PatientId patient) {
		return this.audit.search(AuditQuery.newestFirst().forPatients(Set.of(patient)))
			.stream()
			.map(AuditEntry::record)
			.toList();
	}

	private UserAccount user(String username, Set<Role> roles, String team) {
		return this.accounts.find(username)
			.orElseGet(() -> this.accounts.create(username, username, PASSWORD, roles, team));
	}

	private PatientId importPatient(String source, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), source, "test");
		String id = new String(bundle.json(), java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey(source, "Patient", id).id());
	}

}
