package org.northstar.fhirapi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.PlanConflictException;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalResources;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * CarePlans: those imported, read-only as their sources sent them, and each person's one
 * Northstar plan (source "northstar"), which the person's care team creates and updates
 * with {@code If-Match}. Searches by patient return the person's Northstar plan first.
 */
@Component
class CarePlanProvider implements IResourceProvider {

	private final ClinicalSearch search;

	private final CarePlans plans;

	private final People people;

	private final FhirAccess access;

	private final BaseR4Validator validator;

	private final ClinicalResources resources;

	CarePlanProvider(ClinicalSearch search, CarePlans plans, People people, FhirAccess access,
			BaseR4Validator validator, ClinicalResources resources) {
		this.resources = resources;
		this.search = search;
		this.plans = plans;
		this.people = people;
		this.access = access;
		this.validator = validator;
	}

	@Override
	public Class<CarePlan> getResourceType() {
		return CarePlan.class;
	}

	@Read
	public CarePlan read(@IdParam IdType id, HttpServletRequest request) {
		Optional<org.northstar.careplan.CarePlan> own = NorthstarPlans.uuid(id).flatMap(this.plans::byFhirId);
		if (own.isPresent()) {
			Caller caller = this.access.caller(request);
			this.access.openPatient(caller, own.get().patient(), AuditAction.READ,
					"GET /fhir/CarePlan/" + id.getIdPart(), new IdType("CarePlan", id.getIdPart()));
			return NorthstarPlans.toFhir(own.get());
		}
		return (CarePlan) this.search.read("CarePlan", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "status") TokenOrListParam status, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "CarePlan:patient" }) Set<Include> includes, HttpServletRequest request) {
		List<CarePlan> own = List.of();
		if (patient != null && (status == null
				|| status.getValuesAsQueryTokens().stream().map(TokenParam::getValue).anyMatch("active"::equals))) {
			own = this.plans.of(this.people.recordsOf(ClinicalSearch.patientId(patient)))
				.map(NorthstarPlans::toFhir)
				.map(List::of)
				.orElse(List.of());
		}
		return OwnAndImported.page(own, offset, count, summary,
				(first, size) -> this.search.search("CarePlan", patient,
						ClinicalSearch.criteria(ClinicalSearch.coded("status", status)), sort, first, size, summary,
						includes, request));
	}

	/** Opens the person's Northstar plan, with the activities sent as interventions. */
	@Create
	public MethodOutcome create(@ResourceParam CarePlan resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "POST /fhir/CarePlan";
		this.access.requireWrite(caller, AuditAction.CREATE, what);
		requireCareTeam(caller, what);
		this.validator.requireValid(resource);
		PatientId patient = NorthstarPlans.subject(resource.getSubject(), "CarePlan.subject");
		this.access.openPatientToChange(caller, patient, AuditAction.CREATE, what,
				new IdType("Patient", patient.toString()));
		List<PatientId> records = this.people.recordsOf(patient);
		this.plans.of(records).ifPresent(existing -> {
			throw new ResourceVersionConflictException("Patient/" + patient
					+ " already has a Northstar care plan, CarePlan/" + existing.fhirId() + ": update that one");
		});
		NorthstarPlans.PlanChange change = NorthstarPlans.plan(resource, null, caller.user().username());
		List<org.northstar.careplan.ItemDraft> problems = NorthstarPlans.addressed(resource, null,
				id -> conditionOf(records, id));
		try {
			// The plan and its items in one transaction: a failure midway leaves no plan.
			org.northstar.careplan.CarePlan plan = this.plans.create(patient, records,
					concat(problems, change.additions()), caller.user().username());
			CarePlan body = NorthstarPlans.toFhir(plan);
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), true);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException(ex.getMessage());
		}
		catch (PlanConflictException ex) {
			throw new ResourceVersionConflictException("Patient/" + patient + ": " + ex.getMessage());
		}
	}

	/**
	 * Revises the person's Northstar plan: activities with their id change those items,
	 * others are added; activities left out are left as they are (end one with status
	 * cancelled or completed). Imported plans are read-only.
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam CarePlan resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "PUT /fhir/CarePlan/" + id.getIdPart();
		this.access.requireWrite(caller, AuditAction.UPDATE, what);
		requireCareTeam(caller, what);
		org.northstar.careplan.CarePlan plan = NorthstarPlans.uuid(id)
			.flatMap(this.plans::byFhirId)
			.orElseThrow(() -> readOnlyOrMissing(id));
		this.access.openPatientToChange(caller, plan.patient(), AuditAction.UPDATE, what,
				new IdType("CarePlan", id.getIdPart()));
		this.validator.requireValid(resource);
		PatientId subject = NorthstarPlans.subject(resource.getSubject(), "CarePlan.subject");
		if (!this.people.recordsOf(plan.patient()).contains(subject)) {
			throw new UnprocessableEntityException("A care plan cannot move to another person: CarePlan/"
					+ plan.fhirId() + " is for Patient/" + plan.patient());
		}
		Integer expected = NorthstarPlans.expectedVersion(request, id, resource, "CarePlan/" + plan.fhirId(),
				plan.version());
		NorthstarPlans.PlanChange change = NorthstarPlans.plan(resource, plan, caller.user().username());
		List<PatientId> records = this.people.recordsOf(plan.patient());
		List<org.northstar.careplan.ItemDraft> problems = NorthstarPlans.addressed(resource, plan,
				conditionId -> conditionOf(records, conditionId));
		try {
			org.northstar.careplan.CarePlan revised = this.plans.revise(plan.id(),
					expected == null ? plan.version() : expected, change.revisions(),
					concat(problems, change.additions()), caller.user().username());
			CarePlan body = NorthstarPlans.toFhir(revised);
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), false);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException(ex.getMessage());
		}
		catch (PlanConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
	}

	/**
	 * 405 for an imported CarePlan, kept as its source sent it; 404 for an id that names
	 * nothing.
	 */
	private RuntimeException readOnlyOrMissing(IdType id) {
		boolean imported = NorthstarPlans.uuid(id)
			.flatMap(this.resources::find)
			.filter(r -> "CarePlan".equals(r.resourceType()))
			.isPresent();
		return imported ? new MethodNotAllowedException(
				"CarePlan/" + id.getIdPart()
						+ " was sent by its source and is read-only: only a person's Northstar plan is changed here",
				RequestTypeEnum.GET) : new ResourceNotFoundException(new IdType("CarePlan", id.getIdPart()));
	}

	/** The recorded Condition with this id, if it is on one of the person's records. */
	private Optional<org.hl7.fhir.r4.model.Condition> conditionOf(List<PatientId> records, java.util.UUID id) {
		return this.resources.find(id)
			.filter(r -> "Condition".equals(r.resourceType()) && r.patient() != null && records.contains(r.patient()))
			.map(r -> FhirServerConfiguration.FHIR.newJsonParser()
				.parseResource(org.hl7.fhir.r4.model.Condition.class, r.json()));
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new java.util.ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private void requireCareTeam(Caller caller, String what) {
		if (PatientAccess.CLINICAL_ROLES.stream().noneMatch(caller.user()::has)) {
			throw this.access.refuse(caller, AuditAction.UPDATE, what,
					"Only a coordinator, supervisor or care-team member writes a care plan");
		}
	}

}
