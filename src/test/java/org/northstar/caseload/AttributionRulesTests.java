package org.northstar.caseload;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
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
 * New patients reach a coordinator by rule, after the import or the feed message commits,
 * and the patient page says which rule placed them.
 */
class AttributionRulesTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	AttributionRules rules;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Assignments assignments;

	@Autowired
	UserAccounts accounts;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	UserAccount supervisor;

	@BeforeEach
	void team() {
		this.accounts.ensureTeam("rules-team", "Rules team");
		this.supervisor = this.accounts.find("ru-sup")
			.orElseGet(() -> this.accounts.create("ru-sup", "Rue Supervisor", PASSWORD, Set.of(Role.SUPERVISOR),
					"rules-team"));
		for (String name : new String[] { "ru-ana", "ru-ben" }) {
			if (this.accounts.find(name).isEmpty()) {
				this.accounts.create(name, "Coordinator " + name, PASSWORD, Set.of(Role.COORDINATOR), "rules-team");
			}
		}
	}

	@AfterEach
	void noRulesLeftForOtherTests() {
		this.rules.all().forEach(r -> this.rules.remove(this.supervisor, r.id(), "127.0.0.1"));
	}

	@Test
	void anImportedPatientGoesToTheCoordinatorOfTheFirstMatchingRuleAndThePageSaysWhy() {
		this.rules.add(this.supervisor, AttributionRules.Kind.GENERAL_PRACTITIONER, "Quillmere Surgery", "ru-ben", null,
				"127.0.0.1");
		this.rules.add(this.supervisor, AttributionRules.Kind.MANAGING_ORGANIZATION, "  greenfield practice ", "ru-ana",
				"CHF", "127.0.0.1");
		this.rules.add(this.supervisor, AttributionRules.Kind.MANAGING_ORGANIZATION, "Greenfield Practice", "ru-ben",
				null, "127.0.0.1");

		PatientId patient = importPatient(aPatient("ru-1").named("Eudora", "Pellingham")
			.born("1946-08-09")
			.generalPractitioner("Dr Someone Else")
			.managedBy("Greenfield Practice"));
		awaitReactions();

		assertThat(this.caseloads.coordinatorOf(patient)).contains("ru-ana");
		assertThat(this.assignments.basisOf(patient)).hasValueSatisfying(b -> {
			assertThat(b.basis()).isEqualTo("rule: managing organization greenfield practice");
			assertThat(b.program()).isEqualTo("CHF");
			assertThat(b.assignedBy()).isEqualTo("system");
		});
		PageClient page = new PageClient(this.port, "127.0.9.31");
		page.signIn("ru-ana", PASSWORD);
		assertThat(page.get("/patients/" + patient.value() + "/assignment").body())
			.contains("Assigned to <strong>Coordinator ru-ana</strong>")
			.contains("by rule: managing organization greenfield practice");
	}

	@Test
	void aRuleNeverMovesSomeoneAlreadyOnACaseload() {
		PatientId patient = importPatient(aPatient("ru-2").named("Thaddeus", "Marchbank")
			.born("1940-02-29")
			.generalPractitioner("Quillmere Surgery"));
		awaitReactions();
		this.assignments.assign(this.supervisor, java.util.List.of(patient), "ru-ben", "127.0.0.1");
		this.rules.add(this.supervisor, AttributionRules.Kind.GENERAL_PRACTITIONER, "Quillmere Surgery", "ru-ana", null,
				"127.0.0.1");

		assertThat(this.rules.attribute(java.util.List.of(patient))).isEmpty();
		assertThat(this.caseloads.coordinatorOf(patient)).contains("ru-ben");
	}

	@Test
	void aFeedsNewPatientIsPlacedByTheSendingSystemAfterTheMessageCommits() throws Exception {
		this.rules.add(this.supervisor, AttributionRules.Kind.SOURCE, "hl7:RULESFAC", "ru-ben", null, "127.0.0.1");

		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(Adt.anAdmit()
				.from("EPIC", "RULESFAC")
				.forPatient("MRN-RULES-1")
				.named("Vandersloot", "Agatha")
				.visit("V-RULES-1")
				.at("20261128030000")
				.admittedAt("20261128030000")
				.build())).contains("MSA|AA|");
		}
		awaitReactions();

		PatientId patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param("MRN-RULES-1")
			.query(UUID.class)
			.single());
		assertThat(this.caseloads.coordinatorOf(patient)).contains("ru-ben");
	}

	@Test
	void aRuleWhoseCoordinatorWasDisabledIsPassedOverAndTheRecordStays() {
		if (this.accounts.find("ru-gone").isEmpty()) {
			this.accounts.create("ru-gone", "Gone", PASSWORD, Set.of(Role.COORDINATOR), "rules-team");
		}
		this.rules.add(this.supervisor, AttributionRules.Kind.MANAGING_ORGANIZATION, "Brindlewood Clinic", "ru-gone",
				null, "127.0.0.1");
		this.jdbc.sql("update app_user set enabled = false where username = 'ru-gone'").update();

		PatientId patient = importPatient(
				aPatient("ru-3").named("Cosmo", "Fairweather").born("1955-10-10").managedBy("Brindlewood Clinic"));
		awaitReactions();

		assertThat(this.caseloads.coordinatorOf(patient)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from patient where id = ?")
			.param(patient.value())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private PatientId importPatient(PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), "rules-ehr", "test");
		String id = new String(bundle.json(), java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("rules-ehr", "Patient", id).id());
	}

}
