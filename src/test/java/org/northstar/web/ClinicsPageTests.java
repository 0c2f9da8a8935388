package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.scheduling.Choreographer;
import org.northstar.scheduling.Clinics;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.Proposal;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.ScheduleRequest;
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
 * The clinics page (issue 17): a supervisor enters a location and a provider with its
 * weekly hours, closures and visit types; proposals read what was entered; a wrong field
 * is named and nothing of the save is kept; only supervisors and administrators keep it.
 */
class ClinicsPageTests extends NorthstarTest {

	static final String PASSWORD = "clinics-page-password-2026";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Clinics clinics;

	@Autowired
	Choreographer choreographer;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void aSupervisorAndACoordinator() {
		if (this.accounts.find("clinic-sue").isEmpty()) {
			this.accounts.create("clinic-sue", "Sue Supervisor", PASSWORD, Set.of(Role.SUPERVISOR), null);
			this.accounts.create("clinic-cody", "Cody Coordinator", PASSWORD, Set.of(Role.COORDINATOR), null);
		}
	}

	@Test
	void aProviderEnteredOnThePageIsWhatProposalsUse() {
		PageClient sue = signedIn("clinic-sue");
		assertThat(sue.getPage("/clinics/locations/new").status()).isEqualTo(200);
		PageClient.Response location = sue.post("/clinics/locations", Map.of("changing", "false", "id", "clinics-north",
				"name", "North Hearing Center", "address", "9 North Road", "latitude", "39.99", "longitude", "-82.98"));
		assertThat(location.redirectsTo("/clinics")).as(location.body()).isTrue();
		assertThat(sue.getPage("/clinics/providers/new").status()).isEqualTo(200);

		PageClient.Response saved = sue.post("/clinics/providers",
				provider(Map.of("hours-WED", "14:00–16:00", "hours-SAT", "09:00-09:30", "closures",
						nextWednesday() + " Staff training", "visitTypes", "audiology-clinics: 45")));

		assertThat(saved.redirectsTo("/clinics")).as(saved.body()).isTrue();
		Provider entered = this.clinics.provider("audiology-clinics").orElseThrow();
		assertThat(entered.hoursOn(DayOfWeek.WEDNESDAY)).isEqualTo("Wed 14:00–16:00");
		assertThat(entered.minutesFor("audiology-clinics")).contains(45);
		assertThat(sue.getPage("/clinics").body()).contains("North Hearing Center", "Wed 14:00–16:00",
				"Sat 09:00–09:30", "Staff training");
		assertThat(this.jdbc.sql("select detail from audit_event where username = 'clinic-sue' and action = 'CREATE'")
			.query(String.class)
			.list()).anySatisfy(d -> assertThat(d).contains("provider audiology-clinics", "Wed 14:00–16:00"))
			.anySatisfy(d -> assertThat(d).contains("location clinics-north"));

		// The first Wednesday is closed, Saturdays' hour is too short for 45 min: the
		// proposal lands on the second Wednesday's session.
		LocalDate wednesday = nextWednesday();
		Proposal proposal = this.choreographer.propose(aPerson(),
				new ScheduleRequest(List
					.of(new NeededVisit("audiology-clinics", null, null, wednesday, wednesday.plusDays(7), null)),
						List.of(), null, 0, 2000L));
		assertThat(proposal.unplaced()).isEmpty();
		assertThat(proposal.visits()).singleElement().satisfies(v -> {
			assertThat(v.start().toLocalDate()).isEqualTo(wednesday.plusDays(7));
			assertThat(v.start().toLocalTime()).isBetween(LocalTime.of(14, 0), LocalTime.of(15, 15));
			assertThat(v.end().toLocalTime()).isEqualTo(v.start().toLocalTime().plusMinutes(45));
			assertThat(v.provider().id()).isEqualTo("audiology-clinics");
		});
	}

