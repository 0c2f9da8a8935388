package org.northstar.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient page's transitional care section (issue 13 §2): a discharge's complexity is
 * "not assessed" until a clinician judges it there, in place; the judgement is kept with
 * who made it and audited; the stay's risk is shown beside it as information only.
 */
class TransitionsOfCareSectionTests extends NorthstarTest {

	static final String PASSWORD = "tcm-section-password-2026";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	static PatientId patient;

	/** The feed's times in the tests are UTC without an offset. */
	static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

	@BeforeEach
	void aDischargeHomeOnTheCaseload() throws Exception {
		if (patient != null) {
			return;
		}
		// Discharged home yesterday, so that every deadline is still ahead.
		String admitted = HL7_TIME.format(Instant.now().minus(Duration.ofDays(4)));
		String discharged = HL7_TIME.format(Instant.now().minus(Duration.ofDays(1)));
		this.accounts.ensureTeam("tcm-section", "TCM section team");
		this.accounts.create("tcm-nora", "Nora Clinician", PASSWORD, Set.of(Role.COORDINATOR), "tcm-section");
		this.accounts.ensureTeam("tcm-elsewhere", "Another team");
		this.accounts.create("tcm-zack", "Zack Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), "tcm-elsewhere");
		send(Adt.anAdmit()
			.from("EPIC", "TCMSECTION")
			.forPatient("MRN-TCMS-1")
			.visit("V-TCMS-1")
			.at(admitted)
			.admittedAt(admitted));
		patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param("MRN-TCMS-1")
			.query(UUID.class)
			.single());
		this.caseloads.assign(patient, "tcm-nora", Relation.COORDINATOR);
		send(Adt.aDischarge()
			.from("EPIC", "TCMSECTION")
			.forPatient("MRN-TCMS-1")
			.visit("V-TCMS-1")
			.at(discharged)
			.admittedAt(admitted)
			.dischargedAt(discharged)
			.dischargeDisposition("01"));
	}

	@Test
	void aClinicianJudgesTheComplexityInPlaceAndTheJudgementIsKeptAndAudited() {
		PageClient nora = signedIn("tcm-nora", "127.0.35.1");
		assertThat(nora.getPage("/patients/" + patient).body())
			.contains("hx-get=\"/patients/" + patient + "/transitions\"");

		String section = nora.get("/patients/" + patient + "/transitions").body();
		assertThat(section).contains("complexity not assessed")
			.contains("until then neither 99495 nor 99496 can be billed")
			.contains("Complexity not assessed")
			.contains("Risk, for information only")
			.contains("LACE ");
		String stay = encounterIn(section);

		nora.header("HX-Request", "true");
		PageClient.Response judged = nora.post("/patients/" + patient + "/transitions/" + stay + "/complexity",
				Map.of("complexity", "HIGH"));

		assertThat(judged.status()).isEqualTo(200);
		assertThat(judged.body()).contains("Judged high complexity.")
			.contains("judged by <span>tcm-nora</span>")
			.doesNotContain("<html");
		assertThat(this.jdbc.sql("select complexity || ' ' || assessed_by from tcm_complexity where encounter_id = ?")
			.param(UUID.fromString(stay))
			.query(String.class)
			.list()).containsExactly("HIGH tcm-nora");
		assertThat(this.jdbc
			.sql("select detail from audit_event where username = 'tcm-nora' and action = 'UPDATE'"
					+ " and outcome = 'SUCCESS' and patient_id = ?")
			.param(patient.value())
			.query(String.class)
			.list()).contains("TCM complexity high for the discharge of Encounter/" + stay);
	}

	@Test
	void neitherAnotherCoordinatorNorANonsenseJudgementChangesIt() {
		PageClient nora = signedIn("tcm-nora", "127.0.35.2");
		String stay = encounterIn(nora.get("/patients/" + patient + "/transitions").body());
		PageClient zack = signedIn("tcm-zack", "127.0.35.3");
		zack.get("/patients/" + patient);
		int before = judgements(stay);

		PageClient.Response unseen = zack.get("/patients/" + patient + "/transitions");
		PageClient.Response refused = zack.post("/patients/" + patient + "/transitions/" + stay + "/complexity",
				Map.of("complexity", "MODERATE"));
		nora.header("HX-Request", "true");
		PageClient.Response nonsense = nora.post("/patients/" + patient + "/transitions/" + stay + "/complexity",
				Map.of("complexity", "NOT_ASSESSED"));

		assertThat(unseen.status()).isEqualTo(403);
		assertThat(unseen.body()).contains("You may not see this person")
			.contains("id=\"transitions\"")
			.doesNotContain(stay);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(nonsense.status()).isEqualTo(400);
		assertThat(nonsense.body()).contains("Choose moderate or high complexity; &#39;NOT_ASSESSED&#39; is neither.");
		assertThat(judgements(stay)).isEqualTo(before);
	}

	private int judgements(String stay) {
		return this.jdbc.sql("select count(*) from tcm_complexity where encounter_id = ?")
			.param(UUID.fromString(stay))
			.query(Integer.class)
			.single();
	}

	private static String encounterIn(String section) {
		Matcher m = Pattern.compile("/transitions/([0-9a-f-]{36})/complexity").matcher(section);
		assertThat(m.find()).as("a form to judge the complexity").isTrue();
		return m.group(1);
	}

	private PageClient signedIn(String user, String address) {
		PageClient page = new PageClient(this.port, address);
		page.signIn(user, PASSWORD);
		return page;
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
