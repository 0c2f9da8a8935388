package org.northstar.careplan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.PatientAccess;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The care team across organisations in the care-plan section, over HTTP as htmx asks for
 * it: members added, changed and ended with their history; whether each has seen the
 * latest plan; the plan shared as a bundle and recorded as sent; handoff notes between
 * coordinators; and emergency access reading without writing.
 */
class CareTeamTests extends NorthstarTest {

	private static final String SOURCE = "care-team-tests";

	private static final String PASSWORD = "Quartz-meadow-harbour-58";

	private static final AtomicInteger NEXT = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Assignments assignments;

	@Autowired
	PatientAccess access;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	AuditTrail audit;

	@Autowired
	CarePlans plans;

	@Autowired
	CareTeams teams;

	@Autowired
	People people;

	@Test
	void membersFromOtherOrganisationsAreAddedChangedAndEndedWithTheirHistoryKept() {
		String ana = user(Role.COORDINATOR, null);
		PatientId patient = patientOf(ana, "Okafor");
		PageClient page = htmx(ana);

		Response unreachable = page.post(team(patient) + "/members",
				Map.of("name", "Dr. Ruth Adeyemi", "role", "Cardiologist", "organisation", "Riverside Cardiology"));
		assertThat(unreachable.body()).contains("phone: give a phone number or an e-mail address");
		assertThat(this.plans.of(this.people.recordsOf(patient))).as("a refused member opens no plan").isEmpty();

		Response added = page.post(team(patient) + "/members",
				Map.of("name", "Dr. Ruth Adeyemi", "role", "Cardiologist", "organisation", "Riverside Cardiology",
						"phone", "+1 614 555 0142", "channel", "FAX", "startedOn", "2026-11-02"));
		Response colleague = page.post(team(patient) + "/members", Map.of("username", ana, "role", "Care coordinator"));
		CareTeam team = this.teams.of(this.people.recordsOf(patient)).orElseThrow();
		CareTeamMember ruth = team.members().get(0);
		Response changed = page.post(team(patient) + "/members/" + ruth.id(),
				form(ruth, "email", "r.adeyemi@riverside.example"));
		Response stale = page.post(team(patient) + "/members/" + ruth.id(), form(ruth, "phone", "+1 614 555 0199"));
		Response ended = page.post(team(patient) + "/members/" + ruth.id() + "/end",
				Map.of("version", "2", "endedOn", "2026-11-20", "reason", "Care moved to Dr. Osei"));

		assertThat(added.status()).isEqualTo(200);
		assertThat(added.body()).startsWith("<div")
			.contains("Dr. Ruth Adeyemi")
			.contains("Riverside Cardiology")
			.contains("prefers <span class=\"member-channel\">fax</span>");
		assertThat(colleague.body()).contains("Plan Test COORDINATOR").contains("Northstar");
		assertThat(changed.body()).contains("Saved Dr. Ruth Adeyemi");
		assertThat(stale.body()).contains("was changed by " + ana + " since you read it");
		assertThat(ended.body()).contains("left the care team on 2026-11-20")
			.contains("Past members (1)")
			.contains("Care moved to Dr. Osei");
		CareTeamMember now = this.teams.of(this.people.recordsOf(patient)).orElseThrow().members().get(0);
		assertThat(now.email()).isEqualTo("r.adeyemi@riverside.example");
		assertThat(now.phone()).as("the stale change changed nothing").isEqualTo("+1 614 555 0142");
		assertThat(now.endedOn()).hasToString("2026-11-20");
		assertThat(this.teams.history(team.planId())).extracting(MemberChange::field, MemberChange::after)
			.contains(org.assertj.core.groups.Tuple.tuple("joined", "Dr. Ruth Adeyemi, Cardiologist"),
					org.assertj.core.groups.Tuple.tuple("email", "r.adeyemi@riverside.example"),
					org.assertj.core.groups.Tuple.tuple("endedOn", "2026-11-20"));
		assertThat(auditOf(ana)).anySatisfy(e -> {
			assertThat(e.record().action()).isEqualTo(AuditAction.CREATE);
			assertThat(e.record().detail()).isEqualTo("care team: add a member");
			assertThat(e.record().patient()).isEqualTo(patient);
		});
	}

	@Test
	void aNewVersionOfThePlanIsNotSeenByAMemberWhoSawTheLastOne() {
		String ana = user(Role.COORDINATOR, null);
		PatientId patient = patientOf(ana, "Diaz");
		PageClient page = htmx(ana);
		page.post(team(patient) + "/members",
				Map.of("name", "Tomas Diaz", "role", "Son, caregiver", "phone", "614-555-0110", "channel", "SMS"));
		CarePlan plan = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		CareTeamMember tomas = this.teams.team(plan.id()).members().get(0);

		Response seen = page.post(team(patient) + "/members/" + tomas.id() + "/seen",
				Map.of("planVersion", Integer.toString(plan.version())));
		page.post("/patients/" + patient + "/care-plan/items", Map.of("kind", "INTERVENTION", "title",
				"Weekly weight-check call", "owner", ana, "dueOn", "2027-01-10"));
		Response after = page.get(team(patient));

		assertThat(seen.body()).contains("seen version " + plan.version());
		assertThat(after.body()).contains("not seen latest (saw version " + plan.version() + ")");
		assertThat(this.teams.team(plan.id()).members().get(0).hasSeen(plan.version() + 1)).isFalse();
	}