	@Test
	void aWrongFieldIsNamedAndNothingOfTheSaveIsKept() {
		PageClient sue = signedIn("clinic-sue");
		sue.post("/clinics/locations", Map.of("changing", "false", "id", "clinics-south", "name", "South Clinic",
				"latitude", "39.90", "longitude", "-82.90"));
		Map<String, String> good = new HashMap<>(provider(Map.of("hours-MON", "08:00–12:00")));
		good.put("id", "clinics-kept");
		good.put("location", "clinics-south");
		good.put("specialty", "clinics-kept");
		assertThat(sue.post("/clinics/providers", good).redirectsTo("/clinics")).isTrue();

		Map<String, String> changed = new HashMap<>(good);
		changed.put("existing", "clinics-kept");
		changed.put("hours-MON", "08:00–18:00");
		changed.put("hours-TUE", "08:00–12:00, 11:00–13:00");
		PageClient.Response refused = sue.post("/clinics/providers", changed);

		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body())
			.contains("Nothing was saved. Tuesday: the sessions 08:00–12:00 and 11:00–13:00 overlap")
			.containsPattern("id=\"p-hours-TUE\"[^>]*aria-invalid=\"true\"")
			.contains("value=\"08:00–18:00\"");
		assertThat(this.clinics.provider("clinics-kept").orElseThrow().hoursOn(DayOfWeek.MONDAY))
			.isEqualTo("Mon 08:00–12:00");

		Map<String, String> badLatitude = Map.of("changing", "false", "id", "clinics-nowhere", "name", "Nowhere",
				"latitude", "95", "longitude", "-82.9");
		assertThat(sue.post("/clinics/locations", badLatitude).body())
			.contains("Nothing was saved. The latitude 95 is outside -90 to 90");
		assertThat(this.clinics.locations()).doesNotContainKey("clinics-nowhere");

		Map<String, String> taken = new HashMap<>(good);
		taken.put("name", "Someone else");
		assertThat(sue.post("/clinics/providers", taken).body()).contains("There is already a provider clinics-kept");
		assertThat(this.clinics.provider("clinics-kept").orElseThrow().name()).isEqualTo("Dr Hear");
	}

	@Test
	void onlySupervisorsAndAdministratorsKeepTheClinics() {
		PageClient cody = signedIn("clinic-cody");
		assertThat(cody.getPage("/clinics").status()).isEqualTo(403);
		assertThat(cody.getPage("/clinics/providers/new").status()).isEqualTo(403);
		PageClient sue = signedIn("clinic-sue");
		sue.post("/clinics/locations", Map.of("changing", "false", "id", "clinics-east", "name", "East Clinic",
				"latitude", "39.95", "longitude", "-82.85"));
		Map<String, String> attempt = new HashMap<>(provider(Map.of("hours-MON", "08:00–12:00")));
		attempt.put("id", "clinics-cody");
		attempt.put("location", "clinics-east");
		attempt.put("specialty", "clinics-refused");

		assertThat(cody.post("/clinics/providers", attempt).status()).isEqualTo(403);
		assertThat(cody
			.post("/clinics/locations",
					Map.of("changing", "true", "id", "clinics-east", "name", "Renamed", "latitude", "39.95",
							"longitude", "-82.85"))
			.status()).isEqualTo(403);
		assertThat(this.clinics.provider("clinics-cody")).isEmpty();
		assertThat(this.clinics.locations().get("clinics-east").name()).isEqualTo("East Clinic");
		assertThat(sue.getPage("/clinics").body()).contains("East Clinic");
	}

	private Map<String, String> provider(Map<String, String> fields) {
		Map<String, String> form = new HashMap<>(
				Map.of("existing", "", "id", "audiology-clinics", "name", "Dr Hear", "specialty", "audiology-clinics",
						"location", "clinics-north", "languages", "en, es", "closures", "", "visitTypes", ""));
		form.putAll(fields);
		return form;
	}

	private static LocalDate nextWednesday() {
		return LocalDate.now(ZoneId.of(PRACTICE_ZONE)).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
	}

	private PatientId aPerson() {
		this.fhirImport.importBundle(PERSON.getBytes(StandardCharsets.UTF_8), "clinics-page", "test");
		return new PatientId(new RecordKey("clinics-page", "Patient", "odalys-1").id());
	}

	private PageClient signedIn(String user) {
		PageClient page = new PageClient(this.port, "127.0.46.1");
		page.signIn(user, PASSWORD);
		// A page with a form, for the signed-in session's CSRF token.
		page.getPage("/today");
		return page;
	}

	private static final String PERSON = """
			{"resourceType": "Bundle", "type": "collection", "entry": [
			 {"fullUrl": "urn:uuid:5c4e0000-0000-4000-8000-00000000c117", "resource": {
			   "resourceType": "Patient", "id": "odalys-1", "name": [{"family": "Verhoeven", "given": ["Odalys"]}],
			   "birthDate": "1949-03-02", "gender": "female"}}
			]}
			""";

}
