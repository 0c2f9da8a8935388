package org.northstar.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.reactions.Reaction;
import org.northstar.reactions.Reactions;
import org.northstar.shared.PatientId;
import org.northstar.support.BrowserTest;
import org.northstar.support.PlantedFault;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The workspace as a coordinator uses it, in a real headless Chromium. */
class WorkspaceBrowserTests extends BrowserTest {

	@Autowired
	AuditTrail audit;

	@Autowired
	MllpListener listener;

	@Autowired
	Caseloads caseloads;

	@Autowired
	JdbcClient jdbc;

	@Test
	void coordinatorScansHerCaseloadAndOpensMrsChen() {
		browser.signIn("ana", "demo-ana-2026").click("My caseload");
		assertThat(browser.path()).startsWith("/caseload");
		assertThat(browser.heading()).isEqualTo("My caseload");
		List<WebElement> rows = browser.all("table.caseload tbody tr");
		assertThat(rows).hasSizeGreaterThan(3);
		assertThat(browser.text()).contains("Chen, Mei").contains("Walker, James").doesNotContain("Johnson, Robert");
		browser.screenshot("caseload");

		browser.type("#q", "Chen").awaitCount("table.caseload tbody tr", 1);
		browser.click("Chen, Mei");

		assertThat(browser.heading()).isEqualTo("Chen, Mei");
		// Her medicines are the section from every source, loaded on its own; the old
		// card of active orders is gone.
		browser.awaitText("#medicines-list", "Medicines from every source");
		assertThat(browser.find("#medicines-list").getText()).containsIgnoringCase("furosemide")
			.containsIgnoringCase("spironolactone");
		assertThat(browser.text()).doesNotContain("Active medicines");
		assertThat(browser.text()).contains("needs an interpreter");
		assertThat(browser.all("#timeline tbody tr.kind-encounter")).isNotEmpty();
		assertThat(browser.all("#timeline tbody tr.kind-result")).isNotEmpty();
		browser.screenshot("patient-chen");

		// Filtering the timeline to encounters leaves only encounters.
		browser.find("#kind-RESULT").click();
		browser.awaitCount("#timeline tbody tr.kind-result", 0);
		assertThat(browser.all("#timeline tbody tr.kind-encounter")).isNotEmpty();
	}

	@Test
	void coordinatorIsRefusedAnotherTeamsPatientAndCanBreakTheGlass() {
		browser.signIn("ana", "demo-ana-2026");
		String robert = robertsPatientId();

		browser.open("/patients/" + robert);
		assertThat(browser.heading()).isEqualTo("This patient is not on your caseload");
		assertThat(browser.text()).doesNotContain("Medicines from every source");
		assertThat(lastAuditOf("ana", AuditAction.READ).record().outcome().name()).isEqualTo("DENIED");

		assertThat(browser.text()).doesNotContain("Johnson").doesNotContain("Robert");
		browser.find("#reason-COVERING_FOR_A_COLLEAGUE").click();
		browser.type("#reason", "Covering for Ben; Robert is in the ED now");
		browser.press("button.danger");

		assertThat(browser.heading()).startsWith("Johnson, Robert");
		assertThat(browser.text()).contains("Emergency access");
		AuditEntry glass = lastAuditOf("ana", AuditAction.BREAK_THE_GLASS);
		assertThat(glass.record().emergency()).isTrue();
		assertThat(glass.record().reason())
			.isEqualTo("Covering for a colleague: Covering for Ben; Robert is in the ED now");
		AuditEntry read = lastAuditOf("ana", AuditAction.READ);
		assertThat(read.record().emergency()).isTrue();
		assertThat(read.record().outcome().name()).isEqualTo("SUCCESS");

		// The administrator sees it flagged in the audit report.
		browser.signOut().signIn("admin", ADMIN_PASSWORD).open("/admin/audit?user=ana");
		assertThat(browser.all("table.audit tr.emergency")).isNotEmpty();
		assertThat(browser.text()).contains("break the glass");
		browser.screenshot("audit-report");

		// Filtered to today (the practice's) and to Robert, sorted, and exported as CSV.
		String today = java.time.LocalDate.now(this.context.getBean(java.time.Clock.class)).toString();
		browser.open(
				"/admin/audit?user=ana&patient=" + robert + "&from=" + today + "&to=" + today + "&sort=action&dir=asc");
		assertThat(browser.all("table.audit tbody tr")).hasSizeGreaterThanOrEqualTo(3);
		assertThat(browser.all("table.audit tbody tr td:nth-child(5)").get(0).getText()).startsWith("BREAK_THE_GLASS");
		String csv = browser
			.download("/admin/audit.csv?user=ana&patient=" + robert + "&from=" + today + "&to=" + today);
		assertThat(csv.lines().findFirst())
			.hasValue("seq,recorded_at,user,user_name,role,action,patient,patient_name,detail,address,outcome,"
					+ "emergency,reason");
		assertThat(csv).contains(",BREAK_THE_GLASS," + robert + ",\"Johnson, Robert")
			.contains("\"Covering for a colleague: Covering for Ben; Robert is in the ED now\"");
		// The export is audited with the filters used, and the patient by id, not by
		// name.
		assertThat(lastAuditOf("admin", AuditAction.EXPORT).record().detail())
			.startsWith("audit report CSV filtered by user ~ ana, patient (")
			.doesNotContain("Johnson");
	}

