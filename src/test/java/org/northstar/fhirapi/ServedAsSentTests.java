package org.northstar.fhirapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.ApiScope;
import org.northstar.shared.RecordKey;
import org.northstar.support.Integrations;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the API serves is what the source sent, and what it is sent is taken as a file
 * import takes it: decimals with their precision, references left alone unless their
 * target is held, bundle entry requests honoured or refused, never misread.
 */
class ServedAsSentTests extends NorthstarTest {

	private static final ObjectMapper JSON = SyntheaPopulation.JSON;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	MllpListener listener;

	FhirFixture fixture;

	IGenericClient admin;

	String token;

	@BeforeEach
	void world() {
		this.fixture = FhirFixture.get(this.context, this.port);
		this.admin = this.fixture.client("admin", ApiScope.SYSTEM_READ, ApiScope.USER_WRITE);
		this.token = this.fixture.token("admin", ApiScope.SYSTEM_READ, ApiScope.USER_WRITE);
	}

	private static final String DECIMALS = """
			{"resourceType":"Observation","id":"dec-obs","status":"final","code":{"text":"creatinine"},
			 "subject":{"reference":"Patient/dec-pat"},"valueQuantity":{"value":0.40,"unit":"mg/dL"},
			 "component":[{"code":{"text":"a"},"valueQuantity":{"value":20.00}},
			              {"code":{"text":"b"},"valueQuantity":{"value":1234567890123456789.0123456789}}]}""";

	@Test
	void servesDecimalsWithThePrecisionTheyWereSentWith(@TempDir Path dir) throws Exception {
		String bundle = transaction("decimals-api",
				entry("Patient", "dec-pat", "{\"resourceType\":\"Patient\",\"id\":\"dec-pat\"}"),
				entry("Observation", "dec-obs", DECIMALS));
		assertThat(post(bundle).statusCode()).isEqualTo(200);
		Files.writeString(dir.resolve("decimals.json"), bundle);
		this.fhirImport.importFiles(List.of(dir), "decimals-file", 1, ImportListener.NONE);

		for (String source : List.of("decimals-api", "decimals-file")) {
			UUID id = new RecordKey(source, "Observation", "dec-obs").id();
			JsonNode served = JSON.readTree(get("/fhir/Observation/" + id).body());
			assertThat(served.path("valueQuantity").path("value").decimalValue().toString()).isEqualTo("0.40");
			assertThat(served.path("component").path(0).path("valueQuantity").path("value").decimalValue().toString())
				.isEqualTo("20.00");
			assertThat(served.path("component").path(1).path("valueQuantity").path("value").decimalValue().toString())
				.isEqualTo("1234567890123456789.0123456789");
			Observation read = this.admin.read().resource(Observation.class).withId(id.toString()).execute();
			assertThat(read.getValueQuantity().getValueElement().getValueAsString()).isEqualTo("0.40");
		}
	}

