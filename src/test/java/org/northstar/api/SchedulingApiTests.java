package org.northstar.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.cli.DemoCaseload;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.Patients;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The scheduling API of issue 17 on the demo's stories: Robert's dialysis as commitments,
 * a check that explains the conflict, a proposal outside dialysis and its recovery,
 * bookings refused on conflict unless overridden with a reason (audited), and refusals
 * that name the field and store nothing.
 */
class SchedulingApiTests extends NorthstarTest {

	static final ZoneId ZONE = ZoneId.of(PRACTICE_ZONE);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Patients patients;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AuditTrail audit;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	PatientId robert;

	String token;

	/** A Monday at least three days ahead, so the ride program's 48 h notice is met. */
	LocalDate monday = LocalDate.now(ZONE).plusDays(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

	@BeforeEach
	void loadTheDemo() {
		DemoCaseload.load(this.context);
		this.robert = demoPatient(this.patients, "RGH00731542");
		this.token = this.tokens.issue("ben", "scheduling tests", Duration.ofHours(1));
	}

	@Test
	void keepsCommitmentsInTheIssuesShape() throws Exception {
		String body = """
				[{"kind": "DIALYSIS", "days": ["MON", "WED", "FRI"], "start": "06:00", "end": "10:00",
				  "bufferAfterMinutes": 120},
				 {"kind": "WORK", "dates": ["2026-12-01", "2026-12-03"], "start": "07:00", "end": "19:00",
				  "address": "12 Foundry Road", "latitude": 39.9612, "longitude": -82.7001}]
				""";

		Response put = send("PUT", "/api/patients/" + this.robert + "/commitments", body);
		Response get = send("GET", "/api/patients/" + this.robert + "/commitments", null);

		assertThat(put.status()).isEqualTo(200);
		assertThat(get.status()).isEqualTo(200);
		JsonNode dialysis = get.json().get(0);
		assertThat(dialysis.path("kind").asText()).isEqualTo("DIALYSIS");
		assertThat(dialysis.path("days").toString()).isEqualTo("[\"MON\",\"WED\",\"FRI\"]");
		assertThat(dialysis.path("start").asText()).isEqualTo("06:00");
		assertThat(dialysis.path("bufferAfterMinutes").asInt()).isEqualTo(120);
		assertThat(get.json().get(1).path("dates").toString()).isEqualTo("[\"2026-12-01\",\"2026-12-03\"]");
		assertThat(get.json().get(1).path("address").asText()).isEqualTo("12 Foundry Road");
		assertThat(get.json().get(1).path("longitude").asDouble()).isEqualTo(-82.7001);
		assertThat(dialysis.path("latitude").isNull()).isTrue();
		DemoCaseload.load(this.context);
	}

	@Test
	void refusesABadCommitmentNamingTheFieldAndKeepsTheOldOnes() throws Exception {
		String before = send("GET", "/api/patients/" + this.robert + "/commitments", null).body();

		Response put = send("PUT", "/api/patients/" + this.robert + "/commitments", """
				[{"kind": "DIALYSIS", "days": ["MON"], "start": "06:00", "end": "10:00"},
				 {"kind": "WORK", "days": ["MON", "FUNDAY"], "start": "07:00", "end": "19:00"}]
				""");

		assertThat(put.status()).isEqualTo(400);
		assertThat(put.json().path("field").asText()).isEqualTo("commitments[1].days[1]");
		assertThat(put.json().path("detail").asText()).contains("'FUNDAY' is not a weekday");
		assertThat(send("GET", "/api/patients/" + this.robert + "/commitments", null).body()).isEqualTo(before);
	}

	@Test
	void refusesACommitmentsAddressWithoutItsCoordinates() throws Exception {
		Response put = send("PUT", "/api/patients/" + this.robert + "/commitments", """
				[{"kind": "WORK", "days": ["TUE"], "start": "07:00", "end": "17:00", "address": "12 Foundry Road"}]
				""");

		assertThat(put.status()).isEqualTo(400);
		assertThat(put.json().path("field").asText()).isEqualTo("commitments[0].latitude");
		assertThat(put.json().path("detail").asText()).contains("needs its latitude and longitude");
	}

	@Test
	void explainsEveryConflictOfAVisitDuringDialysis() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(this.monday, LocalTime.of(9, 30), ZONE);

		Response check = send("POST", "/api/appointments/check", """
				{"patient": "%s", "start": "%s", "end": "%s", "location": "millbrook-heart",
				 "provider": "cardiology-patel"}
				""".formatted(this.robert, start.toOffsetDateTime(), start.plusMinutes(30).toOffsetDateTime()));

		assertThat(check.status()).isEqualTo(200);
		assertThat(check.json().path("conflicts").findValuesAsText("explanation"))
			.contains(Explained.at(start) + " overlaps dialysis 06:00–10:00 + 2 h recovery");
	}

