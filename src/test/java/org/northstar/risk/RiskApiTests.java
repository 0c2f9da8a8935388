package org.northstar.risk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /api/patients/{id}/risk} and FHIR {@code RiskAssessment}: the issue's JSON,
 * the same scores as RiskAssessments, and the FHIR API's access rules (a coordinator her
 * people, an administrator's system/*.read token everyone), every read audited.
 */
class RiskApiTests extends NorthstarTest {

	static final String SOURCE = "risk-api";

	static final String COORDINATOR = "risk-coordinator";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	AuditTrail audit;

	StayBundle mine = StayBundle.aPatient(SOURCE, "mine")
		.edVisit("ed", "2026-09-01T15:00:00Z", "2026-09-01T19:00:00Z")
		.condition("dm", StayBundle.SNOMED, "44054006", "2015-01-01T15:00:00Z")
		.stay("old", "2025-01-01T15:00:00Z", "2025-01-03T15:00:00Z", "EL", null)
		.stay("stay", "2026-11-01T15:00:00Z", "2026-11-05T15:00:00Z", "EM", null)
		.result("hb", "718-7", "10.4", "g/dL", "2026-11-05T08:00:00Z", "stay");

	StayBundle notMine = StayBundle.aPatient(SOURCE, "not-mine")
		.stay("stay", "2026-11-01T15:00:00Z", "2026-11-05T15:00:00Z", "EM", null);

	StayBundle noStay = StayBundle.aPatient(SOURCE, "no-stay")
		.edVisit("ed", "2026-09-01T15:00:00Z", "2026-09-01T19:00:00Z");

	@BeforeEach
	void importPatients() {
		if (this.accounts.find(COORDINATOR).isEmpty()) {
			this.accounts.create(COORDINATOR, "Risk Coordinator", "a-long-password-1", Set.of(Role.COORDINATOR), null);
		}
		for (StayBundle p : List.of(this.mine, this.notMine, this.noStay)) {
			this.fhirImport.importBundle(p.json(), SOURCE, "test");
		}
		awaitReactions();
		this.caseloads.assign(this.mine.patient(), COORDINATOR, Relation.COORDINATOR);
		this.caseloads.assign(this.noStay.patient(), COORDINATOR, Relation.COORDINATOR);
	}

	@Test
	void givesTheLatestStaysLaceAndHospitalWithComponentsAndFacts() throws Exception {
		String token = this.tokens.issue(COORDINATOR, "risk tests", Duration.ofHours(1));

		Response response = get(this.mine.patient(), token);

		assertThat(response.status()).isEqualTo(200);
		JsonNode lace = response.json().path("lace");
		assertThat(lace.path("score").asInt()).isEqualTo(4 + 3 + 1 + 1);
		assertThat(lace.path("band").asText()).isEqualTo("moderate");
		assertThat(lace.path("encounter").asText()).isEqualTo("Encounter/" + this.mine.id("Encounter", "stay"));
		assertThat(JSON.writeValueAsString(lace.path("components"))).isEqualTo("{\"L\":4,\"A\":3,\"C\":1,\"E\":1}");
		assertThat(lace.path("complete").asBoolean()).isTrue();
		assertThat(lace.path("facts")).anySatisfy(f -> {
			assertThat(f.path("component").asText()).isEqualTo("C");
			assertThat(f.path("reference").asText()).isEqualTo("Condition/" + this.mine.id("Condition", "dm"));
			assertThat(f.path("weight").asInt()).isEqualTo(1);
			assertThat(f.path("code").asText()).isEqualTo("http://snomed.info/sct|44054006");
		});
		JsonNode hospital = response.json().path("hospital");
		// H 1 (10.4), IT 1, A 0 (the earlier stay is over 12 months before), L 0 (4
		// days); no sodium, no
		// service sent.
		assertThat(hospital.path("score").asInt()).isEqualTo(2);
		assertThat(hospital.path("band").asText()).isEqualTo("low");
		assertThat(hospital.path("complete").asBoolean()).isFalse();
		assertThat(hospital.path("missing")).extracting(JsonNode::asText)
			.containsExactly("O: the stay's service was not sent", "S: no sodium result in the stay");
		assertThat(hospital.path("facts")).anySatisfy(f -> {
			assertThat(f.path("component").asText()).isEqualTo("H");
			assertThat(f.path("value").decimalValue()).isEqualByComparingTo("10.4");
			assertThat(f.path("at").asText()).isEqualTo("2026-11-05T08:00:00Z");
		});

		List<AuditEntry> audited = this.audit.search(new AuditQuery(COORDINATOR, true, Set.of(this.mine.patient()),
				null, false, null, null, "time", true, 0, 5));
		assertThat(audited).anySatisfy(
				e -> assertThat(e.record().detail()).contains("GET /api/patients/" + this.mine.patient() + "/risk"));
	}