	@Test
	void rewritesAReferenceOnlyWhenItsTargetIsHeld() throws Exception {
		String bundle = transaction("references-api",
				entry("Patient", "ref-pat", "{\"resourceType\":\"Patient\",\"id\":\"ref-pat\"}"),
				entry("Organization", "ref-org",
						"{\"resourceType\":\"Organization\",\"id\":\"ref-org\",\"name\":\"Clinic\"}"),
				entry("Coverage", "ref-cov",
						"""
								{"resourceType":"Coverage","id":"ref-cov","status":"active","beneficiary":{"reference":"Patient/ref-pat"},
								 "payor":[{"reference":"http://benefitsinc.com/FHIR/Organization/CBI35"},{"reference":"Organization/ref-org"}]}"""),
				entry("Observation", "ref-obs",
						"""
								{"resourceType":"Observation","id":"ref-obs","status":"final","code":{"text":"pulse"},
								 "subject":{"reference":"Patient/ref-pat"},"performer":[{"reference":"Practitioner/never-sent"}]}"""));
		assertThat(post(bundle).statusCode()).isEqualTo(200);

		JsonNode coverage = JSON
			.readTree(get("/fhir/Coverage/" + new RecordKey("references-api", "Coverage", "ref-cov").id()).body());
		JsonNode observation = JSON.readTree(
				get("/fhir/Observation/" + new RecordKey("references-api", "Observation", "ref-obs").id()).body());

		assertThat(coverage.path("payor").path(0).path("reference").asText())
			.isEqualTo("http://benefitsinc.com/FHIR/Organization/CBI35");
		assertThat(observation.path("performer").path(0).path("reference").asText())
			.isEqualTo("Practitioner/never-sent");
		String organization = coverage.path("payor").path(1).path("reference").asText();
		String patient = observation.path("subject").path("reference").asText();
		assertThat(organization)
			.isEqualTo("Organization/" + new RecordKey("references-api", "Organization", "ref-org").id());
		assertThat(patient).isEqualTo("Patient/" + new RecordKey("references-api", "Patient", "ref-pat").id());
		assertThat(get("/fhir/" + organization).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/" + patient).statusCode()).isEqualTo(200);
	}

	@Test
	void servesTheFeedsEncounterWithASubjectThatResolves() {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(Adt.anAdmit()
				.from("EPIC", "SUBJECTHOSP")
				.forPatient("MRN-SUBJECT-1")
				.named("Adeyemi", "Folake")
				.visit("V-SUBJECT-1")
				.admittedAt("20260115081500")
				.build())).contains("MSA|AA");
		}

		Bundle found = this.admin.search()
			.forResource(Encounter.class)
			.where(new TokenClientParam("identifier").exactly()
				.systemAndCode("hl7:SUBJECTHOSP/visit-number", "V-SUBJECT-1"))
			.include(Encounter.INCLUDE_PATIENT)
			.returnBundle(Bundle.class)
			.execute();

