package org.northstar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's morning review in a real browser, ranked by risk: a readmission
 * within 30 days comes first however old its discharge's news, and every line says why it
 * ranks where it does.
 */
class ReviewBrowserTests extends BrowserTest {

	static final String PASSWORD = "review-browser-password-1";

	static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReadmissionWithinThirtyDaysLeadsTheReviewAndEveryLineSaysWhy() throws Exception {
		this.accounts.create("review-rosa", "Rosa Review", PASSWORD, Set.of(Role.COORDINATOR), null);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant firstAdmitted = now.minus(14, ChronoUnit.DAYS);
		Instant firstDischarged = now.minus(10, ChronoUnit.DAYS);
		// The first stay's news arrives only now, with the readmission: both are listed.
		send(Adt.anAdmit()
			.from("EPIC", "REVIEWHOSP")
			.forPatient("MRN-RVB-1")
			.named("Readmitted", "Rita")
			.visit("V-RVB-1a")
			.at(hl7(firstAdmitted))
			.admittedAt(hl7(firstAdmitted)));
		PatientId rita = patientWith("MRN-RVB-1");
		this.caseloads.assign(rita, "review-rosa", Relation.COORDINATOR);
		send(Adt.aDischarge()
			.from("EPIC", "REVIEWHOSP")
			.forPatient("MRN-RVB-1")
			.named("Readmitted", "Rita")
			.visit("V-RVB-1a")
			.at(hl7(firstDischarged))
			.admittedAt(hl7(firstAdmitted))
			.dischargedAt(hl7(firstDischarged))
			.dischargeDisposition("01"));
		send(Adt.anAdmit()
			.from("EPIC", "REVIEWHOSP")
			.forPatient("MRN-RVB-1")
			.named("Readmitted", "Rita")
			.visit("V-RVB-1b")
			.at(hl7(now.minus(2, ChronoUnit.HOURS)))
			.admittedAt(hl7(now.minus(2, ChronoUnit.HOURS))));
		// A newer ED visit of someone never in hospital before ranks below her.
		send(Adt.anAdmit()
			.from("EPIC", "REVIEWHOSP")
			.forPatient("MRN-RVB-2")
			.named("Newest", "Ned")
			.visit("V-RVB-2")
			.patientClass("E")
			.at(hl7(now.minus(1, ChronoUnit.HOURS)))
			.admittedAt(hl7(now.minus(1, ChronoUnit.HOURS))));
		this.caseloads.assign(patientWith("MRN-RVB-2"), "review-rosa", Relation.COORDINATOR);

		browser.signIn("review-rosa", PASSWORD);
		browser.open("/review");

		assertThat(browser.heading()).isEqualTo("Overnight review");
		List<WebElement> lines = browser.all("table.review tbody tr.review-line");
		assertThat(lines).hasSize(4);
		String dischargeDay = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
			.format(LocalDate.ofInstant(firstDischarged, ZoneId.of(PRACTICE_ZONE)));
		assertThat(cell(lines.get(0), "rank")).isEqualTo("1");
		assertThat(lines.get(0).getText()).contains("Readmitted, Rita").contains("Admitted");
		assertThat(cell(lines.get(0), "why"))
			.startsWith("Readmitted within 30 days of the discharge on " + dischargeDay + " · LACE ");
		assertThat(lines).extracting(line -> cell(line, "rank")).containsExactly("1", "2", "3", "4");
		assertThat(lines).allSatisfy(line -> assertThat(cell(line, "why")).isNotBlank());
		assertThat(lines.stream().filter(line -> line.getText().contains("Newest, Ned")).findFirst().orElseThrow())
			.satisfies(line -> assertThat(cell(line, "why"))
				.isEqualTo("No risk score yet; after readmissions and high-risk arrivals"));
		browser.screenshot("review-ranked");
	}

	private static String cell(WebElement line, String css) {
		return line.findElement(By.cssSelector("td." + css)).getText();
	}

	private PatientId patientWith(String mrn) {
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

	private static String hl7(Instant at) {
		return HL7_TIME.format(at);
	}

}