	@Test
	void theSharedPlanIsABundleOfPlanGoalsAndTeamAndIsRecordedAsSentAndSeen() {
		String ana = user(Role.COORDINATOR, null);
		PatientId patient = patientOf(ana, "Chen-Share");
		PageClient page = htmx(ana);
		page.post("/patients/" + patient + "/care-plan/items", Map.of("kind", "GOAL", "title",
				"HbA1c at or below 7.0 %", "measure", "4548-4", "targetHigh", "7.0", "dueOn", "2027-03-01"));
		page.post(team(patient) + "/members", Map.of("name", "Dr. Lee", "role", "Primary care physician",
				"organisation", "Eastside Family Medicine", "email", "lee@eastside.example", "channel", "EMAIL"));
		CarePlan plan = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		CareTeamMember lee = this.teams.team(plan.id()).members().get(0);

		Response bundle = htmx(ana).header("HX-Request", null).get("/patients/" + patient + "/care-plan/bundle");
		Response sent = page.post(team(patient) + "/shares",
				Map.of("member", Long.toString(lee.id()), "format", "BUNDLE", "channel", "EMAIL"));
		Response refused = htmx(user(Role.COORDINATOR, null)).header("HX-Request", null)
			.get("/patients/" + patient + "/care-plan/bundle");

		assertThat(bundle.status()).isEqualTo(200);
		assertThat(bundle.header("Content-Type")).anySatisfy(t -> assertThat(t).startsWith("application/fhir+json"));
		assertThat(bundle.body()).contains("\"resourceType\": \"Bundle\"")
			.contains("\"type\": \"collection\"")
			.contains("\"resourceType\": \"CarePlan\"")
			.contains("\"resourceType\": \"Goal\"")
			.contains("\"resourceType\": \"CareTeam\"")
			.contains("lee@eastside.example")
			.contains("\"value\": 7.0");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(sent.body()).contains("version " + plan.version() + " of the plan sent to Dr. Lee")
			.contains("seen version " + plan.version());
		assertThat(this.teams.shares(plan.id())).singleElement().satisfies(s -> {
			assertThat(s.planVersion()).isEqualTo(plan.version());
			assertThat(s.channel()).isEqualTo(Channel.EMAIL);
			assertThat(s.sentBy()).isEqualTo(ana);
		});
		assertThat(auditOf(ana)).filteredOn(e -> e.record().action() == AuditAction.EXPORT)
			.extracting(e -> e.record().detail())
			.contains("care plan bundle (CarePlan, Goals, CareTeam)", "care plan sent to care-team member " + lee.id());
	}

