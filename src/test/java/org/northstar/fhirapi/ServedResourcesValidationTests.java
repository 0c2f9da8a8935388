package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.security.ApiScope;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the server returns is valid base FHIR R4: the search bundles of every type
 * and the resources in them, a Task, and {@code $everything}. Profiles the sources claim
 * (US Core) are not loaded: the check is against base R4.
 */
class ServedResourcesValidationTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirImport fhirImport;

	@Test
	void servesLocalIdentifierSystemsAsAbsoluteUrisAndFindsThemByEitherName() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		localVisit(fixture);
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);

		Bundle served = coordinator.search()
			.forResource(Encounter.class)
			.where(Encounter.IDENTIFIER.exactly().systemAndCode("hl7:TEST/visit-number", "V-4711"))
			.returnBundle(Bundle.class)
			.execute();
		Encounter visit = (Encounter) served.getEntryFirstRep().getResource();

		assertThat(visit.getIdentifierFirstRep().getSystem())
			.isEqualTo("urn:northstar:system:hl7%3ATEST%2Fvisit-number");
		assertThat(coordinator.search()
			.forResource(Encounter.class)
			.where(Encounter.IDENTIFIER.exactly().systemAndCode(visit.getIdentifierFirstRep().getSystem(), "V-4711"))
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).hasSize(1);
	}

	/** A visit as an HL7 feed names it: its identifier system is no URI. */
	private void localVisit(FhirFixture fixture) {
		this.fhirImport.importBundle(("""
				{"resourceType": "Bundle", "type": "transaction", "entry": [
				  {"fullUrl": "urn:uuid:7a1c3b3e-2222-4a4a-9a9a-000000000001", "resource": {"resourceType": "Encounter",
				    "id": "7a1c3b3e-2222-4a4a-9a9a-000000000001", "status": "finished",
				    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
				    "identifier": [{"system": "hl7:TEST/visit-number", "value": "V-4711"}],
				    "subject": {"reference": "Patient/%s"}, "period": {"start": "2031-01-05T10:00:00Z"}},
				   "request": {"method": "PUT", "url": "Encounter/7a1c3b3e-2222-4a4a-9a9a-000000000001"}}]}
				""").formatted(fixture.sourceIds.get(0)).getBytes(StandardCharsets.UTF_8), FhirFixture.SOURCE, "test");
	}

	@Test
	void servesOnlyResourcesThatValidateAgainstBaseR4() {
		FhirFixture fixture = FhirFixture.get(this.context, this.port);
		localVisit(fixture);
		IGenericClient coordinator = fixture.client(FhirFixture.COORDINATOR);
		Task task = new Task();
		task.setStatus(Task.TaskStatus.READY);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setDescription("Book the follow-up visit");
		task.setFor(new Reference("Patient/" + fixture.onCaseload()));
		task.getRestriction().getPeriod().setEndElement(new DateTimeType("2030-02-01"));
		coordinator.create().resource(task).execute();
		IGenericClient system = fixture.client("admin", ApiScope.SYSTEM_READ);

		List<Resource> served = new ArrayList<>();
		for (String type : FhirFixture.SERVED_TYPES) {
			Bundle bundle = system.search().forResource(type).count(3).returnBundle(Bundle.class).execute();
			served.add(bundle);
			bundle.getEntry().forEach(e -> served.add(e.getResource()));
		}
		Bundle everything = coordinator.operation()
			.onInstance(new IdType("Patient", fixture.onCaseload().toString()))
			.named("$everything")
			.withParameters(new Parameters())
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();
		// The first of each type: each type is served by one mapping, and a long record's
		// thousands of resources would take the validator minutes.
		Set<String> seen = new HashSet<>();
		everything.getEntry().removeIf(e -> !seen.add(e.getResource().fhirType()));
		served.add(everything);

		FhirValidator validator = validator();
		List<String> errors = new ArrayList<>();
		for (Resource resource : served) {
			ValidationResult result = validator.validateWithResult(resource);
			result.getMessages()
				.stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.forEach(m -> errors.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " "
						+ m.getLocationString() + ": " + m.getMessage()));
		}
		assertThat(served).extracting(Resource::fhirType).contains("Observation", "Task", "Practitioner");
		assertThat(errors).isEmpty();
	}

	static FhirValidator validator() {
		var fhir = FhirFixture.FHIR;
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
				new CommonCodeSystemsTerminologyService(fhir)));
		instanceValidator.setErrorForUnknownProfiles(false);
		return fhir.newValidator().registerValidatorModule(instanceValidator);
	}

}
