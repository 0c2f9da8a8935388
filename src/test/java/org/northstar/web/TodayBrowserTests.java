package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.NewInteraction;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.Tasks;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A coordinator's morning on Today in a real browser: she lands on it after signing in,
 * sees the overdue transition-of-care contact first, completes it in place and snoozes
 * another row, without the page reloading.
 */
class TodayBrowserTests extends BrowserTest {

	static final String PASSWORD = "a-long-password-1";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Tasks tasks;

	@Autowired
	Interactions interactions;

	@Autowired
	Clock clock;

	@Test
	void theCoordinatorCompletesHerTcmContactInPlaceAndSnoozesAnotherRow() {
		this.accounts.ensureTeam("today-browser", "Today browser team");
		this.accounts.create("today-iris", "Iris Today", PASSWORD, Set.of(Role.COORDINATOR), "today-browser");
		LocalDate today = LocalDate.now(this.clock);
		PatientId discharged = patient("tb-1", "Dolores", "Discharged");
		PatientId waiting = patient("tb-2", "Wanda", "Waiting");
		PatientId later = patient("tb-3", "Lars", "Later");
		for (PatientId person : List.of(discharged, waiting, later)) {
			this.caseloads.assign(person, "today-iris", Relation.COORDINATOR);
			this.interactions.record(person,
					new NewInteraction("PHONE_OUT", "REACHED", this.clock.instant().minusSeconds(3600).toString(), 5,
							"CLINICAL_STAFF", "OTHER", "Checked in", List.of(), null, null),
					"today-iris");
		}
		this.tasks.create(new TaskChange(waiting, "today-iris", Task.Kind.OTHER, "Ask about the new inhaler",
				today.minusDays(3), "OPEN"));
		this.tasks.create(new TaskChange(discharged, "today-iris", Task.Kind.TCM_CONTACT,
				"Contact after discharge on " + today.minusDays(2) + " (within 2 business days)", today, "OPEN"));
		this.tasks.create(new TaskChange(later, "today-iris", Task.Kind.OTHER, "Send the leaflet", today, "OPEN"));

		browser.signIn("today-iris", PASSWORD);

		assertThat(browser.path()).startsWith("/today");
		assertThat(browser.heading()).startsWith("Today");
		List<WebElement> rows = browser.all("ol.today > li.today-row");
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).getText()).contains("Discharged, Dolores").contains("TCM contact 100");
		assertThat(rows.get(1).getText()).contains("Waiting, Wanda");
		browser.screenshot("today");
		WebElement heading = browser.find("h1");

		WebElement done = rows.get(0).findElement(org.openqa.selenium.By.cssSelector("button.primary"));
		assertThat(done.getText()).isEqualTo("Done: contact after discharge");
		assertThat(done.getAttribute("aria-label")).isEqualTo("Done: contact after discharge for Discharged, Dolores");
		done.click();
		browser.awaitText("#row-" + discharged.value(), "Done: contact after discharge.");

		assertThat(browser.find("#row-" + discharged.value()).getText())
			.contains("Nothing else about this person needs you today");
		// The page did not load again: its heading is the one read before.
		assertThat(heading.isDisplayed()).isTrue();

		WebElement laterRow = browser.find("#row-" + later.value());
		laterRow.findElement(org.openqa.selenium.By.cssSelector("summary[aria-label='Snooze Later, Lars']")).click();
		browser.awaitVisible("#reason-" + later.value());
		laterRow.findElement(org.openqa.selenium.By.name("reason")).sendKeys("On holiday until Thursday");
		laterRow.findElement(org.openqa.selenium.By.cssSelector("button[aria-label='Snooze Later, Lars']")).click();
		browser.awaitText("#row-" + later.value(), "Snoozed until");

		assertThat(browser.find("#row-" + later.value()).getText()).contains("On holiday until Thursday");
		assertThat(heading.isDisplayed()).isTrue();
		browser.open("/today");
		assertThat(browser.text()).contains("Waiting, Wanda").doesNotContain("Later, Lars").doesNotContain("Dolores");
	}

	private PatientId patient(String id, String given, String family) {
		PatientBundle bundle = aPatient(id).named(given, family).born("1948-05-06").sex("female");
		this.fhirImport.importBundle(bundle.json(), "today-browser", "test");
		String patientId = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("today-browser", "Patient", patientId).id());
	}

}
