package org.northstar.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/** The record linkage review queue and unlinking, as a coordinator uses them. */
class LinkageBrowserTests extends BrowserTest {

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Patients patients;

	@Autowired
	AuditTrail audit;

	/**
	 * Ana sees the pharmacy's record proposed as her patient, but may not open it: Carla,
	 * her supervisor, links them. Carla then unlinks it, with a reason, and undoes that.
	 */
	@Test
	void aSupervisorLinksAQueuedPairThenUnlinksItWithAReasonAndUndoesThat() {
		this.fhirImport.importBundle(aPatient("h-77").named("Bartholomew", "Quince")
			.born("1950-04-11")
			.sex("male")
			.livingAt("14 Birch Lane", "Lowell", "01852")
			.phone("555-404-7700")
			.withCondition("38341003", "Hypertension (disorder)")
			.json(), "lk-ui-hospital", "test");
		this.fhirImport.importBundle(aPatient("p-91").named("Bart", "Quince")
			.born("1950-11-04")
			.sex("male")
			.livingAt("2 Station Rd", "Dracut", "01826")
			.phone("555-404-0000")
			.withCondition("44054006", "Diabetes mellitus type 2 (disorder)")
			.json(), "lk-ui-pharmacy", "test");
		PatientId hospital = new PatientId(new RecordKey("lk-ui-hospital", "Patient", "h-77").id());
		PatientId pharmacy = new PatientId(new RecordKey("lk-ui-pharmacy", "Patient", "p-91").id());
		this.caseloads.assign(hospital, "ana", Relation.COORDINATOR);

		browser.signIn("ana", "demo-ana-2026").click("Record links");
		assertThat(quincePair().getText()).contains("a supervisor decides");
		assertThat(quincePair().findElements(By.cssSelector("button.link-same"))).isEmpty();
		browser.signOut();

		browser.signIn("carla", "demo-carla-2026").click("Record links");

		assertThat(browser.heading()).isEqualTo("Record links to review");
		WebElement pair = quincePair();
		assertThat(pair.getText()).contains("Bartholomew").contains("Bart").contains("4 Nov 1950").contains("partial");
		browser.screenshot("linkage-queue");
		pair.findElement(By.cssSelector("button.link-same")).click();

		browser.awaitText("main", "Linked");
		assertThat(browser.all("section.link-pair")).noneMatch(s -> s.getText().contains("Quince"));
		assertThat(this.patients.linkedRecords(hospital)).containsExactlyInAnyOrder(hospital, pharmacy);
		assertThat(lastAuditOf(AuditAction.LINK, pharmacy).record().outcome().name()).isEqualTo("SUCCESS");
		assertThat(lastAuditOf(AuditAction.LINK, hospital).record().detail()).contains("same person");

		// The caseload shows the person once, with the problems of both records.
		browser.open("/caseload").type("#q", "Quince").awaitCount("table.caseload tbody tr", 1);
		assertThat(browser.find("table.caseload tbody tr").getText()).contains("Diabetes").contains("Hypertension");

		// The patient page merges both records and names each source.
		browser.open("/patients/" + hospital.value());
		// Problems are in the contacts and history section, loaded by htmx.
		browser.awaitText(".problem-episodes", "Hypertension");
		assertThat(browser.find(".problem-episodes").getText()).contains("Diabetes mellitus type 2");
		assertThat(browser.text()).contains("Records from 2 sources").contains("lk-ui-pharmacy");
		browser.screenshot("linked-patient");

		WebElement pharmacyRow = browser.all("table.source-records tbody tr")
			.stream()
			.filter(r -> r.getText().contains("lk-ui-pharmacy"))
			.findFirst()
			.orElseThrow();
		pharmacyRow.findElement(By.cssSelector("summary.unlink")).click();
		pharmacyRow.findElement(By.cssSelector("textarea[name=reason]")).sendKeys("Different date of birth on the ID");
		pharmacyRow.findElement(By.cssSelector("input[name=confirm]")).click();
		pharmacyRow.findElement(By.cssSelector("button.confirm-unlink")).click();

		browser.awaitText("main", "Record unlinked");
		assertThat(browser.text()).doesNotContain("Records from 2 sources").doesNotContain("Diabetes mellitus type 2");
		assertThat(this.patients.linkedRecords(hospital)).containsExactly(hospital);
		assertThat(lastAuditOf(AuditAction.UNLINK, pharmacy).record().detail())
			.contains("Different date of birth on the ID");

		browser.press("button.undo-unlink").awaitText("main", "Unlink undone");
		assertThat(browser.text()).contains("Records from 2 sources").contains("Diabetes mellitus type 2");
		assertThat(this.patients.linkedRecords(hospital)).containsExactlyInAnyOrder(hospital, pharmacy);
	}

	@Test
	void aCareTeamMemberCannotOpenTheReviewQueue() {
		browser.signIn("admin", ADMIN_PASSWORD).open("/linkage");
		assertThat(browser.heading()).isEqualTo("Not allowed");
	}

	private WebElement quincePair() {
		List<WebElement> pairs = browser.all("section.link-pair");
		return pairs.stream().filter(s -> s.getText().contains("Quince")).findFirst().orElseThrow();
	}

	private AuditEntry lastAuditOf(AuditAction action, PatientId patient) {
		return this.audit.search(new AuditQuery("carla", patient, null, null, "time", true, 50))
			.stream()
			.filter(e -> e.record().action() == action)
			.findFirst()
			.orElseThrow();
	}

}
