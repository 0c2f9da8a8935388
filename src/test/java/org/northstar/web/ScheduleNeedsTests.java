package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Commitments;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Place;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.TelehealthReadiness;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelAndPreferences;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule section's forms for what was API-only (issue 17): the telehealth checklist
 * and the clinic language, saved as the API saves them, refused with the API's words,
 * audited, and closed to a coordinator without the person.
 */
class ScheduleNeedsTests extends NorthstarTest {

	static final String PASSWORD = "schedule-needs-password-2026";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Commitments commitments;

	@Autowired
	JdbcClient jdbc;

	static PatientId person;

	@BeforeEach
	void aPersonOnACaseload() {
		if (person != null) {
			return;
		}
		this.accounts.create("needs-nia", "Nia Coordinator", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.accounts.create("needs-zoe", "Zoe Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.fhirImport.importBundle("""
				{"resourceType": "Bundle", "type": "collection", "entry": [
				 {"resource": {"resourceType": "Patient", "id": "needs-1",
				   "name": [{"family": "Oyelaran-Brisk", "given": ["Temitope"]}], "birthDate": "1947-08-30"}}
				]}
				""".getBytes(StandardCharsets.UTF_8), "schedule-needs", "test");
		person = new PatientId(new RecordKey("schedule-needs", "Patient", "needs-1").id());
		this.caseloads.assign(person, "needs-nia", Relation.COORDINATOR);
	}

	@Test
	void theTelehealthChecklistIsSavedFromThePageAndDecidesVideoVisits() {
		PageClient nia = signedIn("needs-nia");
		assertThat(nia.get("/patients/" + person.value() + "/schedule").body()).contains("/schedule/needs");
		assertThat(nia.get("/patients/" + person.value() + "/schedule/needs").body())
			.contains("The checklist has not been gone through");

		PageClient.Response saved = nia.post("/patients/" + person.value() + "/schedule/telehealth",
				Map.of("device", "true", "connection", "true", "privateSpace", "true"));

		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body()).contains("Not ready: no video visits; missing someone able to use it");
		assertThat(this.commitments.telehealthOf(person))
			.contains(new TelehealthReadiness(true, true, false, true, false));
		assertThat(auditedChanges("needs-nia"))
			.anySatisfy(d -> assertThat(d).startsWith("telehealth readiness: missing"));

		nia.post("/patients/" + person.value() + "/schedule/telehealth",
				Map.of("device", "true", "connection", "true", "privateSpace", "true", "helper", "true"));
		assertThat(this.commitments.telehealthOf(person).orElseThrow().ready()).isTrue();
	}

	@Test
	void aRequiredLanguageWithoutOneIsRefusedAsTheApiRefusesItAndNothingIsSaved() {
		PageClient nia = signedIn("needs-nia");

		PageClient.Response refused = nia.post("/patients/" + person.value() + "/schedule/language",
				Map.of("language", " ", "languageRequired", "true"));

		assertThat(refused.body()).contains("Nothing was saved. A required clinic language needs the language")
			.containsPattern("name=\"languageRequired\"[^>]*aria-invalid=\"true\"");
		assertThat(this.commitments.travelOf(person)).isEmpty();

		nia.post("/patients/" + person.value() + "/schedule/language",
				Map.of("language", "yo", "languageRequired", "true"));
		assertThat(this.commitments.travelOf(person).orElseThrow().preferences())
			.isEqualTo(new Preferences(false, false, true, "yo", true));
	}

	@Test
	void aCoordinatorWithoutThePersonChangesNothing() {
		PageClient zoe = signedIn("needs-zoe");

		assertThat(zoe.get("/patients/" + person.value() + "/schedule/needs").status()).isEqualTo(403);
		assertThat(zoe.post("/patients/" + person.value() + "/schedule/telehealth", Map.of("device", "true")).status())
			.isEqualTo(403);
		assertThat(zoe.post("/patients/" + person.value() + "/schedule/language", Map.of("language", "fr")).status())
			.isEqualTo(403);
		assertThat(this.commitments.travelOf(person).map(t -> t.preferences().language()))
			.isNotEqualTo(java.util.Optional.of("fr"));
		assertThat(zoe
			.postFields("/patients/" + person.value() + "/schedule/commitments", "kind", "WORK", "days", "MON", "start",
					"07:00", "end", "19:00")
			.status()).isEqualTo(403);
		assertThat(zoe.postFields("/patients/" + person.value() + "/schedule/travel", "mode", "TRANSIT").status())
			.isEqualTo(403);
		assertThat(zoe.postFields("/patients/" + person.value() + "/schedule/commitments/remove", "position", "0")
			.status()).isEqualTo(403);
		assertThat(this.commitments.of(person)).isEmpty();
		assertThat(this.commitments.travelOf(person).map(t -> t.transport().transitOnly()))
			.isNotEqualTo(java.util.Optional.of(true));
	}

	private PatientId anotherPerson(String id, String given) {
		this.fhirImport.importBundle("""
				{"resourceType": "Bundle", "type": "collection", "entry": [
				 {"resource": {"resourceType": "Patient", "id": "%s",
				   "name": [{"family": "Adeyemi-Holt", "given": ["%s"]}], "birthDate": "1952-03-14"}}
				]}
				""".formatted(id, given).getBytes(StandardCharsets.UTF_8), "schedule-needs", "test");
		PatientId other = new PatientId(new RecordKey("schedule-needs", "Patient", id).id());
		this.caseloads.assign(other, "needs-nia", Relation.COORDINATOR);
		return other;
	}

	/** The answer as a reader sees it: Thymeleaf writes an apostrophe as &#39;. */
	private static String text(PageClient.Response response) {
		return response.body().replace("&#39;", "'").replace("&quot;", "\"");
	}

	private static String fingerprintIn(String form) {
		java.util.regex.Matcher m = java.util.regex.Pattern
			.compile("id=\"commitment-form\".*?name=\"was\" value=\"([0-9a-f]*)\"", java.util.regex.Pattern.DOTALL)
			.matcher(form);
		assertThat(m.find()).as("the commitment form's fingerprint").isTrue();
		return m.group(1);
	}

	@Test
	void aCommitmentIsAddedChangedAndRemovedOnThePageAsTheApiStoresIt() {
		PatientId robin = anotherPerson("needs-2", "Robin");
		PageClient nia = signedIn("needs-nia");
		String path = "/patients/" + robin.value() + "/schedule/";

		PageClient.Response added = nia.postFields(path + "commitments", "position", "", "kind", "DIALYSIS", "days",
				"MON", "days", "WED", "days", "FRI", "start", "06:00", "end", "10:00", "bufferAfterMinutes", "120",
				"everyWeeks", "1", "address", "Riverside Dialysis Unit", "latitude", "39.9612", "longitude",
				"-82.9988");

		assertThat(added.status()).isEqualTo(200);
		assertThat(added.body()).contains("Saved: added dialysis 06:00–10:00 + 2 h recovery.")
			.contains("at Riverside Dialysis Unit");
		Commitment dialysis = Commitment
			.weekly(Commitment.Kind.DIALYSIS, Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
					LocalTime.of(6, 0), LocalTime.of(10, 0), 120)
			.at(new Place("Riverside Dialysis Unit", new Coordinates(39.9612, -82.9988)));
		assertThat(this.commitments.of(robin)).containsExactly(dialysis);
		assertThat(auditedChanges("needs-nia")).contains("commitments: added dialysis 06:00–10:00 + 2 h recovery");

		nia.postFields(path + "commitments", "kind", "WORK", "dates", "2026-12-02\n2026-12-09", "start", "22:00", "end",
				"06:00");
		String form = nia.get(path + "needs?edit=0").body();
		assertThat(form).contains("Change commitment 1").containsPattern("value=\"MON\"[^>]*checked");
		String was = fingerprintIn(form);

		nia.postFields(path + "commitments", "position", "0", "was", was, "kind", "DIALYSIS", "days", "TUE", "days",
				"THU", "days", "SAT", "start", "06:00", "end", "10:30", "bufferAfterMinutes", "90");
		assertThat(this.commitments.of(robin)).extracting(Commitment::describe)
			.containsExactly("dialysis 06:00–10:30 + 1 h 30 min recovery", "work 22:00–06:00");

		PageClient.Response stale = nia.postFields(path + "commitments/remove", "position", "0", "was", was);
		assertThat(text(stale)).contains("Nothing was removed. The person's commitments changed since");
		assertThat(this.commitments.of(robin)).hasSize(2);

		assertThat(auditedChanges("needs-nia")).as("a refused removal is no change")
			.doesNotContain("commitments: removed number 1");
		PageClient.Response staleChange = nia.postFields(path + "commitments", "position", "0", "was", was, "kind",
				"DIALYSIS", "days", "MON", "start", "07:00", "end", "11:00");
		assertThat(text(staleChange)).contains("Nothing was saved. The person's commitments changed since");
		assertThat(auditedChanges("needs-nia")).noneMatch(d -> d.startsWith("commitments: changed dialysis 07:00"));

		String current = fingerprintIn(nia.get(path + "needs?edit=0").body());
		nia.postFields(path + "commitments/remove", "position", "0", "was", current);
		assertThat(auditedChanges("needs-nia")).contains("commitments: removed number 1");
		assertThat(this.commitments.of(robin)).extracting(Commitment::describe).containsExactly("work 22:00–06:00");
		assertThat(this.commitments.of(robin).get(0).dates()).containsExactly(LocalDate.of(2026, 12, 2),
				LocalDate.of(2026, 12, 9));
	}

	@Test
	void aWrongFieldIsNamedWithItsLineAndNothingOfTheCommitmentIsSaved() {
		PatientId rory = anotherPerson("needs-3", "Rory");
		PageClient nia = signedIn("needs-nia");
		String path = "/patients/" + rory.value() + "/schedule/commitments";

		PageClient.Response badDate = nia.postFields(path, "kind", "WORK", "dates", "2026-12-01\n2026-13-01", "start",
				"07:00", "end", "19:00");
		PageClient.Response sameTimes = nia.postFields(path, "kind", "WORK", "days", "TUE", "start", "07:00", "end",
				"07:00");
		PageClient.Response noDays = nia.postFields(path, "kind", "SCHOOL", "start", "08:00", "end", "15:00");
		PageClient.Response halfAPlace = nia.postFields(path, "kind", "CAREGIVING", "days", "SUN", "start", "09:00",
				"end", "12:00", "latitude", "39.9", "longitude", "west");

		assertThat(text(badDate)).contains("Nothing was saved. Dates, line 2: '2026-13-01' is not a date (yyyy-mm-dd)")
			.containsPattern("name=\"dates\"[^>]*aria-invalid=\"true\"")
			.contains("2026-12-01\n2026-13-01");
		assertThat(text(sameTimes)).contains("Nothing was saved. A commitment's end (07:00) must differ from its start")
			.containsPattern("name=\"end\"[^>]*aria-invalid=\"true\"");
		assertThat(text(noDays)).contains("A commitment needs weekdays (\"days\") or dates (\"dates\")");
		assertThat(text(halfAPlace)).contains("Place, longitude: 'west' is not a number")
			.containsPattern("name=\"longitude\"[^>]*aria-invalid=\"true\"");
		assertThat(this.commitments.of(rory)).isEmpty();
		assertThat(auditedChanges("needs-nia")).noneMatch(d -> d.startsWith("commitments: added work")
				|| d.startsWith("commitments: added school") || d.startsWith("commitments: added caregiving"));
	}

	@Test
	void howThePersonTravelsIsSavedFromThePageKeepingTheirClinicLanguage() {
		PatientId remy = anotherPerson("needs-4", "Remy");
		PageClient nia = signedIn("needs-nia");
		String path = "/patients/" + remy.value() + "/schedule/";
		nia.post(path + "language", Map.of("language", "es"));

		PageClient.Response noHours = nia.postFields(path + "travel", "mode", "RIDE", "rideLeadHours", "48");
		assertThat(noHours.body()).contains("Nothing was saved. A ride program needs its hours")
			.containsPattern("name=\"rideStarts\"[^>]*aria-invalid=\"true\"");
		assertThat(this.commitments.travelOf(remy).orElseThrow().transport()).isEqualTo(Transport.UNRESTRICTED);

		PageClient.Response saved = nia.postFields(path + "travel", "mode", "RIDE", "rideLeadHours", "48", "rideStarts",
				"08:00", "rideEnds", "17:00", "maxTripMinutes", "45", "homeLatitude", "39.95", "homeLongitude",
				"-83.01", "evenings", "true");

		assertThat(saved.body()).contains("Saved how the person travels.")
			.contains("Needs a ride (48 h notice, 08:00–17:00); trips up to 45 min; home given.");
		TravelAndPreferences travel = this.commitments.travelOf(remy).orElseThrow();
		assertThat(travel.transport()).isEqualTo(new Transport(true, 48, LocalTime.of(8, 0), LocalTime.of(17, 0),
				Set.of(), false, 45, new Coordinates(39.95, -83.01)));
		assertThat(travel.preferences()).isEqualTo(new Preferences(true, false, false, "es", false));
		assertThat(auditedChanges("needs-nia")).contains("travel and preferences: ride, home given");
	}

	@Test
	void aRideProgramsNoticeInBusinessDaysIsSavedFromThePageWithItsCutOff() {
		PatientId rosa = anotherPerson("needs-5", "Rosa");
		PageClient nia = signedIn("needs-nia");
		String path = "/patients/" + rosa.value() + "/schedule/";

		PageClient.Response noCutOff = nia.postFields(path + "travel", "mode", "RIDE", "rideLeadHours", "",
				"rideNoticeBusinessDays", "2", "rideStarts", "08:00", "rideEnds", "17:00");
		assertThat(text(noCutOff)).contains("Nothing was saved. A notice in business days needs the time")
			.containsPattern("name=\"rideNoticeCutoff\"[^>]*aria-invalid=\"true\"");
		PageClient.Response both = nia.postFields(path + "travel", "mode", "RIDE", "rideLeadHours", "48",
				"rideNoticeBusinessDays", "2", "rideNoticeCutoff", "17:00", "rideStarts", "08:00", "rideEnds", "17:00");
		assertThat(text(both))
			.contains("Nothing was saved. A ride program's notice is in hours (48) or in business days (2), not both")
			.containsPattern("name=\"rideNoticeBusinessDays\"[^>]*aria-invalid=\"true\"");
		assertThat(this.commitments.travelOf(rosa)).isEmpty();

		PageClient.Response saved = nia.postFields(path + "travel", "mode", "RIDE", "rideLeadHours", "0",
				"rideNoticeBusinessDays", "2", "rideNoticeCutoff", "17:00", "rideStarts", "08:00", "rideEnds", "17:00");

		assertThat(text(saved)).contains("Saved how the person travels.")
			.contains("Needs a ride (08:00–17:00; 2 business days' notice, by 17:00)")
			.containsPattern("name=\"rideNoticeCutoff\"[^>]*value=\"17:00\"");
		assertThat(this.commitments.travelOf(rosa).orElseThrow().transport()).isEqualTo(new Transport(true, 0, 2,
				LocalTime.of(17, 0), LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of(), false, null, null));
	}

	private List<String> auditedChanges(String user) {
		return this.jdbc
			.sql("select detail from audit_event where username = ? and action = 'UPDATE' and outcome = 'SUCCESS'")
			.param(user)
			.query(String.class)
			.list();
	}

	private PageClient signedIn(String user) {
		PageClient page = new PageClient(this.port, "127.0.46.2");
		page.signIn(user, PASSWORD);
		page.getPage("/today");
		return page;
	}

}
