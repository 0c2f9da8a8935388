package org.northstar.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Interactions, consents and the month-end billing report over HTTP, as other tools and
 * billers use them: who may, what is refused and why, what is billed.
 */
class CareManagementApiTests extends NorthstarTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** The issue's example, in a month already over wherever the tests run. */
	private static final String CALL = """
			{"kind": "PHONE_OUT", "outcome": "REACHED", "startedAt": "%s", "minutes": %d,
			 "staff": "CLINICAL_STAFF", "activity": "CCM", "note": "Reviewed glucose log; adjusted plan."}""";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	org.northstar.worklist.TransitionsOfCare transitions;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recordsAnInteractionAndListsItAudited() throws Exception {
		String ana = coordinator("cm-ana");
		PatientId patient = patientOf("cm-ana", "cm-1", aPatient("p1").named("Ines", "Oduya"));

		Response created = post("/api/patients/" + patient + "/interactions",
				CALL.formatted("2026-10-03T10:00:00Z", 12), ana);

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("minutes").asInt()).isEqualTo(12);
		assertThat(created.json().path("recordedBy").asText()).isEqualTo("cm-ana");
		JsonNode listed = get("/api/patients/" + patient + "/interactions", ana).json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("note").asText()).isEqualTo("Reviewed glucose log; adjusted plan.");
		assertThat(this.audit.search(new AuditQuery("cm-ana", null, null, null, "time", true, 10)))
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("documenting an interaction"))
			.anySatisfy(e -> assertThat(e.record().detail()).isEqualTo("interactions"));
	}

	@Test
	void refusesABadInteractionNamingTheFieldAndRecordsNothing() throws Exception {
		String ana = coordinator("cm-bad");
		PatientId patient = patientOf("cm-bad", "cm-2", aPatient("p2").named("Tomas", "Ekwueme"));

		Response minutes = post("/api/patients/" + patient + "/interactions",
				CALL.formatted("2026-10-03T10:00:00Z", -5), ana);
		Response kind = post("/api/patients/" + patient + "/interactions",
				CALL.formatted("2026-10-03T10:00:00Z", 5).replace("PHONE_OUT", "FAX"), ana);
		Response noOffset = post("/api/patients/" + patient + "/interactions", CALL.formatted("2026-10-03T10:00:00", 5),
				ana);

		assertThat(minutes.status()).isEqualTo(400);
		assertThat(minutes.json().path("field").asText()).isEqualTo("minutes");
		assertThat(kind.json().path("field").asText()).isEqualTo("kind");
		assertThat(kind.json().path("detail").asText()).contains("'FAX' is not one of");
		assertThat(noOffset.json().path("field").asText()).isEqualTo("startedAt");
		assertThat(get("/api/patients/" + patient + "/interactions", ana).json()).isEmpty();
	}

	@Test
	void refusesAnotherCoordinatorsPatientAndAReadOnlyToken() throws Exception {
		coordinator("cm-owner");
		String other = coordinator("cm-other");
		PatientId patient = patientOf("cm-owner", "cm-3", aPatient("p3").named("Wen", "Halvorsen"));
		String readOnly = this.tokens.issue("cm-owner", "care management tests", Duration.ofHours(1),
				Set.of(ApiScope.USER_READ));

		assertThat(post("/api/patients/" + patient + "/interactions", CALL.formatted("2026-10-03T10:00:00Z", 5), other)
			.status()).isEqualTo(403);
		assertThat(get("/api/patients/" + patient + "/interactions", other).status()).isEqualTo(403);
		assertThat(
				post("/api/patients/" + patient + "/interactions", CALL.formatted("2026-10-03T10:00:00Z", 5), readOnly)
					.status())
			.isEqualTo(403);
		assertThat(get("/api/patients/" + patient + "/interactions", readOnly).status()).isEqualTo(200);
		assertThat(this.audit.search(new AuditQuery("cm-other", null, null, null, "time", true, 10)))
			.anySatisfy(e -> assertThat(e.record().outcome()).isEqualTo(Outcome.DENIED));
	}

	@Test
	void signedInteractionsCannotBeChangedOnlyAmended() throws Exception {
		String ana = coordinator("cm-sign");
		PatientId patient = patientOf("cm-sign", "cm-4", aPatient("p4").named("Lio", "Brandt"));
		long id = post("/api/patients/" + patient + "/interactions", CALL.formatted("2026-10-03T10:00:00Z", 5), ana)
			.json()
			.path("id")
			.asLong();

		assertThatThrownBy(() -> this.jdbc.sql("update interaction set minutes = 50 where id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class);
		Response addendum = post("/api/patients/" + patient + "/interactions/" + id + "/addenda",
				"{\"note\": \"Glucose log was from September, not October.\"}", ana);

		assertThat(addendum.status()).isEqualTo(201);
		JsonNode listed = get("/api/patients/" + patient + "/interactions", ana).json().get(0);
		assertThat(listed.path("minutes").asInt()).isEqualTo(5);
		assertThat(listed.path("note").asText()).isEqualTo("Reviewed glucose log; adjusted plan.");
		assertThat(listed.path("addenda").get(0).path("note").asText()).startsWith("Glucose log was from September");
	}

	@Test
	void recordsRevokesAndListsConsents() throws Exception {
		String ana = coordinator("cm-consent");
		PatientId patient = patientOf("cm-consent", "cm-5", aPatient("p5").named("Nadia", "Ferreira"));
		String consent = """
				{"program": "CCM", "kind": "VERBAL", "obtainedAt": "2026-10-02", "obtainedBy": "ana",
				 "disclosuresGiven": %s}""";

		Response withoutDisclosures = post("/api/patients/" + patient + "/consents", consent.formatted(false), ana);
		Response created = post("/api/patients/" + patient + "/consents", consent.formatted(true), ana);
		long id = created.json().path("id").asLong();
		Response revoked = delete("/api/patients/" + patient + "/consents/" + id + "?revokedOn=2026-10-20", ana);
		Response again = delete("/api/patients/" + patient + "/consents/" + id, ana);

		assertThat(withoutDisclosures.status()).isEqualTo(400);
		assertThat(withoutDisclosures.json().path("field").asText()).isEqualTo("disclosuresGiven");
		assertThat(created.status()).isEqualTo(201);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json().path("revokedOn").asText()).isEqualTo("2026-10-20");
		assertThat(again.status()).isEqualTo(409);
		JsonNode history = get("/api/patients/" + patient + "/consents", ana).json();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).path("obtainedAt").asText()).isEqualTo("2026-10-02");
		assertThat(history.get(0).path("revokedOn").asText()).isEqualTo("2026-10-20");
	}

	@Test
	void explainsEligibilityFromTheConditionsCounted() throws Exception {
		String ana = coordinator("cm-elig");
		PatientId patient = patientOf("cm-elig", "cm-6",
				aPatient("p6").named("Oskar", "Lindqvist")
					.withCondition("44054006", "Diabetes mellitus type 2")
					.withCondition("195662009", "Acute viral pharyngitis"));

		JsonNode eligibility = get("/api/patients/" + patient + "/eligibility", ana).json();

		assertThat(eligibility.path("ccm").asBoolean()).isFalse();
		assertThat(eligibility.path("pcm").asBoolean()).isTrue();
		assertThat(eligibility.path("chronicConditionsCounted").toString()).isEqualTo("[\"Diabetes\"]");
	}

	@Test
	void monthEndReportBillsEachCoordinatorsPeopleAndAnAdministratorEveryone() throws Exception {
		String ana = coordinator("cm-report-ana");
		String bo = coordinator("cm-report-bo");
		PatientId billable = patientOf("cm-report-ana", "cm-7",
				aPatient("p7").named("Ada", "Billingsley")
					.withCondition("44054006", "Diabetes mellitus type 2")
					.withCondition("38341003", "Hypertensive disorder"));
		PatientId oneCondition = patientOf("cm-report-bo", "cm-8",
				aPatient("p8").named("Bea", "Singlecondition").withCondition("44054006", "Diabetes mellitus type 2"));
		for (var patient : new Object[][] { { billable, ana }, { oneCondition, bo } }) {
			String token = (String) patient[1];
			String path = "/api/patients/" + patient[0];
			assertThat(post(path + "/consents", """
					{"program": "CCM", "kind": "WRITTEN", "obtainedAt": "2026-10-01", "obtainedBy": "ana",
					 "disclosuresGiven": true}""", token).status()).isEqualTo(201);
			post(path + "/interactions", CALL.formatted("2026-10-05T14:00:00Z", 25), token);
			// 23:30 on 31 October in Ohio, the practice's zone: October's, though it is
			// November in UTC.
			post(path + "/interactions", CALL.formatted("2026-11-01T03:30:00Z", 20), token);
			// The next evening is November's: no carry-over.
			post(path + "/interactions", CALL.formatted("2026-11-02T03:30:00Z", 30), token);
		}
		String admin = this.tokens.issue("admin", "billing", Duration.ofHours(1),
				Set.of(ApiScope.SYSTEM_READ, ApiScope.USER_READ));

		Response anas = get("/api/billing/2026-10.csv", ana);
		Response everyone = get("/api/billing/2026-10.csv", admin);

		assertThat(anas.status()).isEqualTo(200);
		assertThat(anas.body()).startsWith("patient,name,program,code,units,minutes,status,reason\r\n");
		assertThat(anas.body()).contains(billable + ",\"Billingsley, Ada\",CCM,99490,1,45,BILLABLE,")
			.contains(billable + ",\"Billingsley, Ada\",CCM,99439,1,20,BILLABLE,")
			.doesNotContain(oneCondition.toString());
		assertThat(everyone.body()).contains(billable.toString())
			.contains(oneCondition + ",\"Singlecondition, Bea\",CCM,99490,0,45,INELIGIBLE,\"CCM needs two or more");
		assertThat(this.audit.search(new AuditQuery("cm-report-ana", null, null, null, "time", true, 10)))
			.anySatisfy(e -> assertThat(e.record().detail()).startsWith("care-management billing report 2026-10"));
		assertThat(get("/api/billing/2026-10.csv", null).status()).isEqualTo(401);

		// The same report as a page, for the coordinator signed in.
		PageClient page = new PageClient(this.port, "127.0.15.1");
		page.signIn("cm-report-ana", "long-enough-password");
		PageClient.Response shown = page.get("/billing?month=2026-10");
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.body()).contains("Billingsley, Ada").contains("99439").doesNotContain("Singlecondition");
		assertThat(page.get("/billing?month=October").status()).isEqualTo(400);
	}

	@Test
	void billsTcmFromTheFeedsDischargeAndKeepsItsMinutesOutOfCcm() throws Exception {
		String ana = coordinator("cm-tcm");
		// Admitted, then discharged home (UB-04 01) at 11:00 in Ohio on Monday 5 October.
		sendAdt(Adt.anAdmit()
			.from("EPIC", "CMHOSP")
			.forPatient("MRN-CM-TCM")
			.visit("V-CM-TCM")
			.at("20261001080000")
			.admittedAt("20261001080000"));
		sendAdt(Adt.aDischarge()
			.from("EPIC", "CMHOSP")
			.forPatient("MRN-CM-TCM")
			.visit("V-CM-TCM")
			.at("20261005150000")
			.admittedAt("20261001080000")
			.dischargedAt("20261005150000")
			.dischargeDisposition("01"));
		awaitReactions();
		PatientId patient = new PatientId(
				this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-CM-TCM'")
					.query(java.util.UUID.class)
					.single());
		this.caseloads.assign(patient, "cm-tcm", Relation.COORDINATOR);
		// Reached the next day, seen in the clinic a week after: 99495's requirements
		// met.
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of(PRACTICE_ZONE));
		for (Task task : this.tasks.openFor(List.of(patient))) {
			java.time.LocalDate done = task.kind() == Task.Kind.TCM_CONTACT ? java.time.LocalDate.of(2026, 10, 6)
					: java.time.LocalDate.of(2026, 10, 12);
			this.tasks.complete(task.id(), patient, "cm-tcm", done, today);
		}
		String tcmCall = CALL.replace("\"CCM\"", "\"TCM\"");
		assertThat(
				post("/api/patients/" + patient + "/interactions", tcmCall.formatted("2026-10-06T14:00:00Z", 30), ana)
					.status())
			.isEqualTo(201);
		post("/api/patients/" + patient + "/interactions", CALL.formatted("2026-10-20T14:00:00Z", 20), ana);

		String notAssessed = get("/api/billing/2026-10.csv", ana).body();
		// Every deadline kept, but no clinician has judged the complexity: not billable.
		assertThat(notAssessed)
			.containsPattern(patient + ",[^\r\n]*,TCM,99496,0,30,SHORT,[^\r\n]*complexity not assessed");
		org.northstar.worklist.TcmClock clock = this.transitions.clocksFor(List.of(patient), today).get(0);
		assertThat(this.transitions.assess(List.of(patient), clock.encounter(),
				org.northstar.worklist.TcmClock.Complexity.MODERATE, "cm-tcm"))
			.isTrue();

		String csv = get("/api/billing/2026-10.csv", ana).body();

		assertThat(csv).containsPattern(patient + ",[^\r\n]*,TCM,99495,1,30,BILLABLE,");
		// The 30 TCM minutes are not counted again toward CCM: 20 minutes, not 50.
		assertThat(csv).containsPattern(patient + ",[^\r\n]*,CCM,99490,0,20,");
	}

	@Test
	void aSupervisorsBillingReportCoversHerTeamsPeopleOnly() throws Exception {
		this.accounts.ensureTeam("cm-east", "East team");
		this.accounts.ensureTeam("cm-west", "West team");
		this.accounts.create("cm-east-ana", "cm-east-ana", "long-enough-password", Set.of(Role.COORDINATOR), "cm-east");
		this.accounts.create("cm-west-bo", "cm-west-bo", "long-enough-password", Set.of(Role.COORDINATOR), "cm-west");
		this.accounts.create("cm-east-sue", "cm-east-sue", "long-enough-password", Set.of(Role.SUPERVISOR), "cm-east");
		String east = this.tokens.issue("cm-east-ana", "care management tests", Duration.ofHours(1));
		String west = this.tokens.issue("cm-west-bo", "care management tests", Duration.ofHours(1));
		String supervisor = this.tokens.issue("cm-east-sue", "care management tests", Duration.ofHours(1));
		PatientId eastern = patientOf("cm-east-ana", "cm-9", aPatient("p9").named("Esme", "Eastwood"));
		PatientId western = patientOf("cm-west-bo", "cm-10", aPatient("p10").named("Wade", "Westerly"));
		post("/api/patients/" + eastern + "/interactions", CALL.formatted("2026-10-08T14:00:00Z", 20), east);
		post("/api/patients/" + western + "/interactions", CALL.formatted("2026-10-08T14:00:00Z", 20), west);

		Response team = get("/api/billing/2026-10.csv", supervisor);

		assertThat(team.status()).isEqualTo(200);
		assertThat(team.body()).contains(eastern + ",\"Eastwood, Esme\",CCM,99490,").doesNotContain(western.toString());
		assertThat(get("/api/billing/2026-10.csv", west).body()).contains(western.toString())
			.doesNotContain(eastern.toString());
	}

	@Autowired
	Tasks tasks;

	@Autowired
	MllpListener listener;

	private void sendAdt(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
	}

	private String coordinator(String username) {
		this.accounts.create(username, username, "long-enough-password", Set.of(Role.COORDINATOR), null);
		return this.tokens.issue(username, "care management tests", Duration.ofHours(1));
	}

	private PatientId patientOf(String coordinator, String source, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), source, "test");
		String id = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		PatientId patient = new PatientId(new RecordKey(source, "Patient", id).id());
		this.caseloads.assign(patient, coordinator, Relation.COORDINATOR);
		return patient;
	}

	private Response get(String path, String token) throws Exception {
		return send(request(path, token).GET());
	}

	private Response post(String path, String body, String token) throws Exception {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private Response delete(String path, String token) throws Exception {
		return send(request(path, token).DELETE());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return token == null ? request : request.header("Authorization", "Bearer " + token);
	}

	private static Response send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	record Response(int status, String body) {

		JsonNode json() throws Exception {
			return JSON.readTree(this.body);
		}

	}

}