	@Test
	void someoneOutsideTheCaseloadNeitherSeesNorChangesTheTeamAndTheRefusalIsInPlace() {
		String ana = user(Role.COORDINATOR, null);
		String bo = user(Role.COORDINATOR, null);
		PatientId patient = patientOf(ana, "Outsider-Team");
		htmx(ana).post(team(patient) + "/members",
				Map.of("name", "Dr. Lee", "role", "Primary care physician", "phone", "614-555-0100"));
		PageClient page = htmx(bo);

		Response read = page.get(team(patient));
		Response write = page.post(team(patient) + "/members",
				Map.of("name", "Dr. Who", "role", "ED physician", "phone", "614-555-0199"));

		assertThat(read.status()).isEqualTo(403);
		assertThat(read.body()).contains("You may not see or change this person")
			.contains("id=\"care-team-section\"")
			.doesNotContain("Dr. Lee")
			.doesNotContain("Outsider-Team");
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.body()).contains("You may not see or change this person");
		assertThat(this.teams.of(this.people.recordsOf(patient)).orElseThrow().members())
			.extracting(CareTeamMember::name)
			.containsExactly("Dr. Lee");
		assertThat(auditOf(bo)).filteredOn(e -> e.record().outcome() == Outcome.DENIED)
			.extracting(e -> e.record().detail())
			.contains("care team", "care team: add a member");
	}

	@Test
	void emergencyAccessReadsThePlanAndItsTeamButChangesNeither() {
		String ana = user(Role.COORDINATOR, null);
		String ed = user(Role.COORDINATOR, null);
		PatientId patient = patientOf(ana, "Glass");
		htmx(ana).post(team(patient) + "/members",
				Map.of("name", "Dr. Lee", "role", "Primary care physician", "phone", "614-555-0100"));
		this.access.breakTheGlass(account(ed), patient,
				new EmergencyReason(EmergencyReason.Category.EMERGENCY_CARE, "in the ED now"), "127.0.0.1");
		PageClient page = htmx(ed);

		Response plan = page.get("/patients/" + patient + "/care-plan");
		Response team = page.get(team(patient));
		Response addItem = page.post("/patients/" + patient + "/care-plan/items",
				Map.of("kind", "PROBLEM", "title", "Chest pain"));
		Response addMember = page.post(team(patient) + "/members",
				Map.of("name", "Dr. Who", "role", "ED physician", "phone", "614-555-0199"));

		assertThat(plan.status()).isEqualTo(200);
		assertThat(plan.body()).contains("Emergency access: you may read this plan").doesNotContain("Add a goal");
		assertThat(team.status()).isEqualTo(200);
		assertThat(team.body()).contains("Dr. Lee").doesNotContain("Add a care-team member");
		assertThat(addItem.status()).isEqualTo(403);
		assertThat(addMember.status()).isEqualTo(403);
		CarePlan kept = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		assertThat(kept.items()).isEmpty();
		assertThat(this.teams.team(kept.id()).members()).extracting(CareTeamMember::name).containsExactly("Dr. Lee");
		assertThat(auditOf(ed)).filteredOn(e -> e.record().outcome() == Outcome.DENIED).anySatisfy(e -> {
			assertThat(e.record().emergency()).isTrue();
			assertThat(e.record().detail()).contains("emergency access may read, not change");
		});
	}

	@Test
	void aReassignmentPromptsTheHandoffNoteAndTheNewCoordinatorAcknowledgesIt() {
		String team = "handoff-" + NEXT.incrementAndGet();
		this.accounts.ensureTeam(team, "Handoff team");
		UserAccount sue = account(user(Role.SUPERVISOR, team));
		String ana = user(Role.COORDINATOR, team);
		String bo = user(Role.COORDINATOR, team);
		String cy = user(Role.COORDINATOR, team);
		PatientId patient = patientOf(ana, "Handoff");

		this.assignments.assign(sue, List.of(patient), bo, "127.0.0.1");
		awaitReactions();
		Response prompted = htmx(ana).get(team(patient));
		Response written = htmx(ana).post(team(patient) + "/handoff",
				Map.of("from", ana, "text", "Daughter calls on Fridays; scale at home reads 0.5 kg high."));
		Response toBo = htmx(bo).get(team(patient));
		long note = this.jdbcNote(patient);
		Response notBo = htmx(cy).post(team(patient) + "/handoff/" + note + "/acknowledge", Map.of());
		Response acknowledged = htmx(bo).post(team(patient) + "/handoff/" + note + "/acknowledge", Map.of());

		assertThat(prompted.body()).contains(ana + "</span> handed this person over to <span>" + bo)
			.contains("the handoff note is still to be written");
		assertThat(written.body()).contains("Handoff note saved");
		assertThat(toBo.body()).contains("Handoff note from")
			.contains("Daughter calls on Fridays")
			.contains("I have read it");
		assertThat(notBo.body()).contains("the note is for " + bo);
		assertThat(acknowledged.body()).contains("Handoff note acknowledged")
			.doesNotContain("Daughter calls on Fridays");

		// Written ahead, a note waits for the next move and is addressed by it.
		htmx(bo).post(team(patient) + "/handoff", Map.of("text", "Prefers calls after 4 pm."));
		this.assignments.assign(sue, List.of(patient), cy, "127.0.0.1");
		awaitReactions();
		assertThat(htmx(cy).get(team(patient)).body()).contains("Prefers calls after 4 pm.").contains("I have read it");
	}

	private long jdbcNote(PatientId patient) {
		return this.handoffs.of(this.people.recordsOf(patient)).get(0).id();
	}

	@Autowired
	Handoffs handoffs;

	private static Map<String, String> form(CareTeamMember member, String field, String value) {
		Map<String, String> form = new HashMap<>(Map.of("version", Integer.toString(member.version()), "name",
				member.name(), "role", member.role(), "phone", member.phone(), "organisation", member.organisation(),
				"channel", member.channel().name(), "startedOn", member.startedOn().toString()));
		form.put(field, value);
		return form;
	}

	private List<AuditEntry> auditOf(String user) {
		return this.audit.search(new AuditQuery(user, true, null, null, false, null, null, "time", true, 0, 100));
	}

	private static String team(PatientId patient) {
		return "/patients/" + patient + "/care-team";
	}

	private UserAccount account(String username) {
		return this.accounts.find(username).orElseThrow();
	}

	private String user(Role role, String team) {
		String name = "team-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Plan Test " + role, PASSWORD, Set.of(role), team);
		return name;
	}

	private PatientId patientOf(String coordinator, String family) {
		CarePlanFixture patient = CarePlanFixture.aPatient("ct-" + NEXT.incrementAndGet(), "Care", family);
		this.fhirImport.importBundle(patient.json(), SOURCE, "test");
		PatientId id = new PatientId(new RecordKey(SOURCE, "Patient", patient.id()).id());
		this.caseloads.assign(id, coordinator, Relation.COORDINATOR);
		return id;
	}

	private PageClient htmx(String username) {
		PageClient page = new PageClient(this.port, "127.0.32." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		page.get("/caseload");
		return page.header("HX-Request", "true");
	}

}
