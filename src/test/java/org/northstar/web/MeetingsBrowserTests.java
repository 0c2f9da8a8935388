package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.meetings.Victories;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.Tasks;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A team meets about its people: Sue starts the meeting, finds Mr. Idle on the agenda for
 * his overdue call, and the team's decision becomes Ana's task; Ana records a small win
 * on Mrs. Joy's page and finds it in the team's victory journal.
 */
class MeetingsBrowserTests extends BrowserTest {

	static final String PASSWORD = "a-long-password-1";

	/** How Chromium takes a date typed into a date field, in the tests' locale. */
	static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("MMddyyyy");

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Tasks tasks;

	@Autowired
	Victories victories;

	@Autowired
	Clock clock;

	static PatientId idle;

	static PatientId joy;

	@BeforeEach
	void team() {
		if (idle != null) {
			return;
		}
		this.accounts.ensureTeam("idtb-team", "IDT browser team");
		this.accounts.create("idtb-sue", "Sue Meeting", PASSWORD, Set.of(Role.SUPERVISOR), "idtb-team");
		this.accounts.create("idtb-ana", "Ana Meeting", PASSWORD, Set.of(Role.COORDINATOR), "idtb-team");
		idle = patient("idtb-1", "Ivan", "Idle", "1940-10-11");
		joy = patient("idtb-2", "Judy", "Joy", "1939-09-10");
		this.caseloads.assign(idle, "idtb-ana", Relation.COORDINATOR);
		this.caseloads.assign(joy, "idtb-ana", Relation.COORDINATOR);
		this.tasks.create(new TaskChange(idle, "idtb-ana", Task.Kind.OTHER, "Call about the new inhaler",
				LocalDate.now(this.clock).minusDays(4), "OPEN"));
	}

	@Test
	void aTeamMeetingsDecisionBecomesATask() {
		LocalDate due = LocalDate.now(this.clock).plusDays(3);
		browser.signIn("idtb-sue", PASSWORD).open("/today").click("Meetings");
		browser.press("form.start-meeting button");

		assertThat(browser.heading()).startsWith("Team meeting of");
		assertThat(browser.find(".agenda").getText()).contains("Idle, Ivan")
			.contains("Overdue task: Call about the new inhaler (idtb-ana, due ")
			.doesNotContain("Joy, Judy");
		browser.type(".agenda-item input[name=text]", "Pharmacist reviews his inhaler technique at home");
		// His own coordinator is offered as the owner, not Sue who runs the meeting.
		assertThat(new Select(browser.find(".agenda-item select[name=owner]")).getFirstSelectedOption().getText())
			.isEqualTo("idtb-ana");
		browser.type(".agenda-item input[name=dueOn]", TYPED.format(due));
		browser.press(".decision-form button[type=submit]");

		assertThat(browser.find(".meeting-message").getText()).startsWith("Decided for Idle, Ivan: task ");
		assertThat(browser.find(".decisions").getText()).contains("Pharmacist reviews his inhaler technique at home")
			.contains("idtb-ana");
		browser.screenshot("idt-meeting-decision");
		assertThat(this.tasks.openFor(List.of(idle))).anySatisfy(task -> {
			assertThat(task.title()).endsWith(": Pharmacist reviews his inhaler technique at home");
			assertThat(task.owner()).isEqualTo("idtb-ana");
			assertThat(task.dueOn()).isEqualTo(due);
		});
	}

	@Test
	void aVictoryRecordedOnThePatientPageIsListedInTheTeamsJournal() {
		browser.signIn("idtb-ana", PASSWORD).open("/patients/" + joy.value());
		browser.awaitText("#journal", "Victory journal");

		browser.type("#victory-text", "First week without a fall");
		browser.find("form.record-victory button").click();
		browser.awaitText("#journal .journal-message", "Recorded the victory");
		assertThat(browser.find("#journal .victories").getText()).contains("First week without a fall")
			.contains("idtb-ana");

		browser.open("/victories?coordinator=idtb-ana");
		assertThat(browser.find("table.victories").getText()).contains("Joy, Judy")
			.contains("First week without a fall");
		browser.screenshot("victory-journal");
		assertThat(this.victories.of(List.of(joy))).singleElement()
			.satisfies(v -> assertThat(v.happenedOn()).isEqualTo(LocalDate.now(this.clock)));
	}

	private PatientId patient(String id, String given, String family, String born) {
		PatientBundle bundle = aPatient(id).named(given, family).born(born).sex("male");
		this.fhirImport.importBundle(bundle.json(), "idtb-tests", "test");
		String patientId = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("idtb-tests", "Patient", patientId).id());
	}

}