		Encounter encounter = (Encounter) found.getEntry().get(0).getResource();
		String subject = encounter.getSubject().getReference();
		assertThat(found.getEntry())
			.extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
			.contains(subject);
		Patient patient = this.admin.read().resource(Patient.class).withId(new IdType(subject).getIdPart()).execute();
		assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Adeyemi");
	}

	@Test
	void aStoredResourceThatIsNotValidR4NeverFailsASearchForTheRest() throws Exception {
		String bundle = transaction("stored-invalid", entry("Patient", "inv-pat", """
				{"resourceType":"Patient","id":"inv-pat","name":[{"family":"Quarantino","given":["Rex"]}],
				 "telecom":[{"system":"phone","value":"555-0100","use":"home"}]}"""),
				entry("Observation", "inv-obs", """
						{"resourceType":"Observation","id":"inv-obs","status":"final","code":{"text":"pulse"},
						 "subject":{"reference":"Patient/inv-pat"}}"""), entry("Observation", "inv-obs-2", """
						{"resourceType":"Observation","id":"inv-obs-2","status":"final","code":{"text":"weight"},
						 "subject":{"reference":"Patient/inv-pat"}}"""));
		assertThat(post(bundle).statusCode()).isEqualTo(200);
		UUID patient = new RecordKey("stored-invalid", "Patient", "inv-pat").id();
		UUID unreadable = new RecordKey("stored-invalid", "Observation", "inv-obs").id();
		// As an import before validation existed would have stored them.
		this.jdbc.sql("""
				update source_resource set content = jsonb_set(content, '{telecom,0,use}', '"HOME"') where id = ?
				""").param(patient).update();
		this.jdbc
			.sql("update source_resource set content = jsonb_set(content, '{contained}', '[{\"id\": \"x\"}]')"
					+ " where id = ?")
			.param(unreadable)
			.update();

		HttpResponse<String> byFamily = get("/fhir/Patient?family=Quarantino");
		List<HttpResponse<String>> all = everyPage("/fhir/Patient?_count=500");
		HttpResponse<String> everything = get("/fhir/Patient/" + patient + "/$everything");
		HttpResponse<String> observations = get("/fhir/Observation?patient=" + patient);

		assertThat(all).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
		assertThat(List.of(byFamily, everything, observations))
			.allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
		assertThat(JSON.readTree(byFamily.body())
			.path("entry")
			.path(0)
			.path("resource")
			.path("telecom")
			.path(0)
			.path("use")
			.asText()).isEqualTo("HOME");
		assertThat(all).anySatisfy(page -> assertThat(page.body()).contains("Quarantino"));
		JsonNode entries = JSON.readTree(observations.body()).path("entry");
		assertThat(entries).hasSize(2);
		assertThat(entries).anySatisfy(e -> {
			assertThat(e.path("resource").path("resourceType").asText()).isEqualTo("OperationOutcome");
			assertThat(e.path("search").path("mode").asText()).isEqualTo("outcome");
			assertThat(e.path("resource").path("issue").path(0).path("diagnostics").asText())
				.contains("Observation/" + unreadable, "cannot be read as FHIR R4");
		});
		assertThat(entries)
			.anySatisfy(e -> assertThat(e.path("resource").path("code").path("text").asText()).isEqualTo("weight"));
		assertThatThrownBy(() -> this.admin.read().resource(Observation.class).withId(unreadable.toString()).execute())
			.isInstanceOf(InternalErrorException.class)
			.hasMessageContaining("cannot be read as FHIR R4");
	}

	@Test
	void refusesAnInvalidCodeInAPostedBundleNamingTheEntryAndTheElement() throws Exception {
		HttpResponse<String> response = post(transaction("invalid-api",
				entry("Patient", "ok-pat", "{\"resourceType\":\"Patient\",\"id\":\"ok-pat\"}"),
				entry("Patient", "home-pat",
						"""
								{"resourceType":"Patient","id":"home-pat","telecom":[{"system":"phone","value":"1","use":"HOME"}]}""")));

		assertThat(response.statusCode()).isEqualTo(422);
		OperationOutcome outcome = FhirFixture.FHIR.newJsonParser()
			.parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(
				"entry 1 (urn:uuid:home-pat): Patient.telecom[0].use 'HOME' is not valid: Unknown ContactPointUse code 'HOME'");
		assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1]");
		assertThat(this.jdbc.sql("select count(*) from source_resource where source = 'invalid-api'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void takesABundleThatStartsWithAByteOrderMark() throws Exception {
		byte[] json = transaction("bom-api",
				entry("Patient", "bom-pat", "{\"resourceType\":\"Patient\",\"id\":\"bom-pat\"}"))
			.getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[json.length + 3];
		body[0] = (byte) 0xEF;
		body[1] = (byte) 0xBB;
		body[2] = (byte) 0xBF;
		System.arraycopy(json, 0, body, 3, json.length);

		assertThat(post(body).statusCode()).isEqualTo(200);
		assertThat(get("/fhir/Patient/" + new RecordKey("bom-api", "Patient", "bom-pat").id()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void updatesConditionallyTheOnePatientItMatches() throws Exception {
		String put = """
				{"resourceType":"Bundle","type":"transaction","meta":{"source":"conditional-api"},"entry":[
				 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"CU-1"}],
				  "name":[{"family":"%s"}]},"request":{"method":"PUT","url":"Patient?identifier=urn:test:mrn|CU-1"}}]}""";

		JsonNode first = JSON.readTree(post(put.formatted(UUID.randomUUID(), "Before")).body());
		JsonNode second = JSON.readTree(post(put.formatted(UUID.randomUUID(), "After")).body());

		assertThat(first.path("entry").path(0).path("response").path("status").asText()).isEqualTo("201 Created");
		assertThat(second.path("entry").path(0).path("response").path("status").asText()).isEqualTo("200 OK");
		String location = second.path("entry").path(0).path("response").path("location").asText();
		assertThat(location).isEqualTo(first.path("entry").path(0).path("response").path("location").asText());
		Bundle patients = this.admin.search()
			.forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:mrn", "CU-1"))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(patients.getEntry()).hasSize(1);
		assertThat(((Patient) patients.getEntryFirstRep().getResource()).getNameFirstRep().getFamily())
			.isEqualTo("After");
	}

	@Test
	void answersTheGetEntriesOfABatch() throws Exception {
		String patient = this.fixture.onCaseload().toString();
		String batch = """
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"request":{"method":"GET","url":"Patient/%s"}},
				 {"request":{"method":"GET","url":"Condition?patient=%s&_count=2"}},
				 {"request":{"method":"GET","url":"Patient/00000000-0000-0000-0000-000000000000"}}]}"""
			.formatted(patient, patient);

		HttpResponse<String> response = post(batch);

		assertThat(response.statusCode()).isEqualTo(200);
		Bundle answer = FhirFixture.FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
		assertThat(answer.getEntry()).hasSize(3);
		assertThat(answer.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
		assertThat(answer.getEntry().get(0).getResource().getIdElement().getIdPart()).isEqualTo(patient);
		assertThat(answer.getEntry().get(1).getResponse().getStatus()).isEqualTo("200 OK");
		Bundle conditions = (Bundle) answer.getEntry().get(1).getResource();
		assertThat(conditions.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		assertThat(conditions.getEntry()).hasSize(2);
		assertThat(answer.getEntry().get(2).getResponse().getStatus()).isEqualTo("404 Not Found");
		assertThat(answer.getEntry().get(2).getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
	}

	@Test
	void refusesAPatchEntryWith422InsteadOfStoringTheBinary() throws Exception {
		HttpResponse<String> response = post(transaction("patch-api",
				entry("Patient", "patch-pat", "{\"resourceType\":\"Patient\",\"id\":\"patch-pat\"}"), """
						{"resource":{"resourceType":"Binary","contentType":"application/json-patch+json",
						 "data":"W3sib3AiOiJyZXBsYWNlIiwicGF0aCI6Ii9nZW5kZXIiLCJ2YWx1ZSI6Im1hbGUifV0="},
						 "request":{"method":"PATCH","url":"Patient/patch-pat"}}"""));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("entry 1: is a PATCH of Patient/patch-pat (JSON Patch)");
		assertThat(this.jdbc.sql("select count(*) from source_resource where source = 'patch-api'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void answersEverythingOfAPatientWithoutFailing() {
		// Guards the include path of $everything with the rewritten references.
		Bundle everything = this.admin.operation()
			.onInstance(new IdType("Patient", this.fixture.onCaseload().toString()))
			.named("$everything")
			.withParameters(new Parameters())
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();
		assertThat(everything.getEntry()).isNotEmpty();
	}

	private static final Pattern META_SOURCE = Pattern.compile("\"meta\":\\{\"source\":\"([^\"]+)\"");

	static String transaction(String source, String... entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"meta\":{\"source\":\"" + source
				+ "\"},\"entry\":[" + String.join(",", entries) + "]}";
	}

	static String entry(String type, String id, String resource) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":" + resource
				+ ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
	}

	private HttpResponse<String> post(String body) throws Exception {
		return post(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Posts as the system the bundle says it comes from, if it says: what it writes is
	 * kept under that system's account's source.
	 */
	private HttpResponse<String> post(byte[] body) throws Exception {
		Matcher source = META_SOURCE.matcher(new String(body, StandardCharsets.UTF_8));
		String token = source.find() ? Integrations.token(this.context, source.group(1)) : this.token;
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fixture.base()))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A search and every page after it, followed by its {@code next} links. */
	private List<HttpResponse<String>> everyPage(String path) throws Exception {
		List<HttpResponse<String>> pages = new java.util.ArrayList<>();
		String next = path;
		while (next != null) {
			HttpResponse<String> page = get(next);
			pages.add(page);
			next = null;
			for (JsonNode link : JSON.readTree(page.body()).path("link")) {
				if ("next".equals(link.path("relation").asText())) {
					URI uri = URI.create(link.path("url").asText());
					next = uri.getRawPath() + "?" + uri.getRawQuery();
				}
			}
		}
		return pages;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