	@Test
	void coordinatorReviewsTheNightsAdmissionsAndMarksThemReviewed() {
		String minuteAgo = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now().minusSeconds(60));
		Adt admit = Adt.anAdmit()
			.from("EPIC", "REVIEWHOSP")
			.forPatient("MRN-REVIEW-1")
			.named("Review", "Rita")
			.at(minuteAgo)
			.admittedAt(minuteAgo)
			.location("5E^512^B");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).contains("MSA|AA|");
		}
		// The feed did not know her: it created her record, flagged for review; Ana takes
		// her on.
		PatientId rita = new PatientId(
				this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-REVIEW-1'")
					.query(UUID.class)
					.single());
		this.caseloads.assign(rita, "ana", Relation.COORDINATOR);

		browser.signIn("ana", "demo-ana-2026").click("Overnight review");

		assertThat(browser.heading()).isEqualTo("Overnight review");
		// Ranked by risk (ReviewBrowserTests): her admission is among the lines.
		WebElement line = browser.all("table.review tbody tr")
			.stream()
			.filter(l -> l.getText().contains("Review, Rita"))
			.findFirst()
			.orElseThrow();
		assertThat(line.getText()).contains("Admitted").contains("Review, Rita").contains("5E").contains("ana");
		browser.screenshot("overnight-review");

		browser.find("form button.primary").click();
		browser.awaitText("table.review tbody", "Nothing new since your last review.");
	}

	@Test
	void coordinatorRecordsTheContactAfterADischargeAndSeesTheTcmClock() {
		String yesterday = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now().minusSeconds(24 * 3600));
		Adt discharge = Adt.aDischarge()
			.from("EPIC", "TCMBROWSER")
			.forPatient("MRN-TCM-BROWSER")
			.named("Transition", "Tess")
			.visit("V-TCM-BROWSER")
			.at(yesterday)
			.admittedAt(yesterday)
			.dischargedAt(yesterday)
			.dischargeDisposition("01");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(discharge.build())).contains("MSA|AA|");
		}
		awaitReactions();
		PatientId tess = new PatientId(
				this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-TCM-BROWSER'")
					.query(UUID.class)
					.single());
		this.caseloads.assign(tess, "ana", Relation.COORDINATOR);

		browser.signIn("ana", "demo-ana-2026").open("/patients/" + tess.value());

		browser.awaitVisible("section.tcm h2");
		assertThat(browser.find("section.tcm h2").getText()).startsWith("Transitional care after the discharge on");
		assertThat(browser.find("section.tcm").getText()).contains("Contact within 2 business days Reachable")
			.contains("99495: visit within 14 days Complexity not assessed")
			.contains("Complexity: complexity not assessed");

		// The clinician judges it in place: the page does not load again.
		WebElement heading = browser.find("h1");
		browser.find("section.tcm button[value='HIGH']").click();
		browser.awaitText("#transitions", "Judged high complexity.");
		assertThat(browser.find("section.tcm").getText()).contains("judged by ana")
			.contains("99496: visit within 7 days Reachable");
		assertThat(heading.isDisplayed()).isTrue();
		List<WebElement> tasks = browser.all("ul.tasks > li.task");
		assertThat(tasks).hasSize(3);
		assertThat(tasks.get(0).getText()).startsWith("Contact after discharge");
		// Done in place; the TCM clock reloads itself when a task changes.
		tasks.get(0).findElement(By.cssSelector("button.complete")).click();
		browser.awaitCount("ul.tasks > li.task", 2);
		browser.awaitText("section.tcm", "Contact within 2 business days Met");
		assertThat(lastAuditOf("ana", AuditAction.UPDATE).record().detail()).contains(" done on ");
		browser.screenshot("tcm-clock");
	}

	@Test
	void coordinatorIsNotifiedOfAnEdVisitAndOpensThePatient() {
		Adt clinic = Adt.aRegistration()
			.from("EPIC", "ALERTBROWSER")
			.forPatient("MRN-ALERT-BROWSER")
			.named("Notified", "Nora")
			.visit("V-ALERT-BROWSER-1")
			.patientClass("O");
		Adt ed = Adt.aRegistration()
			.from("EPIC", "ALERTBROWSER")
			.forPatient("MRN-ALERT-BROWSER")
			.named("Notified", "Nora")
			.visit("V-ALERT-BROWSER-2")
			.patientClass("E")
			.location("ED^7");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(clinic.build())).contains("MSA|AA|");
			this.caseloads.assign(patientWith("MRN-ALERT-BROWSER"), "ana", Relation.COORDINATOR);
			assertThat(client.send(ed.build())).contains("MSA|AA|");
		}
		awaitReactions();

		browser.signIn("ana", "demo-ana-2026");
		assertThat(browser.find("#notifications-link").getText()).matches("Notifications\\d+");
		browser.click("Notifications" + browser.find("#notifications-link .count-badge").getText());

		WebElement newest = browser.find("ul.notifications li.unread");
		assertThat(newest.getText()).contains("ED visit")
			.contains("Notified, Nora arrived at the emergency department, ED");
		browser.press("#mark-read");
		assertThat(browser.all("ul.notifications li.unread")).isEmpty();
		assertThat(browser.all("#notifications-link .count-badge")).isEmpty();

		browser.press(browser.find("ul.notifications li"), "a");
		assertThat(browser.heading()).isEqualTo("Notified, Nora");
	}

	private PatientId patientWith(String mrn) {
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	@Test
	void administratorReadsADeadLetterAndReprocessesItOnceItsCauseIsFixed() {
		Adt noVisit = Adt.anAdmit().from("EPIC", "DEADHOSP").forPatient("MRN-DEAD-1").visit("");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(noVisit.build())).contains("MSA|AE|");
		}
		// A dead letter whose cause was since fixed (a mapping bug): its text is sound.
		Adt sound = Adt.anAdmit().from("EPIC", "DEADHOSP").forPatient("MRN-DEAD-2").visit("V-DEAD-2");
		long fixed = this.jdbc
			.sql("""
					insert into hl7_message (sender, control_id, message_type, event_type, version, raw, status, ack_code,
					                         ack_text, error_reason)
					values ('EPIC|DEADHOSP', ?, 'ADT', 'A01', '2.5.1', ?, 'DEAD', 'AE', 'MSH|...', 'a mapping bug, since fixed')
					returning id
					""")
			.params(sound.controlId(), sound.build())
			.query(Long.class)
			.single();

		browser.signIn("admin", ADMIN_PASSWORD).click("HL7 messages").click("Dead letters");

		assertThat(browser.heading()).isEqualTo("HL7 messages");
		List<WebElement> rows = browser.all("table.messages tbody tr");
		assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("DEAD"));
		WebElement deadRow = rows.stream()
			.filter(row -> row.getText().contains(noVisit.controlId()))
			.findFirst()
			.orElseThrow();
		assertThat(deadRow.getText()).contains("PV1-19");
		browser.press(deadRow, "a");
		assertThat(browser.find("#raw").getText()).contains("PID|").contains("MRN-DEAD-1");
		assertThat(browser.find("#ack").getText()).contains("MSA|AE|" + noVisit.controlId());
		assertThat(lastAuditOf("admin", AuditAction.READ).record().detail()).startsWith("HL7 message ");

		browser.press("#reprocess");
		assertThat(browser.find(".alert.error").getText()).contains("still DEAD");
		assertThat(browser.text()).contains("Attempts\n2");

		browser.open("/admin/hl7/" + fixed);
		browser.press("#reprocess");
		assertThat(browser.find(".alert").getText()).isEqualTo("Reprocessed: the message is now APPLIED.");
		assertThat(browser.all("#reprocess")).as("applied messages are not reprocessed again").isEmpty();
		assertThat(lastAuditOf("admin", AuditAction.UPDATE).record().detail())
			.isEqualTo("HL7 message " + fixed + " reprocessed");
		browser.screenshot("hl7-message");
	}

	@Autowired
	Reactions reactions;

	@Test
	void administratorSeesAFailedReactionWithItsErrorAndRetriesItOnceItsCauseIsFixed() {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(Adt.anAdmit()
				.from("EPIC", "RXBROWSER")
				.forPatient("MRN-RX-BROWSER")
				.visit("V-RX-BROWSER")
				.at("20261116080000")
				.admittedAt("20261116080000")
				.build())).contains("MSA|AA|");
			awaitReactions();
			PatientId patient = patientWith("MRN-RX-BROWSER");
			Reaction failed;
			try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
					"new.patient_id = '" + patient.value() + "'")) {
				assertThat(client.send(Adt.aDischarge()
					.from("EPIC", "RXBROWSER")
					.forPatient("MRN-RX-BROWSER")
					.visit("V-RX-BROWSER")
					.at("20261120150000")
					.dischargedAt("20261120150000")
					.build())).contains("MSA|AA|");
				failed = Awaitility.await("the failure recorded")
					.atMost(Duration.ofSeconds(30))
					.until(() -> this.reactions.outstanding(1000)
						.stream()
						.filter(r -> r.event().contains(patient.value().toString()) && r.error() != null)
						.findFirst(), Optional::isPresent)
					.orElseThrow();

				browser.signIn("admin", ADMIN_PASSWORD).click("Reactions");

				assertThat(browser.heading()).isEqualTo("Reactions");
				WebElement row = browser.find("#reaction-" + failed.id());
				assertThat(row.getText()).contains("worklist.TransitionsOfCare")
					.contains("EncounterRecorded")
					.contains("FAILED")
					.contains("planted fault in transition_of_care");
				assertThat(lastAuditOf("admin", AuditAction.SEARCH).record().detail()).startsWith("reactions: ");
				browser.screenshot("reactions");
			}

			browser.press(browser.find("#reaction-" + failed.id()), "button.retry");
			assertThat(browser.find(".alert").getText()).startsWith("Retrying.");
			awaitReactions();
			browser.open("/admin/reactions");
			assertThat(browser.all("#reaction-" + failed.id())).as("done").isEmpty();
			assertThat(this.jdbc.sql("select count(*) from task where patient_id = ?")
				.param(patient.value())
				.query(Integer.class)
				.single()).isEqualTo(3);
			assertThat(lastAuditOf("admin", AuditAction.UPDATE).record().detail())
				.isEqualTo("reaction " + failed.id() + " retried");
		}
	}

	@Test
	void coordinatorCannotReachTheAdministrationPages() {
		browser.signIn("ben", "demo-ben-2026").open("/admin/audit");
		assertThat(browser.heading()).isEqualTo("Not allowed");
		browser.open("/admin/hl7");
		assertThat(browser.heading()).isEqualTo("Not allowed");
		browser.open("/admin/reactions");
		assertThat(browser.heading()).isEqualTo("Not allowed");
	}

	private String robertsPatientId() {
		browser.signOut().signIn("ben", "demo-ben-2026").click("My caseload").type("#q", "Johnson");
		browser.awaitCount("table.caseload tbody tr", 1);
		String href = browser.find("table.caseload tbody tr a").getAttribute("href");
		browser.signOut().signIn("ana", "demo-ana-2026");
		return href.substring(href.lastIndexOf('/') + 1);
	}

	private AuditEntry lastAuditOf(String user, AuditAction action) {
		return this.audit.search(new AuditQuery(user, null, null, null, "time", true, 50))
			.stream()
			.filter(e -> e.record().action() == action)
			.findFirst()
			.orElseThrow();
	}

}
