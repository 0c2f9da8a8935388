package org.northstar.risk;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload's Risk column shows the latest stay's LACE and HOSPITAL with their bands.
 */
class CaseloadRiskColumnTests extends NorthstarTest {

	static final String SOURCE = "risk-caseload";

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Test
	void showsTheBandAndScoreAndMarksAnIncompleteScore() {
		// L 4, A 3: LACE 7, complete. HOSPITAL: IT 1, no results or service sent.
		StayBundle scored = StayBundle.aPatient(SOURCE, "scored")
			.stay("stay", "2026-11-01T15:00:00Z", "2026-11-05T15:00:00Z", "EM", null);
		StayBundle unscored = StayBundle.aPatient(SOURCE, "unscored")
			.edVisit("ed", "2026-11-01T15:00:00Z", "2026-11-01T19:00:00Z");
		this.fhirImport.importBundle(scored.json(), SOURCE, "test");
		this.fhirImport.importBundle(unscored.json(), SOURCE, "test");
		awaitReactions();
		this.accounts.create("risk-caseload", "Risk Caseload", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.caseloads.assign(scored.patient(), "risk-caseload", Relation.COORDINATOR);
		this.caseloads.assign(unscored.patient(), "risk-caseload", Relation.COORDINATOR);
		PageClient page = new PageClient(this.port, "127.0.9.9");
		page.signIn("risk-caseload", PASSWORD);

		PageClient.Response caseload = page.get("/caseload");

		assertThat(caseload.status()).isEqualTo(200);
		assertThat(caseload.body()).contains(">LACE 7 moderate<", ">HOSPITAL 1+ low<")
			.contains("HOSPITAL of the latest stay; incomplete: H: no haemoglobin result in the stay")
			.doesNotContain("Risk scores arrive with the risk module")
			.contains("title=\"No finished inpatient stay to score\"");
	}

}
