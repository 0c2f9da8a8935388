package org.northstar.fhirapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.StringClientParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.security.ApiScope;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FHIR API driven through HAPI's generic client, as an integrating system would:
 * reads, searches, paging, includes, {@code $everything}, tasks, and every refusal.
 */
class FhirApiContractTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	AuditTrail audit;

	FhirFixture fixture;

	IGenericClient coordinator;

	@BeforeEach
	void world() {
		this.fixture = FhirFixture.get(this.context, this.port);
		this.coordinator = this.fixture.client(FhirFixture.COORDINATOR);
	}

	@Test
	void readsAPatientOnTheCaseloadWithNorthstarsIdAndItsSource() {
		Patient patient = this.coordinator.read()
			.resource(Patient.class)
			.withId(this.fixture.onCaseload().toString())
			.execute();

		assertThat(patient.getIdElement().getIdPart()).isEqualTo(this.fixture.onCaseload().toString());
		assertThat(patient.getMeta().getSource()).isEqualTo(FhirFixture.SOURCE);
		assertThat(patient.getMeta().getTag(SourceResourceMapper.SOURCE_TAG_SYSTEM, FhirFixture.SOURCE)).isNotNull();
		assertThat(this.audit
			.search(new AuditQuery(FhirFixture.COORDINATOR, this.fixture.onCaseload(), null, null, "time", true, 5)))
			.anySatisfy(e -> assertThat(e.record().action()).isEqualTo(AuditAction.READ));
	}

	@Test
	void answersAPatientOutsideTheCaseloadAsNotFound() {
		assertThatThrownBy(() -> this.coordinator.read()
			.resource(Patient.class)
			.withId(this.fixture.notOnCaseload().toString())
			.execute()).isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> this.coordinator.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.notOnCaseload().toString()))
			.returnBundle(Bundle.class)
			.execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void answersAnUnknownIdWith404() {
		assertThatThrownBy(() -> this.coordinator.read()
			.resource(Observation.class)
			.withId("00000000-0000-0000-0000-000000000000")
			.execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void findsPatientsByIdentifierNameFamilyGivenBirthdateGenderAndId() {
		Patient patient = this.coordinator.read()
			.resource(Patient.class)
			.withId(this.fixture.onCaseload().toString())
			.execute();
		String family = patient.getNameFirstRep().getFamily();
		String given = patient.getNameFirstRep().getGivenAsSingleString().split(" ")[0];

		assertThat(ids(this.coordinator.search()
			.forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly()
				.systemAndCode(patient.getIdentifierFirstRep().getSystem(), patient.getIdentifierFirstRep().getValue()))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(this.fixture.onCaseload().toString());
		assertThat(ids(this.coordinator.search()
			.forResource(Patient.class)
			.where(Patient.FAMILY.matches().value(family.substring(0, 3).toLowerCase()))
			.returnBundle(Bundle.class)
			.execute())).contains(this.fixture.onCaseload().toString());
		assertThat(ids(this.coordinator.search()
			.forResource(Patient.class)
			.where(Patient.GIVEN.matches().value(given))
			.and(Patient.NAME.matches().value(family))
			.returnBundle(Bundle.class)
			.execute())).contains(this.fixture.onCaseload().toString());
		assertThat(ids(this.coordinator.search()
			.forResource(Patient.class)
			.where(Patient.BIRTHDATE.exactly().day(patient.getBirthDateElement().getValueAsString()))
			.and(Patient.GENDER.exactly().code(patient.getGender().toCode()))
			.returnBundle(Bundle.class)
			.execute())).contains(this.fixture.onCaseload().toString());
		assertThat(ids(this.coordinator.search()
			.forResource(Patient.class)
			.where(Patient.RES_ID.exactly().code(this.fixture.onCaseload().toString()))
			.returnBundle(Bundle.class)
			.execute())).containsExactly(this.fixture.onCaseload().toString());
	}

	@Test
	void searchesOnlyTheUsersPatientsWhenNoPatientIsNamed() {
		Bundle all = this.coordinator.search().forResource(Patient.class).returnBundle(Bundle.class).execute();

		assertThat(ids(all)).containsExactlyInAnyOrder(this.fixture.patients.get(0).toString(),
				this.fixture.patients.get(1).toString());
	}

	@Test
	void searchesEncountersByPatientDateClassAndStatusNewestFirst() {
		Bundle encounters = this.coordinator.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.and(Encounter.DATE.afterOrEquals().day("1900-01-01"))
			.and(Encounter.CLASS.exactly().code("AMB"))
			.and(Encounter.STATUS.exactly().code("finished"))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(encounters.getEntry()).isNotEmpty();
		List<Encounter> found = encounters.getEntry().stream().map(e -> (Encounter) e.getResource()).toList();
		assertThat(found).allSatisfy(e -> {
			assertThat(e.getSubject().getReference()).isEqualTo("Patient/" + this.fixture.onCaseload());
			assertThat(e.getClass_().getCode()).isEqualTo("AMB");
		});
		for (int i = 1; i < found.size(); i++) {
			assertThat(found.get(i).getPeriod().getStart()).isBeforeOrEqualTo(found.get(i - 1).getPeriod().getStart());
		}
	}

	@Test
	void sortsByDateAscendingWhenAsked() {
		Bundle encounters = this.coordinator.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.sort()
			.ascending(Encounter.DATE)
			.returnBundle(Bundle.class)
			.execute();

		List<Encounter> found = encounters.getEntry().stream().map(e -> (Encounter) e.getResource()).toList();
		for (int i = 1; i < found.size(); i++) {
			assertThat(found.get(i).getPeriod().getStart()).isAfterOrEqualTo(found.get(i - 1).getPeriod().getStart());
		}
	}

	@Test
	void searchesObservationsByPatientCodeDateAndCategory() {
		Bundle any = this.coordinator.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.returnBundle(Bundle.class)
			.execute();
		Observation first = (Observation) any.getEntryFirstRep().getResource();
		String code = first.getCode().getCodingFirstRep().getCode();
		String system = first.getCode().getCodingFirstRep().getSystem();
		String category = first.getCategoryFirstRep().getCodingFirstRep().getCode();

		Bundle byCode = this.coordinator.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.and(Observation.CODE.exactly().systemAndCode(system, code))
			.and(Observation.CATEGORY.exactly().code(category))
			.and(Observation.DATE.before().day("2100-01-01"))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(byCode.getEntry()).isNotEmpty()
			.allSatisfy(e -> assertThat(((Observation) e.getResource()).getCode().getCodingFirstRep().getCode())
				.isEqualTo(code));
		assertThat(first.getEncounter().getReference()).startsWith("Encounter/");
	}

	@Test
	void searchesConditionsByClinicalStatusAndCode() {
		Bundle active = this.coordinator.search()
			.forResource(Condition.class)
			.where(Condition.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.and(Condition.CLINICAL_STATUS.exactly().code("active"))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(active.getEntry())
			.allSatisfy(e -> assertThat(((Condition) e.getResource()).getClinicalStatus().getCodingFirstRep().getCode())
				.isEqualTo("active"));
	}

	@Test
	void pagesWithNextAndPreviousLinks() {
		Bundle page1 = this.coordinator.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.count(5)
			.returnBundle(Bundle.class)
			.execute();
		assertThat(page1.getEntry()).hasSize(5);
		assertThat(page1.getTotal()).isGreaterThan(10);
		assertThat(page1.getLink(Bundle.LINK_NEXT)).isNotNull();

		Bundle page2 = this.coordinator.loadPage().next(page1).execute();

		assertThat(page2.getEntry()).hasSize(5);
		assertThat(ids(page2)).doesNotContainAnyElementsOf(ids(page1));
		assertThat(page2.getLink(Bundle.LINK_PREV)).isNotNull();
		assertThat(ids(this.coordinator.loadPage().previous(page2).execute())).isEqualTo(ids(page1));
	}

	@Test
	void includesThePatientOfEachEncounter() {
		Bundle bundle = this.coordinator.search()
			.forResource(Encounter.class)
			.where(Encounter.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.include(Encounter.INCLUDE_PATIENT)
			.count(3)
			.returnBundle(Bundle.class)
			.execute();

		assertThat(bundle.getEntry()).filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.singleElement()
			.satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart())
				.isEqualTo(this.fixture.onCaseload().toString()));
	}

	@Test
	void countsWithSummaryCount() {
		Bundle count = this.coordinator.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.summaryMode(SummaryEnum.COUNT)
			.returnBundle(Bundle.class)
			.execute();

		assertThat(count.getEntry()).isEmpty();
		assertThat(count.getTotal()).isGreaterThan(10);
	}

	@Test
	void refusesUnknownSearchParameter() {
		assertThatThrownBy(() -> this.coordinator.search()
			.forResource(Observation.class)
			.where(new StringClientParam("flavour").matches().value("vanilla"))
			.returnBundle(Bundle.class)
			.execute()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("flavour");
	}

	@Test
	void ignoresUnknownSearchParameterWhenTheClientPrefersLenientHandling() throws Exception {
		HttpResponse<String> response = get("/Observation?patient=" + this.fixture.onCaseload() + "&flavour=vanilla",
				"handling=lenient");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void readsPractitionersAndOrganizationsByIdentifierAndName() {
		Bundle practitioners = this.coordinator.search()
			.forResource(Practitioner.class)
			.returnBundle(Bundle.class)
			.execute();
		// Other tests' sources hold practitioners known only by name.
		Practitioner practitioner = practitioners.getEntry()
			.stream()
			.map(e -> (Practitioner) e.getResource())
			.filter(p -> p.hasIdentifier() && p.getNameFirstRep().hasFamily())
			.findFirst()
			.orElseThrow();

		Bundle byName = this.coordinator.search()
			.forResource(Practitioner.class)
			.where(Practitioner.NAME.matches().value(practitioner.getNameFirstRep().getFamily()))
			.and(Practitioner.IDENTIFIER.exactly()
				.systemAndCode(practitioner.getIdentifierFirstRep().getSystem(),
						practitioner.getIdentifierFirstRep().getValue()))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(ids(byName)).contains(practitioner.getIdElement().getIdPart());
	}

	@Test
	void returnsThePersonsWholeRecordWithEverything() {
		Bundle everything = this.coordinator.operation()
			.onInstance(new IdType("Patient", this.fixture.onCaseload().toString()))
			.named("$everything")
			.withParameters(new Parameters())
			.useHttpGet()
			.returnResourceType(Bundle.class)
			.execute();

		assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType())
			.contains("Patient", "Encounter", "Observation", "Condition", "Practitioner", "Organization");
		assertThat(everything.getEntry())
			.allSatisfy(e -> assertThat(e.getResource().getMeta().getSource()).isNotNull());
	}

	@Test
	void refusesToChangeImportedResourcesWith405() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().setText("x");

		assertThatThrownBy(() -> this.coordinator.create().resource(observation).execute())
			.isInstanceOf(MethodNotAllowedException.class)
			.hasMessageContaining("read-only");
		assertThatThrownBy(() -> this.coordinator.delete()
			.resourceById("Observation", "00000000-0000-0000-0000-000000000000")
			.execute()).isInstanceOf(MethodNotAllowedException.class);
	}

	@Test
	void createsUpdatesAndDeletesTasksWithIfMatch() {
		Task created = (Task) this.coordinator.create()
			.resource(aTask("Call about the new inhaler"))
			.execute()
			.getResource();
		assertThat(created.getMeta().getVersionId()).isEqualTo("1");
		assertThat(created.getStatus()).isEqualTo(Task.TaskStatus.READY);

		created.setStatus(Task.TaskStatus.COMPLETED);
		MethodOutcome updated = this.coordinator.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"1\"")
			.execute();
		Task afterUpdate = (Task) updated.getResource();
		assertThat(afterUpdate.getMeta().getVersionId()).isEqualTo("2");
		assertThat(afterUpdate.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);

		assertThatThrownBy(() -> this.coordinator.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"1\"")
			.execute()).isInstanceOf(PreconditionFailedException.class);
		created.getMeta().setVersionId("1");
		assertThatThrownBy(() -> this.coordinator.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.execute()).isInstanceOf(ResourceVersionConflictException.class);

		this.coordinator.delete()
			.resourceById(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"2\"")
			.execute();
		assertThatThrownBy(
				() -> this.coordinator.read().resource(Task.class).withId(created.getIdElement().getIdPart()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void refusesAnInvalidTaskWith422() {
		Task task = aTask("Missing intent");
		task.setIntent(null);

		assertThatThrownBy(() -> this.coordinator.create().resource(task).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.satisfies(ex -> assertThat(((UnprocessableEntityException) ex).getOperationOutcome()).isNotNull());
	}

	@Test
	void refusesWritesWithAReadOnlyTokenWith403() {
		IGenericClient readOnly = this.fixture.client(FhirFixture.COORDINATOR, ApiScope.USER_READ);

		assertThatThrownBy(() -> readOnly.create().resource(aTask("Not allowed")).execute())
			.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void limitsAPatientScopedTokenToANamedPatient() {
		IGenericClient patientScoped = this.fixture.client(FhirFixture.COORDINATOR, ApiScope.PATIENT_READ);

		assertThat(patientScoped.search()
			.forResource(Observation.class)
			.where(Observation.PATIENT.hasId(this.fixture.onCaseload().toString()))
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isNotEmpty();
		assertThatThrownBy(
				() -> patientScoped.search().forResource(Observation.class).returnBundle(Bundle.class).execute())
			.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void letsAnAdministratorsSystemTokenReadEveryPatient() {
		IGenericClient system = this.fixture.client("admin", ApiScope.SYSTEM_READ);

		Patient patient = system.read()
			.resource(Patient.class)
			.withId(this.fixture.notOnCaseload().toString())
			.execute();

		assertThat(patient.getIdElement().getIdPart()).isEqualTo(this.fixture.notOnCaseload().toString());
	}

	@Test
	void answersWithoutATokenWith401AndAnOperationOutcome() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.fixture.base() + "/Patient")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(FhirFixture.FHIR.newJsonParser().parseResource(response.body()))
			.isInstanceOf(OperationOutcome.class);
	}

	private Task aTask(String description) {
		Task task = new Task();
		task.setStatus(Task.TaskStatus.READY);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setDescription(description);
		task.setFor(new Reference("Patient/" + this.fixture.onCaseload()));
		task.getRestriction().getPeriod().setEndElement(new DateTimeType("2030-01-15"));
		return task;
	}

	private HttpResponse<String> get(String path, String prefer) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.fixture.base() + path))
			.header("Authorization", "Bearer " + this.fixture.token(FhirFixture.COORDINATOR));
		if (prefer != null) {
			request.header("Prefer", prefer);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static List<String> ids(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
			.map(Bundle.BundleEntryComponent::getResource)
			.map(Resource::getIdElement)
			.map(IdType::getIdPart)
			.toList();
	}

}
