package org.northstar.fhirapi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.security.ApiScope;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CapabilityStatement tells the truth: every resource, interaction, search parameter
 * and include it lists works, the types the API serves are all there, and nothing
 * imported is offered for writing.
 */
class CapabilityStatementTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	FhirFixture fixture;

	HttpClient http = HttpClient.newHttpClient();

	String token;

	@BeforeEach
	void world() {
		this.fixture = FhirFixture.get(this.context, this.port);
		this.token = this.fixture.token("admin", ApiScope.SYSTEM_READ);
	}

	@Test
	void listsEveryServedTypeAndOffersWritesOnlyForNorthstarsOwnTypes() throws Exception {
		CapabilityStatement statement = metadata();

		Map<String, CapabilityStatementRestResourceComponent> resources = statement.getRestFirstRep()
			.getResource()
			.stream()
			.collect(Collectors.toMap(r -> r.getType(), r -> r));
		assertThat(resources.keySet()).containsAll(FhirFixture.SERVED_TYPES);
		for (CapabilityStatementRestResourceComponent resource : resources.values()) {
			Set<TypeRestfulInteraction> interactions = resource.getInteraction()
				.stream()
				.map(i -> i.getCode())
				.collect(Collectors.toSet());
			assertThat(interactions).as(resource.getType()).contains(TypeRestfulInteraction.READ);
			if (resource.getType().equals("Task")) {
				assertThat(interactions).contains(TypeRestfulInteraction.CREATE, TypeRestfulInteraction.UPDATE,
						TypeRestfulInteraction.DELETE);
			}
			else if (Set.of("CarePlan", "Goal", "CareTeam").contains(resource.getType())) {
				// A person's own plan, goals and care team are created and updated, never
				// deleted.
				assertThat(interactions).as(resource.getType())
					.contains(TypeRestfulInteraction.CREATE, TypeRestfulInteraction.UPDATE)
					.doesNotContain(TypeRestfulInteraction.DELETE, TypeRestfulInteraction.PATCH);
			}
			else {
				assertThat(interactions).as(resource.getType())
					.doesNotContain(TypeRestfulInteraction.CREATE, TypeRestfulInteraction.UPDATE,
							TypeRestfulInteraction.DELETE, TypeRestfulInteraction.PATCH);
			}
		}
		assertThat(statement.getRestFirstRep().getSecurity().getService()).isNotEmpty();
	}

	@Test
	void answersEveryAdvertisedSearchParameterAndInclude() throws Exception {
		List<String> failures = new ArrayList<>();
		int tried = 0;
		for (CapabilityStatementRestResourceComponent resource : metadata().getRestFirstRep().getResource()) {
			String type = resource.getType();
			for (CapabilityStatementRestResourceSearchParamComponent param : resource.getSearchParam()) {
				String query = param.getName() + "=" + encode(sampleValue(type, param));
				tried += check(type + "?" + query, failures);
			}
			for (var include : resource.getSearchInclude()) {
				tried += check(
						type + "?patient=" + this.fixture.onCaseload() + "&_include=" + encode(include.getValue()),
						failures);
			}
			if (resource.getInteraction().stream().anyMatch(i -> i.getCode() == TypeRestfulInteraction.SEARCHTYPE)) {
				tried += check(type + "?_summary=count", failures);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(tried).isGreaterThan(40);
	}

	@Test
	void answersTheAdvertisedEverythingOperation() throws Exception {
		CapabilityStatementRestResourceComponent patient = metadata().getRestFirstRep()
			.getResource()
			.stream()
			.filter(r -> r.getType().equals("Patient"))
			.findFirst()
			.orElseThrow();
		assertThat(patient.getOperation()).extracting(o -> o.getName()).contains("everything");

		List<String> failures = new ArrayList<>();
		check("Patient/" + this.fixture.onCaseload() + "/$everything", failures);
		assertThat(failures).isEmpty();
	}

	private String sampleValue(String type, CapabilityStatementRestResourceSearchParamComponent param) {
		return switch (param.getType()) {
			case REFERENCE -> "Patient/" + this.fixture.onCaseload();
			case DATE -> "ge2000-01-01";
			case STRING -> "a";
			case TOKEN -> param.getName().equals("_id") ? this.fixture.onCaseload().toString()
					: param.getName().equals("gender") ? "female" : "http://loinc.org|8302-2";
			default -> "x";
		};
	}

	private int check(String path, List<String> failures) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.fixture.base() + "/" + path))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			failures.add(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return 1;
	}

	private CapabilityStatement metadata() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.fixture.base() + "/metadata")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return FhirFixture.FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