	@Test
	void proposesRobertsCardiologyOutsideDialysisAndItsRecovery() throws Exception {
		Response proposal = send("POST", "/api/patients/" + this.robert + "/schedule-proposals", """
				{"visits": [{"type": "cardiology", "durationMinutes": 30, "earliest": "%s", "latest": "%s",
				  "modes": ["IN_PERSON"]}], "timeLimitSeconds": 1}
				""".formatted(this.monday, this.monday));

		assertThat(proposal.status()).isEqualTo(200);
		JsonNode visit = proposal.json().path("visits").get(0);
		assertThat(visit.path("type").asText()).isEqualTo("cardiology");
		assertThat(visit.path("provider").asText()).isEqualTo("cardiology-patel");
		assertThat(visit.path("location").asText()).isEqualTo("millbrook-heart");
		assertThat(visit.path("mode").asText()).isEqualTo("IN_PERSON");
		OffsetDateTime start = OffsetDateTime.parse(visit.path("start").asText());
		assertThat(start.atZoneSameInstant(ZONE).toLocalTime()).isAfterOrEqualTo(LocalTime.of(12, 0));
		assertThat(OffsetDateTime.parse(visit.path("end").asText())).isEqualTo(start.plusMinutes(30));
		assertThat(proposal.json().path("trips").asInt()).isEqualTo(1);
		assertThat(proposal.json().path("unplaced")).isEmpty();
	}

	@Test
	void explainsAnUnplaceableVisit() throws Exception {
		Response proposal = send("POST", "/api/patients/" + this.robert + "/schedule-proposals", """
				{"visits": [{"type": "dermatology", "earliest": "%s", "latest": "%s"}]}
				""".formatted(this.monday, this.monday.plusDays(7)));

		assertThat(proposal.json().path("unplaced").get(0).path("reason").asText())
			.isEqualTo("No provider offers dermatology; add one, or ask for another type");
	}

	@Test
	void refusesAProposalNamingTheField() throws Exception {
		Response proposal = send("POST", "/api/patients/" + this.robert + "/schedule-proposals", """
				{"visits": [{"type": "cardiology", "earliest": "%s", "latest": "2026-02-30"}]}
				""".formatted(this.monday));

		assertThat(proposal.status()).isEqualTo(400);
		assertThat(proposal.json().path("field").asText()).isEqualTo("visits[0].latest");
	}

	@Test
	void booksAConflictingAppointmentOnlyWithAReasonAndAuditsIt() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(this.monday.plusDays(2), LocalTime.of(11, 0), ZONE);
		String booking = """
				{"type": "cardiology", "provider": "cardiology-patel", "start": "%s", "end": "%s"%s}
				""";

