package org.northstar.fhirapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.shared.PatientId;
import org.northstar.support.Integrations;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code POST /fhir} driven through HAPI's client, and the refusals of unauthenticated
 * calls.
 */
class FhirTransactionTests extends NorthstarTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	IGenericClient client;

	@BeforeEach
	void client() {
		this.client = FHIR.newRestfulGenericClient(base());
		this.client
			.registerInterceptor(new BearerTokenAuthInterceptor(Integrations.token(this.context, "transaction-test")));
	}

	@Test
	void postsATransactionBundleAndGetsEveryEntryBack() throws IOException {
		Bundle bundle = bundle("transaction-test", "hospitalInformation.json");
		Bundle response = this.client.transaction().withBundle(bundle).execute();

		assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
		assertThat(response.getEntry()).hasSize(bundle.getEntry().size());
		assertThat(response.getEntry())
			.allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));

		Bundle patient = bundle("transaction-test",
				SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).get(0).getFileName().toString());
		this.client.transaction().withBundle(bundle("transaction-test", "practitionerInformation.json")).execute();
		Bundle patientResponse = this.client.transaction().withBundle(patient).execute();
		assertThat(patientResponse.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		assertThat(patientResponse.getEntry().get(0).getResponse().getLocation()).startsWith("Patient/");
		String patientId = patientResponse.getEntry().get(0).getResponse().getLocation().substring("Patient/".length());
		assertThat(this.audit.search(new AuditQuery(Integrations.username("transaction-test"),
				new PatientId(UUID.fromString(patientId)), null, null, "time", true, 10)))
			.anySatisfy(e -> {
				assertThat(e.record().action()).isEqualTo(AuditAction.CREATE);
				assertThat(e.record().detail()).startsWith("POST /fhir transaction");
			});

		// Posting it again creates nothing.
		Bundle again = this.client.transaction().withBundle(patient).execute();
		assertThat(again.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("200 OK"));
		assertThat(this.jdbc.sql("select count(*) from source_resource where source = 'transaction-test'")
			.query(Integer.class)
			.single())
			.isEqualTo(bundle.getEntry().size() + patient.getEntry().size()
					+ bundle("transaction-test", "practitionerInformation.json").getEntry().size());
	}

	@Test
	void refusesABundleWithABadEntryAndKeepsNoneOfIt() {
		Bundle bundle = FHIR.newJsonParser()
			.parseResource(Bundle.class,
					"""
							{"resourceType":"Bundle","type":"transaction","meta":{"source":"refused-test"},"entry":[
							 {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1"},"request":{"method":"POST","url":"Patient"}},
							 {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Observation","id":"o1","status":"final",
							  "code":{"text":"pulse"},"subject":{"reference":"urn:uuid:missing"}},"request":{"method":"POST","url":"Observation"}}]}
							""");

		IGenericClient refused = FHIR.newRestfulGenericClient(base());
		refused.registerInterceptor(new BearerTokenAuthInterceptor(Integrations.token(this.context, "refused-test")));

		assertThatThrownBy(() -> refused.transaction().withBundle(bundle).execute())
			.isInstanceOfSatisfying(UnprocessableEntityException.class, ex -> {
				OperationOutcome outcome = (OperationOutcome) ex.getOperationOutcome();
				assertThat(outcome.getIssueFirstRep().getDiagnostics())
					.contains("entry 1 (urn:uuid:o1): subject refers to urn:uuid:missing");
				assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1]");
			});
		assertThat(this.jdbc.sql("select count(*) from source_resource where source = 'refused-test'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void refusesRequestsWithoutAValidTokenWithAnOperationOutcome() throws Exception {
		HttpResponse<String> anonymous = get("/fhir/Patient", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, anonymous.body());
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);

		HttpResponse<String> badToken = get("/fhir/Patient", "ns_not-a-real-token");
		assertThat(badToken.statusCode()).isEqualTo(401);
		assertThat(badToken.body()).contains("unknown, expired");

		HttpResponse<String> post = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base()))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(401);

		assertThat(get("/api/anything", null).statusCode()).isEqualTo(401);
	}

	@Test
	void servesTheCapabilityStatementWithoutAToken() throws Exception {
		HttpResponse<String> metadata = get("/fhir/metadata", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains("CapabilityStatement");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.port + "/fhir";
	}

	private static Bundle bundle(String source, String fileName) throws IOException {
		Bundle bundle = FHIR.newJsonParser()
			.parseResource(Bundle.class, Files.readString(SyntheaPopulation.SAMPLE.resolve(Path.of(fileName))));
		bundle.getMeta().setSource(source);
		return bundle;
	}

}
