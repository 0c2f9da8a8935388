package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule section's forms for what was API-only (issue 17): the telehealth checklist
 * and the clinic language, saved as the API saves them, refused with the API's words,
 * audited, and closed to a coordinator without the person.
 */
class ScheduleNeedsTests extends NorthstarTest {

	static final String PASSWORD = "schedule-needs-password-2026";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Commitments commitments;

	@Autowired
	JdbcClient jdbc;

	static PatientId person;

	@BeforeEach
	void aPersonOnACaseload() {
		if (person != null) {
			return;
		}
		this.accounts.create("needs-nia", "Nia Coordinator", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.accounts.create("needs-zoe", "Zoe Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.fhirImport.importBundle("""
				{"resourceType": "Bundle", "type": "collection", "entry": [
				 {"resource": {"resourceType": "Patient", "id": "needs-1",
				   "name": [{"family": "Oyelaran-Brisk", "given": ["Temitope"]}], "birthDate": "1947-08-30"}}
				]}
				""".getBytes(StandardCharsets.UTF_8), "schedule-needs", "test");
		person = new PatientId(new RecordKey("schedule-needs", "Patient", "needs-1").id());
		this.caseloads.assign(person, "needs-nia", Relation.COORDINATOR);
	}

	@Test
	void theTelehealthChecklistIsSavedFromThePageAndDecidesVideoVisits() {
		PageClient nia = signedIn("needs-nia");
		assertThat(nia.get("/patients/" + person.value() + "/schedule").body()).contains("/schedule/needs");
		assertThat(nia.get("/patients/" + person.value() + "/schedule/needs").body())
			.contains("The checklist has not been gone through");

		PageClient.Response saved = nia.post("/patients/" + person.value() + "/schedule/telehealth",
				Map.of("device", "true", "connection", "true", "privateSpace", "true"));

		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body()).contains("Not ready: no video visits; missing someone able to use it");
		assertThat(this.commitments.telehealthOf(person))
			.contains(new TelehealthReadiness(true, true, false, true, false));
		assertThat(auditedChanges("needs-nia"))
			.anySatisfy(d -> assertThat(d).startsWith("telehealth readiness: missing"));

		nia.post("/patients/" + person.value() + "/schedule/telehealth",
				Map.of("device", "true", "connection", "true", "privateSpace", "true", "helper", "true"));
		assertThat(this.commitments.telehealthOf(person).orElseThrow().ready()).isTrue();
	}

	@Test
	void aRequiredLanguageWithoutOneIsRefusedAsTheApiRefusesItAndNothingIsSaved() {
		PageClient nia = signedIn("needs-nia");

		PageClient.Response refused = nia.post("/patients/" + person.value() + "/schedule/language",
				Map.of("language", " ", "languageRequired", "true"));

		assertThat(refused.body()).contains("Nothing was saved. A required clinic language needs the language")
			.containsPattern("name=\"languageRequired\"[^>]*aria-invalid=\"true\"");
		assertThat(this.commitments.travelOf(person)).isEmpty();

		nia.post("/patients/" + person.value() + "/schedule/language",
				Map.of("language", "yo", "languageRequired", "true"));
		assertThat(this.commitments.travelOf(person).orElseThrow().preferences())
			.isEqualTo(new Preferences(false, false, true, "yo", true));
	}

	@Test
	void aCoordinatorWithoutThePersonChangesNothing() {
		PageClient zoe = signedIn("needs-zoe");

		assertThat(zoe.get("/patients/" + person.value() + "/schedule/needs").status()).isEqualTo(403);
		assertThat(zoe.post("/patients/" + person.value() + "/schedule/telehealth", Map.of("device", "true")).status())
			.isEqualTo(403);
		assertThat(zoe.post("/patients/" + person.value() + "/schedule/language", Map.of("language", "fr")).status())
			.isEqualTo(403);
		assertThat(this.commitments.travelOf(person).map(t -> t.preferences().language()))
			.isNotEqualTo(java.util.Optional.of("fr"));
	}

	private List<String> auditedChanges(String user) {
		return this.jdbc
			.sql("select detail from audit_event where username = ? and action = 'UPDATE' and outcome = 'SUCCESS'")
			.param(user)
			.query(String.class)
			.list();
	}

	private PageClient signedIn(String user) {
		PageClient page = new PageClient(this.port, "127.0.46.2");
		page.signIn(user, PASSWORD);
		page.getPage("/today");
		return page;
	}

}
