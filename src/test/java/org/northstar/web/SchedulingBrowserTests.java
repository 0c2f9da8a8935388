package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.Patients;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling stories of issue 17, through the patient page's schedule section as a
 * coordinator uses it: Robert's cardiology visit proposed only outside his dialysis and
 * its recovery, and booked; Jim offered only evening and Saturday times around his work;
 * five specialists for one person grouped into one trip.
 */
class SchedulingBrowserTests extends BrowserTest {

	private static final ZoneId PRACTICE = ZoneId.of(PRACTICE_ZONE);

	@Autowired
	Patients patients;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Autowired
	UserAccounts accounts;

	/** A Monday far enough ahead for the ride program's 48 h notice. */
	LocalDate monday = LocalDate.now(PRACTICE).plusDays(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(3);

	@Test
	void robertsCardiologyVisitIsProposedOnlyOutsideDialysisAndItsRecovery() {
		PatientId robert = ScheduleSectionTests.demoPatient(this.patients, "RGH00731542");
		browser.signIn("ben", "demo-ben-2026").open("/patients/" + robert.value());
		browser.awaitText("#schedule", "dialysis 06:00–10:00 + 2 h recovery");
		assertThat(browser.find("#schedule").getText()).doesNotContain("You do not have access");

		need(0, "cardiology", this.monday, this.monday);
		propose();

		List<ZonedDateTime> starts = proposedStarts();
		assertThat(starts).hasSize(1);
		// Dialysis 06:00–10:00 and two hours' recovery: nothing before noon that Monday.
		assertThat(starts.get(0).toLocalDate()).isEqualTo(this.monday);
		assertThat(starts.get(0).toLocalTime()).isAfterOrEqualTo(LocalTime.NOON);
		browser.screenshot("scheduling-robert-proposal");

		browser.find(".proposal button[type=submit]").click();
		browser.awaitText("#schedule .notice", "Booked: cardiology");
		assertThat(browser.find("#schedule table.appointments").getText()).contains("cardiology")
			.contains("Dr Anika Patel");
	}

	@Test
	void dialysisEnteredOnThePageIsHonouredByTheProposal() {
		PatientId robin = aPersonOnTheCaseloadOf("sched-cora", Set.of(Role.COORDINATOR), "robin-1", "Ravensworth",
				"Robin");
		browser.signIn("sched-cora", "scheduling-cora-2026").open("/patients/" + robin.value());
		browser.awaitText("#schedule", "No commitments recorded.");

		browser.find("#schedule-needs details.commitment summary").click();
		new Select(browser.find("#c-kind")).selectByValue("DIALYSIS");
		for (String day : List.of("MON", "WED", "FRI")) {
			browser.find("#c-day-" + day).click();
		}
		browser.type("#c-start", "06:00").type("#c-end", "10:00").type("#c-buffer", "120");
		browser.find("#commitment-form button[type=submit]").click();
		browser.awaitText("#schedule-needs", "Saved: added dialysis 06:00–10:00 + 2 h recovery.");
		assertThat(browser.find("#schedule-needs ul.commitments").getText()).contains("MON, WED, FRI");
		browser.screenshot("scheduling-dialysis-entered");

		need(0, "cardiology", this.monday, this.monday);
		propose();

		// Dialysis 06:00–10:00 and two hours' recovery, entered above: nothing before
		// noon.
		assertThat(proposedStarts()).singleElement().satisfies((start) -> {
			assertThat(start.toLocalDate()).isEqualTo(this.monday);
			assertThat(start.toLocalTime()).isAfterOrEqualTo(LocalTime.NOON);
		});
	}

	@Test
	void jimIsOfferedOnlyEveningAndSaturdayTimesAroundHisWork() {
		PatientId jim = ScheduleSectionTests.demoPatient(this.patients, "RGH00658204");
		browser.signIn("ana", "demo-ana-2026").open("/patients/" + jim.value());
		browser.awaitText("#schedule", "work 07:00–17:00");

		need(0, "cardiology", this.monday, this.monday.plusDays(6));
		need(1, "endocrinology", this.monday, this.monday.plusDays(6));
		propose();

		List<ZonedDateTime> starts = proposedStarts();
		assertThat(starts).hasSize(2);
		assertThat(starts).allSatisfy((start) -> assertThat(
				start.getDayOfWeek() == DayOfWeek.SATURDAY || !start.toLocalTime().isBefore(LocalTime.of(17, 0)))
			.as("%s is an evening or a Saturday", start)
			.isTrue());
		browser.screenshot("scheduling-jim-proposal");
	}

	@Test
	void fiveSpecialistsForOnePersonAreGroupedIntoOneTrip() {
		PatientId pilar = aPersonOnTheCaseloadOf("sched-cora");
		browser.signIn("sched-cora", "scheduling-cora-2026").open("/patients/" + pilar.value());
		browser.awaitText("#schedule", "No commitments recorded.");
		List<String> specialists = List.of("cardiology", "lab", "nephrology", "endocrinology", "ophthalmology");
		for (int i = 0; i < specialists.size(); i++) {
			need(i, specialists.get(i), this.monday, this.monday.plusDays(4));
		}

		propose();

		assertThat(proposedStarts()).hasSize(5);
		assertThat(proposedStarts().stream().map(ZonedDateTime::toLocalDate).distinct()).hasSize(1);
		assertThat(browser.find(".proposal h3").getText()).isEqualTo("Proposal: 1 trip");
		assertThat(browser.all(".proposal ul.unplaced li")).isEmpty();
		browser.screenshot("scheduling-five-specialists");
	}

	@Test
	void hoursEnteredOnTheClinicsPageAreTheTimesProposed() {
		PatientId quentin = aPersonOnTheCaseloadOf("sched-sam", Set.of(Role.SUPERVISOR, Role.COORDINATOR), "quentin-1",
				"Quist", "Quentin");
		browser.signIn("sched-sam", "scheduling-cora-2026").open("/clinics");
		browser.click("Add a location");
		browser.type("#l-id", "hearing-center")
			.type("#l-name", "Eastgate Hearing Center")
			.type("#l-address", "77 Eastgate Road, Millbrook, OH")
			.type("#l-latitude", "39.9700")
			.type("#l-longitude", "-82.9600")
			.press("#location-form button[type=submit]");
		browser.awaitText("#locations", "Eastgate Hearing Center");
		browser.click("Add a provider");
		browser.type("#p-id", "audiology-ng")
			.type("#p-name", "Dr Mai Ng (audiology)")
			.type("#p-specialty", "audiology");
		new Select(browser.find("#p-location")).selectByValue("hearing-center");
		// Thursday afternoons only, and an evening on Tuesday that is too short.
		browser.type("#p-hours-THU", "15:00–16:00").type("#p-hours-TUE", "18:00-18:20");
		browser.type("#p-visit-types", "audiology: 40").press("#provider-form button[type=submit]");
		browser.awaitText("#providers", "Thu 15:00–16:00");
		browser.screenshot("scheduling-clinics-page");

		browser.open("/patients/" + quentin.value());
		browser.awaitText("#schedule", "No commitments recorded.");
		need(0, "audiology", this.monday, this.monday.plusDays(6));
		propose();

		List<ZonedDateTime> starts = proposedStarts();
		assertThat(starts).singleElement().satisfies((start) -> {
			assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
			assertThat(start.toLocalTime()).isBetween(LocalTime.of(15, 0), LocalTime.of(15, 20));
		});
		assertThat(browser.find("#schedule .proposal").getText()).contains("Dr Mai Ng (audiology)");
	}

	private void need(int row, String type, LocalDate earliest, LocalDate latest) {
		new Select(browser.all("#schedule select[name=type]").get(row)).selectByValue(type);
		browser.script("document.querySelectorAll('#schedule input[name=earliest]')[" + row + "].value = '" + earliest
				+ "'; document.querySelectorAll('#schedule input[name=latest]')[" + row + "].value = '" + latest
				+ "';");
	}

	private void propose() {
		browser.find("#schedule form.propose button[type=submit]").click();
		browser.awaitVisible("#schedule .proposal");
	}

	/** The proposed starts, in the practice's zone, from the booking forms. */
	private List<ZonedDateTime> proposedStarts() {
		return browser.all("#schedule .proposal input[name=start]")
			.stream()
			.map((WebElement input) -> OffsetDateTime.parse(input.getDomProperty("value")).atZoneSameInstant(PRACTICE))
			.toList();
	}

	/** A person of this test's own, on a coordinator of its own's caseload. */
	private PatientId aPersonOnTheCaseloadOf(String coordinator) {
		return aPersonOnTheCaseloadOf(coordinator, Set.of(Role.COORDINATOR), "pilar-1", "Quintanilla", "Pilar");
	}

	private PatientId aPersonOnTheCaseloadOf(String coordinator, Set<Role> roles, String id, String family,
			String given) {
		if (this.accounts.find(coordinator).isEmpty()) {
			this.accounts.create(coordinator, "Scheduling " + coordinator, "scheduling-cora-2026", roles, null);
		}
		this.fhirImport.importBundle(PERSON.formatted(id, family, given).getBytes(StandardCharsets.UTF_8),
				"sched-browser", "test");
		PatientId person = new PatientId(new RecordKey("sched-browser", "Patient", id).id());
		this.caseloads.assign(person, coordinator, Relation.COORDINATOR);
		return person;
	}

	private static final String PERSON = """
			{"resourceType": "Bundle", "type": "collection", "entry": [
			 {"resource": {
			   "resourceType": "Patient", "id": "%s", "name": [{"family": "%s", "given": ["%s"]}],
			   "birthDate": "1951-09-17", "gender": "female"}}
			]}
			""";

}
