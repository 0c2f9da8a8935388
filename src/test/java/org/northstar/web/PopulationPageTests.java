package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.documentation.Consents;
import org.northstar.documentation.NewConsent;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The population view: the people on the user's caseloads by risk band with counts,
 * filtered by condition, program and coordinator in the URL, and its CSV, audited.
 */
class PopulationPageTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Consents consents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	static PatientId diabetic;

	@BeforeEach
	void population() {
		if (diabetic != null) {
			return;
		}
		this.accounts.ensureTeam("pop-team", "Population team");
		this.accounts.ensureTeam("pop-other", "Other team");
		this.accounts.create("pop-ana", "Ana Population", PASSWORD, Set.of(Role.COORDINATOR), "pop-team");
		this.accounts.create("pop-ben", "Ben Population", PASSWORD, Set.of(Role.COORDINATOR), "pop-team");
		this.accounts.create("pop-zed", "Zed Population", PASSWORD, Set.of(Role.COORDINATOR), "pop-other");
		diabetic = patient(
				aPatient("pp-1").named("Dina", "Sugarman").withCondition("44054006", "Diabetes mellitus type 2"));
		PatientId plain = patient(aPatient("pp-2").named("Paul", "Plainfield"));
		PatientId bens = patient(aPatient("pp-3").named("Bea", "Bensfriend"));
		PatientId stranger = patient(aPatient("pp-4").named("Sid", "Outsider"));
		this.caseloads.assign(diabetic, "pop-ana", Relation.COORDINATOR);
		this.caseloads.assign(plain, "pop-ana", Relation.COORDINATOR);
		this.caseloads.assign(bens, "pop-ben", Relation.COORDINATOR);
		this.caseloads.assign(stranger, "pop-zed", Relation.COORDINATOR);
		this.consents.record(diabetic,
				new NewConsent("CCM", "VERBAL", LocalDate.now(this.clock).minusDays(10).toString(), "pop-ana", true),
				"pop-ana");
		// LACE 12 of a stay discharged a week ago: high.
		this.jdbc.sql("""
				insert into risk_assessment (id, instrument, patient_id, encounter_id, discharged_at, score, band,
				                             complete, components, facts, missing, content_hash, computed_at)
				values (?, 'LACE', ?, ?, now() - interval '7 days', 12, 'HIGH', true,
				        '{"L": 4, "A": 3, "C": 2, "E": 3}', '[]', '[]', '\\x00', now())
				""").params(UUID.randomUUID(), diabetic.value(), UUID.randomUUID()).update();
	}

	@Test
	void showsTheTeamsPeopleByBandWithCounts() {
		PageClient page = signedIn("127.0.32.1");

		String body = page.get("/population").body();

		assertThat(body).contains("Sugarman, Dina")
			.contains("Plainfield, Paul")
			.contains("Bensfriend, Bea")
			.doesNotContain("Outsider, Sid");
		assertThat(body).contains(">High</a>\n      <span class=\"badge count-badge\" title=\"1 person\">1</span>")
			.contains(">Not scored</a>\n      <span class=\"badge count-badge\" title=\"2 people\">2</span>");
		assertThat(body).contains("12 (high)");
		assertThat(body.indexOf("Sugarman, Dina")).isLessThan(body.indexOf("Bensfriend, Bea"));
	}

	@Test
	void filtersByConditionProgramCoordinatorAndBandFromTheUrl() {
		PageClient page = signedIn("127.0.32.2");

		assertThat(names(page.get("/population?condition=DIABETES").body())).containsExactly("Sugarman, Dina");
		assertThat(names(page.get("/population?program=CCM").body())).containsExactly("Sugarman, Dina");
		assertThat(names(page.get("/population?program=none").body())).containsExactly("Bensfriend, Bea",
				"Plainfield, Paul");
		assertThat(names(page.get("/population?coordinator=pop-ben").body())).containsExactly("Bensfriend, Bea");
		assertThat(names(page.get("/population?band=high").body())).containsExactly("Sugarman, Dina");
		assertThat(page.get("/population?band=sky-high").status()).isEqualTo(400);
	}

	@Test
	void exportsTheFilteredListAsCsvAndAuditsIt() {
		PageClient page = signedIn("127.0.32.3");

		String csv = page.get("/population.csv?program=CCM").body();

		assertThat(csv.lines().toList()).containsExactly(
				"patient,name,coordinator,program,band,lace,lace_band,hospital,hospital_band",
				diabetic + ",\"Sugarman, Dina\",\"pop-ana\",\"CCM\",\"high\",12,high,,");
		assertThat(this.jdbc
			.sql("select detail from audit_event where username = 'pop-ana' and action = 'EXPORT' order by seq")
			.query(String.class)
			.list()).contains("population CSV: 1 people, program CCM");
	}

	private static List<String> names(String body) {
		return java.util.regex.Pattern.compile("<td><a href=\"/patients/[^\"]+\">([^<]+)</a></td>")
			.matcher(body)
			.results()
			.map(m -> m.group(1))
			.toList();
	}

	private PageClient signedIn(String address) {
		PageClient page = new PageClient(this.port, address);
		page.signIn("pop-ana", PASSWORD);
		return page;
	}

	private PatientId patient(PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), "population-tests", "test");
		String patientId = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("population-tests", "Patient", patientId).id());
	}

}
