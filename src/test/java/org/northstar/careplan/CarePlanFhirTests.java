package org.northstar.careplan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.ApiTokens;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PlantedFault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The person's Northstar plan and goals through {@code /fhir} with HAPI's client: written
 * by their coordinator with {@code If-Match}, validated against base R4, refused to
 * others, and served beside the imported plans of other sources.
 */
class CarePlanFhirTests extends NorthstarTest {

	private static final String SOURCE = "careplan-fhir-tests";

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final AtomicInteger NEXT = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Caseloads caseloads;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCoordinatorCreatesAGoalAndUpdatesItOnlyAgainstItsVersion() {
		String ana = user();
		PatientId patient = patientOf(ana, "Goal");
		IGenericClient client = client(ana);

		Goal created = (Goal) client.create().resource(aGoal(patient)).execute().getResource();
		created.getTargetFirstRep().setDue(new DateType("2027-04-01"));
		Goal updated = (Goal) client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"1\"")
			.execute()
			.getResource();

		assertThat(created.getMeta().getSource()).isEqualTo("northstar");
		assertThat(created.getTargetFirstRep().getDetailRange().getHigh().getValueElement().getValueAsString())
			.isEqualTo("7.0");
		assertThat(updated.getMeta().getVersionId()).isEqualTo("2");
		assertThat(updated.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo("2027-04-01");
		assertThatThrownBy(() -> client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"1\"")
			.execute()).isInstanceOf(PreconditionFailedException.class);
		created.getMeta().setVersionId("1");
		assertThatThrownBy(() -> client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.execute()).isInstanceOf(ResourceVersionConflictException.class);
	}

	@Test
	void refusesAGoalThatIsNotValidR4OrNotMeasurable() {
		String ana = user();
		PatientId patient = patientOf(ana, "Invalid");
		IGenericClient client = client(ana);
		Goal noLifecycle = aGoal(patient);
		noLifecycle.setLifecycleStatus(null);
		Goal noTarget = aGoal(patient);
		noTarget.getTarget().clear();

		assertThatThrownBy(() -> client.create().resource(noLifecycle).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("Goal.lifecycleStatus: minimum required = 1");
		assertThatThrownBy(() -> client.create().resource(noTarget).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("measurable");
	}

	@Test
	void aGoalWhoseNoteBreaksARuleAddsNeitherTheGoalNorAPlan() {
		String ana = user();
		PatientId patient = patientOf(ana, "Longnote");
		Goal goal = aGoal(patient);
		goal.addNote().setText("Called twice. " + "x".repeat(4000));

		assertThatThrownBy(() -> client(ana).create().resource(goal).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("at most 4000 characters");
		assertThat(this.plans.of(this.people.recordsOf(patient))).isEmpty();
	}

	@Test
	void anotherCoordinatorCanNeitherReadNorWriteThePlan() {
		String ana = user();
		String bo = user();
		PatientId patient = patientOf(ana, "Refused");
		Goal goal = (Goal) client(ana).create().resource(aGoal(patient)).execute().getResource();

		assertThatThrownBy(
				() -> client(bo).read().resource(Goal.class).withId(goal.getIdElement().getIdPart()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client(bo).create().resource(aGoal(patient)).execute())
			.isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void theCarePlanIsCreatedOnceRevisedWithIfMatchAndSearchedBesideImportedPlans() {
		String ana = user();
		PatientId patient = patientOf(ana, "Plan");
		IGenericClient client = client(ana);
		org.hl7.fhir.r4.model.CarePlan plan = aPlan(patient, "Weekly call");

		org.hl7.fhir.r4.model.CarePlan created = (org.hl7.fhir.r4.model.CarePlan) client.create()
			.resource(plan)
			.execute()
			.getResource();
		created.getActivityFirstRep().getDetail().setStatus(CarePlanActivityStatus.COMPLETED);
		org.hl7.fhir.r4.model.CarePlan revised = (org.hl7.fhir.r4.model.CarePlan) client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"" + created.getMeta().getVersionId() + "\"")
			.execute()
			.getResource();
		Bundle found = client.search()
			.forResource(org.hl7.fhir.r4.model.CarePlan.class)
			.where(org.hl7.fhir.r4.model.CarePlan.PATIENT.hasId("Patient/" + patient))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(revised.getActivityFirstRep().getDetail().getStatus()).isEqualTo(CarePlanActivityStatus.COMPLETED);
		assertThatThrownBy(() -> client.create().resource(plan).execute())
			.isInstanceOf(ResourceVersionConflictException.class)
			.hasMessageContaining("already has a Northstar care plan");
		assertThatThrownBy(() -> client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"" + created.getMeta().getVersionId() + "\"")
			.execute()).isInstanceOf(PreconditionFailedException.class);
		assertThat(found.getTotal()).isEqualTo(2);
		assertThat(found.getEntry()).extracting(e -> e.getResource().getMeta().getSource())
			.containsExactly("northstar", SOURCE);
	}

	@Test
	void aCarePlanWhoseActivityCannotBeWrittenLeavesNoPlanBehind() {
		String ana = user();
		PatientId patient = patientOf(ana, "Midway");
		IGenericClient client = client(ana);
		org.hl7.fhir.r4.model.CarePlan plan = aPlan(patient, "Weekly call", "Pill organiser for " + patient);

		// The second activity fails to be written, after the plan and the first one were.
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "care_plan_item",
				"new.title = 'Pill organiser for " + patient + "'")) {
			assertThatThrownBy(() -> client.create().resource(plan).execute())
				.isInstanceOf(InternalErrorException.class);
		}

		assertThat(this.plans.of(this.people.recordsOf(patient))).as("no plan, not even an empty one").isEmpty();
		assertThat(this.jdbc.sql("select count(*) from care_plan_item where title = ?")
			.param("Pill organiser for " + patient)
			.query(Integer.class)
			.single()).isZero();
		org.hl7.fhir.r4.model.CarePlan created = (org.hl7.fhir.r4.model.CarePlan) client.create()
			.resource(plan)
			.execute()
			.getResource();
		assertThat(created.getActivity()).extracting(a -> a.getDetail().getCode().getText())
			.containsExactly("Weekly call", "Pill organiser for " + patient);
	}

	@Test
	void servesTheTemplatesAndAppliesOneWithoutStoringIt() {
		String ana = user();
		PatientId patient = patientOf(ana, "Apply");
		IGenericClient client = client(ana);

		org.hl7.fhir.r4.model.PlanDefinition template = client.read()
			.resource(org.hl7.fhir.r4.model.PlanDefinition.class)
			.withId("heart-failure")
			.execute();
		org.hl7.fhir.r4.model.Parameters asked = new org.hl7.fhir.r4.model.Parameters();
		asked.addParameter().setName("subject").setValue(new org.hl7.fhir.r4.model.StringType("Patient/" + patient));
		org.hl7.fhir.r4.model.CarePlan proposed = client.operation()
			.onInstance(new org.hl7.fhir.r4.model.IdType("PlanDefinition", "heart-failure"))
			.named("$apply")
			.withParameters(asked)
			.returnResourceType(org.hl7.fhir.r4.model.CarePlan.class)
			.execute();

		assertThat(template.getTitle()).isEqualTo("Heart failure");
		assertThat(template.getAction()).hasSize(5);
		assertThat(proposed.getStatus()).isEqualTo(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.DRAFT);
		assertThat(proposed.getContained()).hasSize(4);
		assertThat(proposed.getActivity()).extracting(a -> a.getDetail().getCode().getText())
			.contains("Weekly weight-check call");
		assertThat(this.plans.of(java.util.List.of(patient))).isEmpty();
		assertThatThrownBy(() -> client(user()).operation()
			.onInstance(new org.hl7.fhir.r4.model.IdType("PlanDefinition", "heart-failure"))
			.named("$apply")
			.withParameters(asked)
			.returnResourceType(org.hl7.fhir.r4.model.CarePlan.class)
			.execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	/** An active plan for the person with these activities, not started. */
	private static org.hl7.fhir.r4.model.CarePlan aPlan(PatientId patient, String... activities) {
		org.hl7.fhir.r4.model.CarePlan plan = new org.hl7.fhir.r4.model.CarePlan();
		plan.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
		plan.setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN);
		plan.setSubject(new Reference("Patient/" + patient));
		for (String activity : activities) {
			plan.addActivity().getDetail().setStatus(CarePlanActivityStatus.NOTSTARTED).getCode().setText(activity);
		}
		return plan;
	}

	private static Goal aGoal(PatientId patient) {
		Goal goal = new Goal();
		goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
		goal.getDescription().setText("HbA1c at or below 7.0 %");
		goal.setSubject(new Reference("Patient/" + patient));
		Goal.GoalTargetComponent target = goal.addTarget();
		target.getMeasure().addCoding(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c"));
		target.setDetail(new Range().setHigh((Quantity) new Quantity().setValue(new BigDecimal("7.0")).setUnit("%")));
		target.setDue(new DateType("2027-03-01"));
		return goal;
	}

	private String user() {
		String name = "plan-fhir-" + NEXT.incrementAndGet();
		this.accounts.create(name, name, "Marble-orchard-sunrise-17", Set.of(Role.COORDINATOR), null);
		return name;
	}

	private PatientId patientOf(String coordinator, String family) {
		String id = "pf-" + NEXT.incrementAndGet();
		this.fhirImport.importBundle(CarePlanFixture.aPatient(id, "Fhir", family)
			.withCarePlan(id + "-plan", "Hospital plan", "Daily weights")
			.json(), SOURCE, "test");
		PatientId patient = new PatientId(new RecordKey(SOURCE, "Patient", id).id());
		this.caseloads.assign(patient, coordinator, Relation.COORDINATOR);
		return patient;
	}

	private IGenericClient client(String user) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// The first write waits for the validator to load the R4 definitions.
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + this.port + "/fhir");
		client.registerInterceptor(
				new BearerTokenAuthInterceptor(this.tokens.issue(user, "care plan FHIR tests", Duration.ofHours(1))));
		return client;
	}

}