	@Test
	void saysNullForAPersonWithoutAnInpatientStay() throws Exception {
		String token = this.tokens.issue(COORDINATOR, "risk tests", Duration.ofHours(1));

		Response response = get(this.noStay.patient(), token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"lace\":null,\"hospital\":null}");
	}

	@Test
	void refusesACoordinatorAnotherCoordinatorsPatientAndLetsASystemReadTokenReadEveryone() throws Exception {
		String coordinator = this.tokens.issue(COORDINATOR, "risk tests", Duration.ofHours(1));
		assertThat(get(this.notMine.patient(), coordinator).status()).isEqualTo(403);
		assertThat(get(this.notMine.patient(), null).status()).isEqualTo(401);

		String system = this.tokens.issue("admin", "risk tests", Duration.ofHours(1), Set.of(ApiScope.SYSTEM_READ));
		Response read = get(this.notMine.patient(), system);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("lace").path("score").asInt()).isEqualTo(4 + 3);

		String noRead = this.tokens.issue("admin", "risk tests", Duration.ofHours(1), Set.of(ApiScope.USER_WRITE));
		assertThat(get(this.notMine.patient(), noRead).status()).isEqualTo(403);
	}

	@Test
	void servesTheScoresAsFhirRiskAssessmentsBySubjectAndById() {
		IGenericClient client = client(this.tokens.issue(COORDINATOR, "risk tests", Duration.ofHours(1)));

		Bundle found = client.search()
			.forResource(RiskAssessment.class)
			.where(RiskAssessment.SUBJECT.hasId("Patient/" + this.mine.patient()))
			.returnBundle(Bundle.class)
			.execute();

		// Both scores of both stays, the latest stay first.
		assertThat(found.getEntry()).hasSize(4);
		RiskAssessment first = (RiskAssessment) found.getEntry().get(0).getResource();
		assertThat(first.getEncounter().getReference()).isEqualTo("Encounter/" + this.mine.id("Encounter", "stay"));
		assertThat(found.getEntry())
			.extracting(e -> ((RiskAssessment) e.getResource()).getMethod().getCodingFirstRep().getCode())
			.containsExactlyInAnyOrder("LACE", "HOSPITAL", "LACE", "HOSPITAL");
		RiskAssessment lace = found.getEntry()
			.stream()
			.map(e -> (RiskAssessment) e.getResource())
			.filter(r -> "LACE".equals(r.getMethod().getCodingFirstRep().getCode())
					&& r.getEncounter().getReference().endsWith(this.mine.id("Encounter", "stay").toString()))
			.findFirst()
			.orElseThrow();
		assertThat(lace.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.FINAL);
		assertThat(lace.getSubject().getReference()).isEqualTo("Patient/" + this.mine.patient());
		assertThat(lace.getPredictionFirstRep().getQualitativeRisk().getCodingFirstRep().getCode())
			.isEqualTo("moderate");
		assertThat(lace.getBasis()).extracting(r -> r.getReference())
			.contains("Condition/" + this.mine.id("Condition", "dm"), "Encounter/" + this.mine.id("Encounter", "ed"));
		assertThat(lace.getNoteFirstRep().getText()).isEqualTo("LACE 9 (L 4, A 3, C 1, E 1), moderate");

		RiskAssessment read = client.read()
			.resource(RiskAssessment.class)
			.withId(lace.getIdElement().getIdPart())
			.execute();
		assertThat(read.getNoteFirstRep().getText()).isEqualTo(lace.getNoteFirstRep().getText());

		assertThatThrownBy(() -> client.search()
			.forResource(RiskAssessment.class)
			.where(RiskAssessment.SUBJECT.hasId("Patient/" + this.notMine.patient()))
			.returnBundle(Bundle.class)
			.execute()).as("refused as if missing").isInstanceOf(ResourceNotFoundException.class);
	}

	private IGenericClient client(String token) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + this.port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return client;
	}

	private Response get(PatientId patient, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/patients/" + patient + "/risk"))
			.GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private record Response(int status, String body) {

		JsonNode json() throws Exception {
			return JSON.readTree(this.body);
		}

	}

}