		Response refused = send("POST", "/api/patients/" + this.robert + "/appointments",
				booking.formatted(start.toOffsetDateTime(), start.plusMinutes(30).toOffsetDateTime(), ""));
		Response booked = send("POST", "/api/patients/" + this.robert + "/appointments", booking.formatted(
				start.toOffsetDateTime(), start.plusMinutes(30).toOffsetDateTime(),
				", \"overrideReason\": \"Only slot before his surgery; dialysis unit agreed to an early session\""));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("conflicts").findValuesAsText("kind")).containsExactly("COMMITMENT");
		assertThat(booked.status()).isEqualTo(201);
		assertThat(booked.json().path("appointment").path("overrideReason").asText()).startsWith("Only slot");
		assertThat(booked.json().path("overridden")).hasSize(1);
		List<AuditEntry> audited = this.audit.search(new AuditQuery("ben", true, Set.of(this.robert),
				AuditAction.CREATE, false, null, null, "time", true, 0, 10));
		assertThat(audited).anySatisfy(e -> {
			assertThat(e.record().detail()).contains("booked despite").contains("overlaps dialysis");
			assertThat(e.record().reason()).startsWith("Only slot before his surgery");
		});
		Response listed = send("GET", "/api/patients/" + this.robert + "/appointments", null);
		assertThat(listed.json().findValuesAsText("id"))
			.contains(booked.json().path("appointment").path("id").asText());
	}

	@Test
	void aFailedVideoVisitFallsBackToPhoneOrInPersonWithANewProposal() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(this.monday.plusDays(3), LocalTime.of(9, 0), ZONE);
		Response booked = send("POST", "/api/patients/" + this.robert + "/appointments", """
				{"type": "cardiology", "provider": "cardiology-patel", "start": "%s", "end": "%s", "mode": "TELEHEALTH"}
				""".formatted(start.toOffsetDateTime(), start.plusMinutes(30).toOffsetDateTime()));
		String id = booked.json().path("appointment").path("id").asText();

		Response failed = send("POST", "/api/patients/" + this.robert + "/appointments/" + id + "/video-failed", "");
		Response again = send("POST", "/api/patients/" + this.robert + "/appointments/" + id + "/video-failed", "");

		assertThat(booked.status()).isEqualTo(201);
		assertThat(failed.status()).isEqualTo(200);
		assertThat(failed.json().path("appointment").path("status").asText()).isEqualTo("VIDEO_FAILED");
		JsonNode proposed = failed.json().path("proposal").path("visits");
		assertThat(proposed).hasSize(1);
		assertThat(proposed.get(0).path("mode").asText()).isIn("PHONE", "IN_PERSON");
		assertThat(proposed.get(0).path("provider").asText()).isEqualTo("cardiology-patel");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.json().path("detail").asText()).contains("video_failed, not booked");
	}

	@Test
	void offersNoVideoVisitToAPersonWhoseChecklistIsNotComplete() throws Exception {
		Response put = send("PUT", "/api/patients/" + this.robert + "/telehealth-readiness", """
				{"device": true, "connection": true, "ableToUse": false, "privateSpace": false, "helper": false}
				""");
		Response proposal = send("POST", "/api/patients/" + this.robert + "/schedule-proposals", """
				{"visits": [{"type": "endocrinology", "earliest": "%s", "latest": "%s", "modes": ["TELEHEALTH"]}],
				 "timeLimitSeconds": 1}
				""".formatted(this.monday.plusDays(1), this.monday.plusDays(1)));
		Response ready = send("PUT", "/api/patients/" + this.robert + "/telehealth-readiness", """
				{"device": true, "connection": true, "ableToUse": false, "privateSpace": true, "helper": true}
				""");

		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().path("ready").asBoolean()).isFalse();
		assertThat(put.json().path("missing").toString()).contains("someone able to use it")
			.contains("a private space");
		assertThat(proposal.json().path("visits")).isEmpty();
		assertThat(proposal.json().path("unplaced").get(0).path("reason").asText())
			.contains("are video visits the person is not ready for")
			.contains("no video visit, the person is missing someone able to use it");
		assertThat(ready.json().path("ready").asBoolean()).as("a helper stands in for the person").isTrue();
	}

	@Test
	void servesBookedAppointmentsAsFhir() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(this.monday.plusDays(1), LocalTime.of(14, 0), ZONE);
		Response booked = send("POST", "/api/patients/" + this.robert + "/appointments", """
				{"type": "cardiology", "provider": "cardiology-patel", "start": "%s", "end": "%s"}
				""".formatted(start.toOffsetDateTime(), start.plusMinutes(30).toOffsetDateTime()));
		String id = booked.json().path("appointment").path("id").asText();

		Response read = send("GET", "/fhir/Appointment/" + id, null);
		Response search = send("GET", "/fhir/Appointment?patient=Patient/" + this.robert, null);

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("resourceType").asText()).isEqualTo("Appointment");
		assertThat(read.json().path("status").asText()).isEqualTo("booked");
		assertThat(read.json().path("serviceType").get(0).path("text").asText()).isEqualTo("cardiology");
		assertThat(read.json().path("participant").get(0).path("actor").path("reference").asText())
			.isEqualTo("Patient/" + this.robert);
		assertThat(search.json().path("entry").findValuesAsText("id")).contains(id);
	}

	/**
	 * An imported Appointment names its patient among its participants, not as subject.
	 */
	@Test
	void servesImportedAppointmentsUnderTheirParticipantPatient() throws Exception {
		String source = "appointments-test";
		this.fhirImport.importBundle(aPatient("appt-1").named("Walter", "Okafor").born("1951-03-17").withResource("""
				{"resourceType": "Appointment", "id": "appt-1-noshow", "status": "noshow",
				 "start": "2026-10-05T09:00:00Z", "end": "2026-10-05T09:30:00Z",
				 "participant": [
				   {"actor": {"reference": "Practitioner/dr-lee"}, "status": "accepted"},
				   {"actor": {"reference": "Patient/appt-1"}, "status": "accepted"}]}
				""").json(), source, "test");
		PatientId patient = new PatientId(new RecordKey(source, "Patient", "appt-1").id());
		this.caseloads.assign(patient, "ben", Relation.COORDINATOR);

		Response search = send("GET", "/fhir/Appointment?patient=Patient/" + patient, null);

		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertThat(search.json().path("total").asInt()).as(search.body()).isEqualTo(1);
		assertThat(search.json().path("entry").path(0).path("resource").path("status").asText()).isEqualTo("noshow");
	}

	@Test
	void keepsARideProgramsNoticeInBusinessDaysAndRefusesOneWithoutItsCutOff() throws Exception {
		String source = "ride-notice-test";
		this.fhirImport.importBundle(aPatient("rn-1").named("Rosalind", "Busdayer").born("1948-06-02").json(), source,
				"test");
		PatientId patient = new PatientId(new RecordKey(source, "Patient", "rn-1").id());
		this.caseloads.assign(patient, "ben", Relation.COORDINATOR);
		String path = "/api/patients/" + patient + "/travel";

		Response put = send("PUT", path, """
				{"needsRide": true, "rideNoticeBusinessDays": 2, "rideNoticeCutoff": "17:00",
				 "rideStarts": "07:00", "rideEnds": "18:00"}
				""");

		assertThat(put.status()).isEqualTo(200);
		JsonNode travel = send("GET", path, null).json();
		assertThat(travel.path("rideLeadHours").asInt()).isZero();
		assertThat(travel.path("rideNoticeBusinessDays").asInt()).isEqualTo(2);
		assertThat(travel.path("rideNoticeCutoff").asText()).isEqualTo("17:00");

		Response noCutOff = send("PUT", path, """
				{"needsRide": true, "rideNoticeBusinessDays": 3, "rideStarts": "07:00", "rideEnds": "18:00"}
				""");
		Response badCutOff = send("PUT", path, """
				{"needsRide": true, "rideNoticeBusinessDays": 3, "rideNoticeCutoff": "5pm",
				 "rideStarts": "07:00", "rideEnds": "18:00"}
				""");

		assertThat(noCutOff.status()).isEqualTo(400);
		assertThat(noCutOff.json().path("field").asText()).isEqualTo("rideNoticeCutoff");
		assertThat(badCutOff.status()).isEqualTo(400);
		assertThat(badCutOff.json().path("field").asText()).isEqualTo("rideNoticeCutoff");
		assertThat(badCutOff.json().path("detail").asText()).contains("'5pm' is not a time of day");
		assertThat(send("GET", path, null).json().path("rideNoticeBusinessDays").asInt()).isEqualTo(2);
	}

	@Test
	void refusesAnotherCoordinatorsPatient() throws Exception {
		// A coordinator of her own: demo caseloads move in other tests (assignment,
		// balancing).
		this.accounts.create("sched-other", "Scheduling Test Other", "scheduling-test-password-2026",
				Set.of(Role.COORDINATOR), null);
		String other = this.tokens.issue("sched-other", "scheduling tests", Duration.ofHours(1));

		Response response = send("GET", "/api/patients/" + this.robert + "/commitments", null, other);

		assertThat(response.status()).isEqualTo(403);
	}

	Response send(String method, String path, String body) throws Exception {
		return send(method, path, body, this.token);
	}

	Response send(String method, String path, String body, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	record Response(int status, String body) {

		JsonNode json() throws Exception {
			return JSON.readTree(this.body);
		}

	}

	/** How explanations write a moment. */
	static final class Explained {

		static String at(ZonedDateTime t) {
			return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH).format(t);
		}

	}

	/**
	 * The demo's record with the MRN (other tests may import records with the same one).
	 */
	static PatientId demoPatient(Patients patients, String mrn) {
		List<PatientId> demo = patients.fromSource("demo");
		return patients.findByIdentifier("urn:oid:2.16.840.1.113883.19.5.1", mrn)
			.stream()
			.filter(demo::contains)
			.findFirst()
			.orElseThrow();
	}

}
