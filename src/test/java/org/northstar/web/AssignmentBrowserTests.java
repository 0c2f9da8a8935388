package org.northstar.web;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/** The supervisor's assignment page, as a supervisor and a coordinator meet it. */
class AssignmentBrowserTests extends BrowserTest {

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	/**
	 * A patient an EHR sent waits on nobody's caseload; Carla, the north team's
	 * supervisor, finds her in the unassigned queue, gives her to Ana, then moves her to
	 * herself. Ana, a coordinator, may not assign.
	 */
	@Test
	void aSupervisorAssignsAnImportedPatientThenReassignsHerAndACoordinatorMayNot() {
		this.fhirImport.importBundle(
				aPatient("as-ui-1").named("Marisol", "Featherstonehaugh").born("1949-06-21").sex("female").json(),
				"assign-ui-ehr", "test");
		PatientId patient = new PatientId(new RecordKey("assign-ui-ehr", "Patient", "as-ui-1").id());

		browser.signIn("carla", "demo-carla-2026").click("Assign patients");
		assertThat(browser.heading()).isEqualTo("Assign patients");
		browser.type("#q", "Featherstonehaugh").press("button.search-unassigned");
		assertThat(browser.path()).isEqualTo("/caseload/assign?q=Featherstonehaugh");
		assertThat(browser.find("table.unassigned").getText()).contains("Featherstonehaugh, Marisol")
			.contains("assign-ui-ehr");

		browser.find("#u-" + patient.value()).click();
		new Select(browser.find("#to-unassigned")).selectByVisibleText("Ana Torres, RN");
		browser.press("button.assign-unassigned");

		assertThat(browser.find(".alert").getText()).isEqualTo("Assigned 1 patient to Ana Torres, RN.");
		// The search survives the post: the list shows the same people, now without her.
		assertThat(browser.path()).isEqualTo("/caseload/assign?q=Featherstonehaugh");
		assertThat(browser.find("table.unassigned").getText()).doesNotContain("Featherstonehaugh");
		assertThat(this.caseloads.coordinatorOf(patient)).contains("ana");

		new Select(browser.find("#from")).selectByVisibleText("Ana Torres, RN");
		browser.press("button.show-caseload");
		assertThat(browser.path()).contains("from=ana");
		browser.find("#r-" + patient.value()).click();
		new Select(browser.find("#to-reassign")).selectByVisibleText("Carla Mendes, RN (supervisor)");
		browser.press("button.reassign");

		assertThat(browser.find(".alert").getText()).isEqualTo("Assigned 1 patient to Carla Mendes, RN (supervisor).");
		assertThat(this.caseloads.coordinatorOf(patient)).contains("carla");
		assertThat(browser.find("table.reassign").getText()).doesNotContain("Featherstonehaugh");

		browser.signOut().signIn("ana", "demo-ana-2026");
		assertThat(browser.all("a[href='/caseload/assign']")).isEmpty();
		browser.open("/caseload/assign");
		assertThat(browser.text()).contains("Only supervisors and administrators assign patients to caseloads.");
	}

}
