package org.northstar.fhirapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.ApiScope;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reference Northstar serves, in every resource of every type, either leads to a
 * resource it serves (GET answers 200) or is exactly what the source wrote: a server
 * elsewhere, or a record Northstar never received. Walks the whole record of Synthea
 * patients, of a patient known from the HL7 feed, and of a bundle that refers outside.
 */
class ServedReferencesTests extends NorthstarTest {

	private static final Pattern NORTHSTAR_REFERENCE = Pattern
		.compile("[A-Z][A-Za-z]+/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MllpListener listener;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, Integer> answers = new HashMap<>();

	private String token;

	@Test
	void everyServedReferenceLeadsToAResourceOrIsAsTheSourceWroteIt() throws Exception {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		this.token = fixture.token("admin", ApiScope.SYSTEM_READ);
		try (MllpClient client = new MllpClient(this.listener.port())) {
			client.send(Adt.anAdmit()
				.from("EPIC", "WALKHOSP")
				.forPatient("MRN-WALK-1")
				.named("Walker", "Ada")
				.visit("V-WALK-1")
				.admittedAt("20260110081500")
				.build());
			client.send(Adt.aDischarge()
				.from("EPIC", "WALKHOSP")
				.forPatient("MRN-WALK-1")
				.named("Walker", "Ada")
				.visit("V-WALK-1")
				.dischargedAt("20260112101500")
				.build());
		}
		this.fhirImport.importBundle(ServedAsSentTests.transaction("walk",
				ServedAsSentTests.entry("Patient", "walk-pat", "{\"resourceType\":\"Patient\",\"id\":\"walk-pat\"}"),
				ServedAsSentTests.entry("Coverage", "walk-cov",
						"""
								{"resourceType":"Coverage","id":"walk-cov","status":"active","beneficiary":{"reference":"Patient/walk-pat"},
								 "payor":[{"reference":"http://benefitsinc.com/FHIR/Organization/CBI35"}]}"""),
				ServedAsSentTests.entry("Observation", "walk-obs",
						"""
								{"resourceType":"Observation","id":"walk-obs","status":"final","code":{"text":"pulse"},
								 "subject":{"reference":"Patient/walk-pat"},"performer":[{"reference":"Practitioner/never-sent"},
								 {"reference":"Organization?identifier=urn:test:org|nobody"}],"hasMember":[{"reference":"Observation/walk-obs"}]}"""))
			.getBytes(StandardCharsets.UTF_8), "walk", "test");
		UUID feedPatient = this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-WALK-1'")
			.query(UUID.class)
			.single();
		UUID walkPatient = new org.northstar.shared.RecordKey("walk", "Patient", "walk-pat").id();
		List<UUID> patients = new ArrayList<>(fixture.patients.stream().map(PatientId::value).toList());
		patients.add(feedPatient);
		patients.add(walkPatient);

		List<Resource> served = new ArrayList<>();
		for (UUID patient : patients) {
			Bundle everything = FhirFixture.FHIR.newJsonParser()
				.parseResource(Bundle.class, get("Patient/" + patient + "/$everything").body());
			everything.getEntry().forEach(e -> served.add(e.getResource()));
		}

		Map<String, Set<String>> written = referencesAsWritten(served);
		FhirTerser terser = FhirFixture.FHIR.newTerser();
		Set<String> types = new HashSet<>();
		List<String> dangling = new ArrayList<>();
		int resolvedCount = 0;
		int asWritten = 0;
		for (Resource resource : served) {
			types.add(resource.fhirType());
			String id = resource.getIdElement().getIdPart();
			for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
				String reference = info.getResourceReference().getReferenceElement().getValue();
				if (reference == null || reference.startsWith("#")) {
					continue;
				}
				if (NORTHSTAR_REFERENCE.matcher(reference).matches()) {
					int status = this.answers.computeIfAbsent(reference, r -> get(r).statusCode());
					if (status == 200) {
						resolvedCount++;
						continue;
					}
					dangling.add(resource.fhirType() + "/" + id + " " + info.getName() + " -> " + reference
							+ " answers " + status);
				}
				else if (written.getOrDefault(id, Set.of()).contains(reference)) {
					asWritten++;
				}
				else {
					dangling.add(resource.fhirType() + "/" + id + " " + info.getName() + " -> " + reference
							+ " is neither a Northstar id nor what the source wrote");
				}
			}
		}

		System.out.printf("Served references: %d resources of %d types, %d references lead to a resource, %d are as"
				+ " the source wrote them%n", served.size(), types.size(), resolvedCount, asWritten);
		assertThat(dangling).isEmpty();
		assertThat(types).contains("Encounter", "Observation", "Claim", "ExplanationOfBenefit", "Coverage", "Task");
		assertThat(asWritten).isEqualTo(3);
		assertThat(resolvedCount).isGreaterThan(1000);
	}

	/** Every {@code reference} string each resource's source wrote, by Northstar id. */
	private Map<String, Set<String>> referencesAsWritten(List<Resource> served) {
		List<UUID> ids = new ArrayList<>();
		for (Resource resource : served) {
			ClinicalSearch.uuid(resource.getIdElement()).ifPresent(ids::add);
		}
		Map<String, Set<String>> written = new HashMap<>();
		this.jdbc.sql("select id, content::text from source_resource where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> {
				Set<String> references = new HashSet<>();
				try {
					collect(SyntheaPopulation.JSON.readTree(rs.getString(2)), references);
				}
				catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
					throw new IllegalStateException(ex);
				}
				return written.put(rs.getString(1), references);
			})
			.list();
		return written;
	}

	private static void collect(JsonNode node, Set<String> references) {
		if (node.isObject()) {
			node.fields().forEachRemaining(field -> {
				if ("reference".equals(field.getKey()) && field.getValue().isTextual()) {
					references.add(field.getValue().asText());
				}
				else {
					collect(field.getValue(), references);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach(item -> collect(item, references));
		}
	}

	private HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/" + path))
				.header("Authorization", "Bearer " + this.token)
				.header("Accept", "application/fhir+json")
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
