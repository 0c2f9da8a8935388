package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.documentation.Consents;
import org.northstar.documentation.NewConsent;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.northstar.support.PatientBundle;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A coordinator documents from the patient page: a call timed with the timer and signed
 * without leaving the page, its minutes in the month-end report; a draft that survives a
 * reload; a refused field named; an addendum beside the signed note; a supervisor's
 * quick-text inserted with a click.
 */
class InteractionLoggingBrowserTests extends BrowserTest {

	private static final String SOURCE = "notes-browser";

	/**
	 * The page's clock, moved by the test: {@code Date.now()} plus
	 * {@code window.__clockAhead} milliseconds.
	 */
	private static final String MOVABLE_CLOCK = """
			(function () {
			  if (window.__clockAhead !== undefined) { return; }
			  var now = Date.now;
			  window.__clockAhead = 0;
			  Date.now = function () { return now() + window.__clockAhead; };
			}());
			""";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Consents consents;

	@Test
	void logsACallTimedOnThePatientPageAndTheReportBillsItsMinutes() {
		PatientId patient = anasPatient("timed",
				aPatient("timed").named("Tilda", "Timewell")
					.withCondition("44054006", "Diabetes mellitus type 2")
					.withCondition("38341003", "Hypertensive disorder"));
		LocalDate today = LocalDate.now(ZoneId.of(PRACTICE_ZONE));
		this.consents.record(patient, new NewConsent("CCM", "VERBAL", today.toString(), "ana", true), "ana");

		browser.beforeEveryPage(MOVABLE_CLOCK).recordPolicyViolations().signIn("ana", "demo-ana-2026");
		browser.open("/patients/" + patient.value()).awaitVisible("#log-form");
		assertThat(browser.find("#eligibility").getText()).startsWith("Eligible for CCM and PCM: 2 chronic conditions")
			.contains("Consent to CCM on file (verbal");
		assertThat(browser.find("#log-form .timer-pause").isDisplayed()).isFalse();
		assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
			.as("the panel fits the window")
			.isEqualTo(true);
		browser.find("#log-form .timer-start").click();
		assertThat(browser.find("#log-form .timer-start").isDisplayed()).isFalse();
		// Twelve minutes and some seconds on the phone: twelve whole minutes.
		browser.script("window.__clockAhead += (12 * 60 + 40) * 1000;");
		browser.awaitValue("#log-minutes", "12");
		browser.find("#log-form .timer-pause").click();
		assertThat(browser.find("#log-form .timer-clock").getText()).startsWith("12:4");
		browser.type("#log-participants", "Tilda Timewell, her son");
		browser.type("#log-note", "Reviewed the glucose log; agreed a walking plan.");
		// A date field is typed in the browser's locale's order: set as the picker would.
		browser.script("document.getElementById('log-follow-up-on').value = '" + today.plusDays(7) + "';");
		browser.type("#log-follow-up-what", "Call about the walking plan");
		WebElement page = browser.find("h1");
		browser.find("#log-form .sign-interaction").click();
		browser.awaitText("#interactions", "Signed: Phone call out, 12 minutes (CCM).");

		// Signed without a page load, listed at once, the timer back to nothing.
		assertThat(page.isDisplayed()).isTrue();
		assertThat(browser.find(".interaction-list .interaction").getText()).contains("12 min")
			.contains("Reviewed the glucose log; agreed a walking plan.")
			.contains("with Tilda Timewell, her son");
		assertThat(browser.find("#log-minutes").getDomProperty("value")).isEmpty();
		assertThat(browser.find("#log-form .timer-clock").getText()).isEqualTo("0:00");
		assertThat(browser.policyViolations()).isEmpty();
		browser.screenshot("interaction-signed");

		// The follow-up is on the worklist, the minutes in the month-end report.
		browser.open("/patients/" + patient.value());
		browser.awaitText("#tasks", "Call about the walking plan");
		browser.open("/billing");
		String row = browser.all("tbody tr")
			.stream()
			.map(WebElement::getText)
			.filter(text -> text.contains("Timewell, Tilda"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Timewell is not in the report:\n" + browser.text()));
		assertThat(row).contains("CCM 99490 0 12 SHORT");
	}

	@Test
	void keepsTheDraftAcrossAReloadAndNamesTheFieldThatIsWrong() {
		PatientId patient = anasPatient("draft", aPatient("draft").named("Dora", "Draftley"));

		browser.beforeEveryPage(MOVABLE_CLOCK).signIn("ana", "demo-ana-2026");
		browser.open("/patients/" + patient.value()).awaitVisible("#log-form");
		assertThat(browser.find("#eligibility").getText()).startsWith("Not eligible for CCM or PCM")
			.contains("No CCM or PCM consent on file.");
		browser.type("#log-note", "Left a message with the pharmacy about the refill.");
		browser.find("#log-participants").click();
		browser.awaitText("#draft-status", "Draft saved");
		browser.open("/patients/" + patient.value()).awaitVisible("#log-form");
		assertThat(browser.find("#log-note").getDomProperty("value"))
			.isEqualTo("Left a message with the pharmacy about the refill.");

		browser.find("#log-form .sign-interaction").click();
		browser.awaitText("#interactions", "Nothing was signed.");

		assertThat(browser.find("#interaction-error").getText()).contains("minutes: is required");
		assertThat(browser.find("#log-minutes").getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.find("#log-note").getDomProperty("value"))
			.isEqualTo("Left a message with the pharmacy about the refill.");
		assertThat(browser.text()).contains("Nothing documented yet.");

		// A timer started before the page is loaded again keeps counting.
		browser.find("#log-form .timer-start").click();
		browser.open("/patients/" + patient.value()).awaitVisible("#log-form");
		browser.script("window.__clockAhead += (3 * 60 + 5) * 1000;");
		browser.awaitValue("#log-minutes", "3");
		assertThat(browser.find("#log-form .timer-pause").isDisplayed()).isTrue();
	}

	@Test
	void showsAnAddendumBesideTheSignedNote() {
		PatientId patient = anasPatient("addendum", aPatient("addendum").named("Ada", "Amendola"));

		browser.signIn("ana", "demo-ana-2026").open("/patients/" + patient.value()).awaitVisible("#log-form");
		browser.type("#log-minutes", "5");
		browser.type("#log-note", "Glucose log reviewed: October's.");
		browser.find("#log-form .sign-interaction").click();
		browser.awaitText("#interactions", "Signed:");
		browser.find(".interaction .add-addendum summary").click();
		browser.type(".interaction .add-addendum textarea", "The log was September's, not October's.");
		browser.find(".interaction .add-addendum button").click();
		browser.awaitText(".interaction .addenda", "The log was September's");

		WebElement interaction = browser.find(".interaction");
		assertThat(interaction.findElement(org.openqa.selenium.By.cssSelector(".original")).getText())
			.contains("Glucose log reviewed: October's.");
		assertThat(interaction.findElement(org.openqa.selenium.By.cssSelector(".addenda")).getText())
			.contains("Addendum")
			.contains("by ana");
	}

	@Test
	void insertsASupervisorsQuickTextIntoTheNote() {
		PatientId patient = anasPatient("quick", aPatient("quick").named("Quinn", "Quickley"));
		browser.signIn("carla", "demo-carla-2026").open("/quick-text");
		browser.type("#qt-title", "Meds reviewed (browser test)");
		browser.type("#qt-body", "Reviewed every medicine with the patient.");
		browser.press("#new-quick-text button[type=submit]");
		browser.type("#qt-title", "TCM call (browser test)");
		browser.type("#qt-body", "Called within two business days of the discharge.");
		browser.script("document.getElementById('qt-program').value = 'TCM';");
		browser.press("#new-quick-text button[type=submit]");
		assertThat(browser.find("#quick-texts").getText()).contains("Meds reviewed (browser test)")
			.contains("TCM call (browser test)");
		browser.signOut();

		browser.signIn("ana", "demo-ana-2026").open("/patients/" + patient.value()).awaitVisible("#log-form");
		WebElement button = browser.all("button.quick-text")
			.stream()
			.filter(b -> b.getText().equals("Meds reviewed (browser test)"))
			.findFirst()
			.orElseThrow();
		WebElement tcm = browser.all("button.quick-text")
			.stream()
			.filter(b -> b.getDomProperty("textContent").equals("TCM call (browser test)"))
			.findFirst()
			.orElseThrow();
		// Only the current program's quick-text is offered.
		assertThat(tcm.isDisplayed()).isFalse();
		browser.type("#log-note", "Called. ");
		button.click();

		assertThat(browser.find("#log-note").getDomProperty("value"))
			.isEqualTo("Called. Reviewed every medicine with the patient.");
		browser.open("/quick-text");
		assertThat(browser.text()).contains("Only supervisors keep the quick-text");
	}

	private PatientId anasPatient(String id, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), SOURCE, "test");
		PatientId patient = new PatientId(new RecordKey(SOURCE, "Patient", id).id());
		this.caseloads.assign(patient, "ana", Relation.COORDINATOR);
		return patient;
	}

}
