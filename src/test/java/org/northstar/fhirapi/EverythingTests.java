package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.PatientFeed;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Patient/{id}/$everything} gathers the person's whole record across the patient
 * records linked to theirs, each resource marked with the source it came from, and audits
 * every record it exported.
 */
class EverythingTests extends NorthstarTest {

	private static final String FEED = "fhir-api-test-feed";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	PatientFeed feed;

	@Autowired
	People people;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditTrail audit;

	@Test
	void returnsTheResourcesOfEveryLinkedRecordWithTheirSources() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		PatientId survivor = fixture.patients.get(1);
		this.fhirImport.importBundle(
				"""
						{"resourceType": "Bundle", "type": "transaction", "entry": [
						  {"fullUrl": "urn:uuid:6f1c3b3e-1111-4a4a-9a9a-000000000001", "resource": {"resourceType": "Patient", "id": "6f1c3b3e-1111-4a4a-9a9a-000000000001",
						    "identifier": [{"system": "urn:test:mrn", "value": "EV-1"}], "name": [{"family": "Feedson"}]},
						   "request": {"method": "PUT", "url": "Patient/6f1c3b3e-1111-4a4a-9a9a-000000000001"}},
						  {"fullUrl": "urn:uuid:6f1c3b3e-1111-4a4a-9a9a-000000000002", "resource": {"resourceType": "Observation",
						    "id": "6f1c3b3e-1111-4a4a-9a9a-000000000002", "status": "final", "code": {"text": "Weight"},
						    "subject": {"reference": "urn:uuid:6f1c3b3e-1111-4a4a-9a9a-000000000001"}, "effectiveDateTime": "2026-01-05T10:00:00Z",
						    "valueQuantity": {"value": 81, "unit": "kg"}},
						   "request": {"method": "PUT", "url": "Observation/6f1c3b3e-1111-4a4a-9a9a-000000000002"}}]}
						"""
					.getBytes(StandardCharsets.UTF_8),
				FEED, "test");
		PatientId prior = new PatientId(new RecordKey(FEED, "Patient", "6f1c3b3e-1111-4a4a-9a9a-000000000001").id());
		this.transactions.executeWithoutResult(status -> this.feed.merge(prior, survivor));
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);

		Bundle everything = coordinator.operation()
			.onInstance(new IdType("Patient", survivor.toString()))
			.named("$everything")
			.withParameters(new Parameters())
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();

		List<Resource> resources = everything.getEntry()
			.stream()
			.map(Bundle.BundleEntryComponent::getResource)
			.toList();
		assertThat(resources).filteredOn(r -> r.fhirType().equals("Patient"))
			.extracting(r -> r.getIdElement().getIdPart())
			.contains(survivor.toString(), prior.toString())
			// and any record linkage found of the same person in other tests' sources
			.containsExactlyElementsOf(this.people.recordsOf(survivor).stream().map(PatientId::toString).toList());
		assertThat(resources).filteredOn(r -> FEED.equals(r.getMeta().getSource()))
			.extracting(Resource::fhirType)
			.containsExactlyInAnyOrder("Patient", "Observation");
		assertThat(resources).filteredOn(r -> FhirFixture.SOURCE.equals(r.getMeta().getSource()))
			.hasSizeGreaterThan(10);
		assertThat(resources).allSatisfy(
				r -> assertThat(r.getMeta().getTag(SourceResourceMapper.SOURCE_TAG_SYSTEM, r.getMeta().getSource()))
					.isNotNull());
		assertThat(this.audit.search(new AuditQuery(FhirFixture.COORDINATOR, prior, null, null, "time", true, 5)))
			.anySatisfy(e -> assertThat(e.record().action()).isEqualTo(AuditAction.EXPORT));
	}

	@Test
	void auditsASearchAndEveryPatientItReturned() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);
		long before = this.audit.latest().orElseThrow().seq();

		coordinator.search().forResource("Condition").returnBundle(Bundle.class).execute();

		var records = this.audit.search(new AuditQuery(FhirFixture.COORDINATOR, null, null, null, "time", true, 20))
			.stream()
			.filter(e -> e.seq() > before)
			.toList();
		assertThat(records).filteredOn(e -> e.record().action() == AuditAction.SEARCH)
			.singleElement()
			.satisfies(e -> assertThat(e.record().detail()).startsWith("GET /fhir/Condition"));
		assertThat(records).filteredOn(e -> e.record().action() == AuditAction.READ)
			.extracting(e -> e.record().patient())
			.isNotEmpty()
			.isSubsetOf(fixture.patients.get(0), fixture.patients.get(1));
	}

}
