package org.northstar.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.EmergencyReason.Category;
import org.northstar.caseload.PatientAccess;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Actor;
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
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Breaking the glass and the refused page, tried over HTTP as a user outside the
 * patient's caseload would: who may break the glass, with what reason, what the refusal
 * shows, and the privacy officer's report of it.
 */
class EmergencyAccessTests extends NorthstarTest {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final String PASSWORD = "Copper-kettle-meadow-42";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	PatientAccess access;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	AuditTrail audit;

	@Test
	void aRefusedPageDoesNotSayWhoThePatientIs() {
		PatientId patient = someoneElsesPatient();
		PageClient page = signedIn(user(Role.COORDINATOR));

		Response refused = page.get("/patients/" + patient.value());

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("not on your caseload")
			.doesNotContainIgnoringCase("Quellinger")
			.doesNotContainIgnoringCase("Philippa")
			.doesNotContain("1947")
			.doesNotContain("MRN-Q-" + patient.value().toString().substring(0, 8));
	}

	@Test
	void anAdministratorMayNotBreakTheGlass() {
		PatientId patient = someoneElsesPatient();
		String admin = user(Role.ADMINISTRATOR);
		PageClient page = signedIn(admin);
		assertThat(page.get("/patients/" + patient.value()).body()).doesNotContain("Break the glass and open");

		Response attempt = page.post("/patients/" + patient.value() + "/emergency-access",
				Map.of("category", "EMERGENCY_CARE", "reason", "I am the administrator, let me in"));

		assertThat(attempt.status()).isEqualTo(403);
		assertThat(attempt.body()).contains("Your role may not break the glass");
		assertThat(page.get("/patients/" + patient.value()).status()).isEqualTo(403);
		AuditEntry refusal = lastAuditOf(admin, AuditAction.BREAK_THE_GLASS);
		assertThat(refusal.record().outcome()).isEqualTo(Outcome.DENIED);
		assertThat(refusal.record().reason()).isEqualTo("Emergency care: I am the administrator, let me in");
	}

	@Test
	void aCareTeamMemberBreaksTheGlassWithAReasonFromTheList() {
		PatientId patient = someoneElsesPatient();
		String nurse = user(Role.CARE_TEAM_MEMBER);
		PageClient page = signedIn(nurse);
		assertThat(page.get("/patients/" + patient.value()).body()).contains("Covering for a colleague");

		Response broken = page.post("/patients/" + patient.value() + "/emergency-access",
				Map.of("category", "COVERING_FOR_A_COLLEAGUE", "reason", "Ben is off sick today"));

		assertThat(broken.redirectsTo("/patients/" + patient.value())).isTrue();
		Response opened = page.get("/patients/" + patient.value());
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.body()).contains("Quellinger");
		AuditEntry glass = lastAuditOf(nurse, AuditAction.BREAK_THE_GLASS);
		assertThat(glass.record().outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(glass.record().reason()).isEqualTo("Covering for a colleague: Ben is off sick today");
	}

	@Test
	void breakingTheGlassNeedsAReasonFromTheListAndWordsForOther() {
		PatientId patient = someoneElsesPatient();
		String coordinator = user(Role.COORDINATOR);
		PageClient page = signedIn(coordinator);
		page.get("/patients/" + patient.value());

		page.post("/patients/" + patient.value() + "/emergency-access", Map.of("reason", "no category chosen here"));
		assertThat(page.get("/patients/" + patient.value()).body()).contains("Choose why you need this record");
		page.post("/patients/" + patient.value() + "/emergency-access", Map.of("category", "OTHER", "reason", "x"));
		Response other = page.get("/patients/" + patient.value());
		assertThat(other.body()).contains("For &quot;Other&quot;, say why");
		page.post("/patients/" + patient.value() + "/emergency-access",
				Map.of("category", "JUST_CURIOUS", "reason", "looking"));

		assertThat(page.get("/patients/" + patient.value()).status()).isEqualTo(403);
		assertThat(this.audit.search(new AuditQuery(coordinator, true, null, AuditAction.BREAK_THE_GLASS, false, null,
				null, "time", true, 0, 10)))
			.isEmpty();
	}

	@Test
	void aGrantEndsWhenTheUserNoLongerHoldsAClinicalRole() {
		PatientId patient = someoneElsesPatient();
		String coordinator = user(Role.COORDINATOR);
		this.access.breakTheGlass(account(coordinator), patient,
				new EmergencyReason(Category.EMERGENCY_CARE, "in the ED now"), "127.0.0.1");
		assertThat(this.access.check(account(coordinator), patient, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.EMERGENCY);

		this.accounts.changeRoles(coordinator, Set.of(Role.ADMINISTRATOR), null,
				new Actor("admin", "ADMINISTRATOR", "127.0.0.1"));

		assertThat(this.access.check(account(coordinator), patient, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.REFUSED);
	}

	@Test
	void thePrivacyOfficersReportShowsEveryBreakTheGlassWithItsReason() {
		PatientId patient = someoneElsesPatient();
		String coordinator = user(Role.COORDINATOR);
		this.access.breakTheGlass(account(coordinator), patient,
				new EmergencyReason(Category.PATIENT_CALLED, "she rang about her discharge letter"), "127.0.0.1");
		PageClient admin = signedIn(user(Role.ADMINISTRATOR));

		Response audit = admin.get("/admin/audit");
		assertThat(audit.body()).contains("Break-the-glass report");
		Response report = admin.get("/admin/audit?emergency=true&user=" + coordinator);

		assertThat(report.status()).isEqualTo(200);
		assertThat(report.body()).contains("<h1>Break-the-glass report</h1>")
			.contains("privacy officer")
			.contains("The patient called: she rang about her discharge letter");
	}

	/** A patient on a caseload no test user shares. */
	private PatientId someoneElsesPatient() {
		String id = "q-" + NEXT.incrementAndGet();
		PatientId patient = new PatientId(new RecordKey("emergency-access-tests", "Patient", id).id());
		this.fhirImport.importBundle(aPatient(id).named("Philippa", "Quellinger")
			.born("1947-03-12")
			.sex("female")
			.identifier("MR", "urn:test:mrn", "MRN-Q-" + patient.value().toString().substring(0, 8))
			.json(), "emergency-access-tests", "test");
		String owner = user(Role.COORDINATOR);
		this.caseloads.assign(patient, owner, Relation.COORDINATOR);
		return patient;
	}

	private String user(Role role) {
		String name = "glass-" + NEXT.incrementAndGet() + "-u";
		this.accounts.create(name, "Glass Test " + role, PASSWORD, Set.of(role), null);
		return name;
	}

	private UserAccount account(String username) {
		return this.accounts.find(username).orElseThrow();
	}

	private PageClient signedIn(String username) {
		PageClient page = new PageClient(this.port, "127.0.9." + (2 + NEXT.incrementAndGet() % 250));
		assertThat(page.signIn(username, PASSWORD).status()).isEqualTo(302);
		return page;
	}

	private AuditEntry lastAuditOf(String user, AuditAction action) {
		return this.audit.search(new AuditQuery(user, true, null, action, false, null, null, "time", true, 0, 1))
			.get(0);
	}

}
