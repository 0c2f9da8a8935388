package org.northstar.careplan;

import java.time.Duration;
import java.util.List;
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
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.EmergencyReason;
import org.northstar.caseload.PatientAccess;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
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
 * The person's Northstar care team through {@code /fhir} with HAPI's client: created and
 * updated by their coordinator with {@code If-Match}, validated against base R4, searched
 * by patient beside imported care teams; and a CarePlan's {@code addresses} kept linked
 * to the person's recorded conditions.
 */
class CareTeamFhirTests extends NorthstarTest {

	private static final String SOURCE = "care-team-fhir-tests";

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final String CHANNEL = "https://northstar.example.org/fhir/StructureDefinition/preferred-channel";

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
	CareTeams teams;

	@Autowired
	People people;

	@Autowired
	PatientAccess access;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCoordinatorCreatesTheCareTeamAndChangesItOnlyAgainstItsVersion() {
		String ana = user();
		PatientId patient = patientOf(ana);
		IGenericClient client = client(ana);

		CareTeam created = (CareTeam) client.create().resource(aTeam(patient)).execute().getResource();
		CareTeam.CareTeamParticipantComponent cardiologist = created.getParticipantFirstRep();
		cardiologist.getPeriod().setEndElement(new DateTimeType("2026-11-30"));
		cardiologist
			.addExtension(new Extension("https://northstar.example.org/fhir/StructureDefinition/membership-end-reason",
					new org.hl7.fhir.r4.model.StringType("Moved to another practice")));
		Practitioner sam = new Practitioner();
		sam.setId("sam");
		sam.addName().addGiven("Sam").setFamily("Ortiz");
		sam.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("sam@mainstreet.example");
		created.addContained(sam);
		created.addParticipant()
			.addRole(new CodeableConcept().setText("Pharmacist"))
			.setMember(new Reference("#sam"))
			.setOnBehalfOf(new Reference().setDisplay("Main Street Pharmacy"));
		CareTeam revised = (CareTeam) client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"" + created.getMeta().getVersionId() + "\"")
			.execute()
			.getResource();
		Bundle found = client.search()
			.forResource(CareTeam.class)
			.where(CareTeam.PATIENT.hasId("Patient/" + patient))
			.returnBundle(Bundle.class)
			.execute();

		assertThat(created.getMeta().getSource()).isEqualTo("northstar");
		assertThat(created.getParticipantFirstRep().getOnBehalfOf().getDisplay()).isEqualTo("Riverside Cardiology");
		assertThat(created.getParticipantFirstRep().getExtensionByUrl(CHANNEL).getValue().primitiveValue())
			.isEqualTo("FAX");
		assertThat(revised.getParticipant()).hasSize(2);
		assertThat(revised.getParticipantFirstRep().getPeriod().getEndElement().getValueAsString())
			.isEqualTo("2026-11-30");
		CareTeam.CareTeamParticipantComponent pharmacist = revised.getParticipant().get(1);
		assertThat(pharmacist.getMember().getDisplay()).isEqualTo("Sam Ortiz");
		assertThat(((Practitioner) revised.getContained().get(1)).getTelecomFirstRep().getValue())
			.isEqualTo("sam@mainstreet.example");
		List<CareTeamMember> members = this.teams.of(this.people.recordsOf(patient)).orElseThrow().members();
		assertThat(members).extracting(CareTeamMember::name, CareTeamMember::endReason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Dr. Ruth Adeyemi", "Moved to another practice"),
					org.assertj.core.groups.Tuple.tuple("Sam Ortiz", null));
		assertThatThrownBy(() -> client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"" + created.getMeta().getVersionId() + "\"")
			.execute()).isInstanceOf(PreconditionFailedException.class);
		assertThatThrownBy(() -> client.create().resource(aTeam(patient)).execute())
			.isInstanceOf(ResourceVersionConflictException.class)
			.hasMessageContaining("already has a Northstar care team");
		assertThat(found.getEntry()).extracting(e -> e.getResource().getMeta().getSource())
			.containsExactly("northstar", SOURCE);
	}

	@Test
	void aCareTeamWhoseMemberCannotBeWrittenLeavesNoPlanBehind() {
		String ana = user();
		PatientId patient = patientOf(ana);
		CareTeam team = aTeam(patient);
		team.getParticipantFirstRep().getRoleFirstRep().setText("Cardiologist of " + patient);

		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "care_team_member",
				"new.role = 'Cardiologist of " + patient + "'")) {
			assertThatThrownBy(() -> client(ana).create().resource(team).execute())
				.isInstanceOf(InternalErrorException.class);
		}

		assertThat(this.plans.of(this.people.recordsOf(patient))).as("no plan, not even an empty one").isEmpty();
		CareTeam created = (CareTeam) client(ana).create().resource(team).execute().getResource();
		assertThat(created.getParticipant()).singleElement()
			.satisfies(p -> assertThat(p.getRoleFirstRep().getText()).isEqualTo("Cardiologist of " + patient));
	}

	@Test
	void refusesACareTeamThatIsNotValidR4OrNamesNoWayToReachSomeoneOutside() {
		String ana = user();
		PatientId patient = patientOf(ana);
		CareTeam invalid = aTeam(patient);
		invalid.getParticipantFirstRep().getPeriod().setStartElement(new DateTimeType("2026-12-01"));
		invalid.getParticipantFirstRep().getPeriod().setEndElement(new DateTimeType("2026-11-01"));
		CareTeam unreachable = aTeam(patient);
		((Practitioner) unreachable.getContained().get(0)).getTelecom().clear();

		assertThatThrownBy(() -> client(ana).create().resource(invalid).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("per-1");
		assertThatThrownBy(() -> client(ana).create().resource(unreachable).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining("give a phone number or an e-mail address");
		assertThat(this.plans.of(this.people.recordsOf(patient))).as("nothing half-applied").isEmpty();
	}

	@Test
	void neitherAnotherCoordinatorNorEmergencyAccessWritesTheCareTeam() {
		String ana = user();
		String bo = user();
		String ed = user();
		PatientId patient = patientOf(ana);
		CareTeam created = (CareTeam) client(ana).create().resource(aTeam(patient)).execute().getResource();
		this.access.breakTheGlass(this.accounts.find(ed).orElseThrow(), patient,
				new EmergencyReason(EmergencyReason.Category.EMERGENCY_CARE, "in the ED now"), "127.0.0.1");

		assertThatThrownBy(
				() -> client(bo).read().resource(CareTeam.class).withId(created.getIdElement().getIdPart()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThat(client(ed).read()
			.resource(CareTeam.class)
			.withId(created.getIdElement().getIdPart())
			.execute()
			.getParticipant()).hasSize(1);
		assertThatThrownBy(() -> client(ed).update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.execute()).isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client(ed).create().resource(aGoal(patient)).execute())
			.isInstanceOf(ResourceNotFoundException.class);
	}

	@Test
	void aCarePlanKeepsTheConditionsItAddressesLinkedToThePersonsRecord() {
		String ana = user();
		PatientId patient = patientOf(ana);
		PatientId someoneElse = patientOf(ana);
		String condition = "Condition/" + new RecordKey(SOURCE, "Condition", this.sourceIds.get(patient) + "-hf").id();
		String notTheirs = "Condition/"
				+ new RecordKey(SOURCE, "Condition", this.sourceIds.get(someoneElse) + "-hf").id();
		IGenericClient client = client(ana);
		org.hl7.fhir.r4.model.CarePlan plan = new org.hl7.fhir.r4.model.CarePlan();
		plan.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
		plan.setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN);
		plan.setSubject(new Reference("Patient/" + patient));
		plan.addAddresses(new Reference(condition));
		plan.addActivity().getDetail().setStatus(CarePlanActivityStatus.NOTSTARTED).getCode().setText("Daily weights");
		org.hl7.fhir.r4.model.CarePlan wrong = plan.copy();
		wrong.getAddresses().clear();
		wrong.addAddresses(new Reference(notTheirs));

		assertThatThrownBy(() -> client.create().resource(wrong).execute())
			.isInstanceOf(UnprocessableEntityException.class)
			.hasMessageContaining(
					"CarePlan.addresses[0] '" + notTheirs + "' is not a Condition on the patient's record");
		org.hl7.fhir.r4.model.CarePlan created = (org.hl7.fhir.r4.model.CarePlan) client.create()
			.resource(plan)
			.execute()
			.getResource();
		org.hl7.fhir.r4.model.CarePlan again = (org.hl7.fhir.r4.model.CarePlan) client.update()
			.resource(created)
			.withId(created.getIdElement().toUnqualifiedVersionless())
			.withAdditionalHeader("If-Match", "W/\"" + created.getMeta().getVersionId() + "\"")
			.execute()
			.getResource();

		assertThat(created.getAddresses()).extracting(Reference::getReference, Reference::getDisplay)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(condition, "Heart failure"));
		assertThat(again.getAddresses()).as("sent again, not added twice").hasSize(1);
		CarePlan kept = this.plans.of(this.people.recordsOf(patient)).orElseThrow();
		assertThat(kept.problems()).singleElement().satisfies(p -> {
			assertThat(p.conditionRef()).isEqualTo(condition);
			assertThat(p.conditionCode()).isEqualTo("84114007");
		});
		assertThat(this.plans.of(this.people.recordsOf(someoneElse))).isEmpty();
	}

	private static CareTeam aTeam(PatientId patient) {
		CareTeam team = new CareTeam();
		team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
		team.setSubject(new Reference("Patient/" + patient));
		Practitioner ruth = new Practitioner();
		ruth.setId("ruth");
		ruth.addName().setText("Dr. Ruth Adeyemi");
		ruth.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+1 614 555 0142");
		team.addContained(ruth);
		CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
		participant.addRole(new CodeableConcept().setText("Cardiologist"));
		participant.setMember(new Reference("#ruth"));
		participant.setOnBehalfOf(new Reference().setDisplay("Riverside Cardiology"));
		participant.getPeriod().setStartElement(new DateTimeType("2026-11-02"));
		participant.addExtension(new Extension(CHANNEL, new CodeType("FAX")));
		return team;
	}

	private static org.hl7.fhir.r4.model.Goal aGoal(PatientId patient) {
		org.hl7.fhir.r4.model.Goal goal = new org.hl7.fhir.r4.model.Goal();
		goal.setLifecycleStatus(org.hl7.fhir.r4.model.Goal.GoalLifecycleStatus.ACTIVE);
		goal.getDescription().setText("Walks 20 minutes a day");
		goal.setSubject(new Reference("Patient/" + patient));
		goal.addTarget().getMeasure().setText("Walks 20 minutes a day");
		goal.getTargetFirstRep().setDue(new org.hl7.fhir.r4.model.DateType("2027-03-01"));
		return goal;
	}

	private String user() {
		String name = "team-fhir-" + NEXT.incrementAndGet();
		this.accounts.create(name, name, "Marble-orchard-sunrise-17", Set.of(Role.COORDINATOR), null);
		return name;
	}

	private static final List<String> FAMILIES = List.of("Okonkwo", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Petrov",
			"Silva", "Nakamura", "Kowalski", "Duarte", "Fischer", "Abara");

	private final java.util.Map<PatientId, String> sourceIds = new java.util.concurrent.ConcurrentHashMap<>();

	/** A patient with heart failure and an imported care team of their hospital's. */
	private PatientId patientOf(String coordinator) {
		String id = "tf-" + NEXT.incrementAndGet();
		PatientId patient = new PatientId(new RecordKey(SOURCE, "Patient", id).id());
		this.sourceIds.put(patient, id);
		// A family name of its own: two of one name a day apart in birth would be linked.
		String family = FAMILIES.get(NEXT.get() % FAMILIES.size()) + "-" + NEXT.get();
		String json = new String(CarePlanFixture.aPatient(id, "Fhir", family).withHeartFailure().json(),
				java.nio.charset.StandardCharsets.UTF_8);
		String careTeam = """
				{"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "CareTeam", "id": "%s-team", "status": "active",
				 "subject": {"reference": "urn:uuid:%s"},
				 "participant": [{"member": {"display": "Dr. Patel"}, "role": [{"text": "Hospitalist"}]}]},
				 "request": {"method": "PUT", "url": "CareTeam/%s-team"}}""".formatted(
				java.util.UUID.nameUUIDFromBytes(("CareTeam/" + id).getBytes()), id,
				java.util.UUID.nameUUIDFromBytes(("Patient/" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				id);
		json = json.substring(0, json.lastIndexOf(']')) + "," + careTeam + "]}";
		this.fhirImport.importBundle(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), SOURCE, "test");
		this.caseloads.assign(patient, coordinator, Relation.COORDINATOR);
		return patient;
	}

	private IGenericClient client(String user) {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + this.port + "/fhir");
		client.registerInterceptor(
				new BearerTokenAuthInterceptor(this.tokens.issue(user, "care team FHIR tests", Duration.ofHours(1))));
		return client;
	}

}
