package org.northstar.fhirapi;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.northstar.audit.AuditAction;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.PlanConflictException;
import org.northstar.careplan.PlanItem;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalResources;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Goals: those imported, read-only as their sources sent them, and the goals of each
 * person's Northstar plan (source "northstar"), which the person's care team creates and
 * updates with {@code If-Match}. A goal is kept measurable: a target (a LOINC measure
 * with a Range or Quantity, or words in {@code target.measure.text}) and a
 * {@code target.dueDate}.
 */
@Component
class GoalProvider implements IResourceProvider {

	private final ClinicalSearch search;

	private final CarePlans plans;

	private final People people;

	private final FhirAccess access;

	private final BaseR4Validator validator;

	private final ClinicalResources resources;

	GoalProvider(ClinicalSearch search, CarePlans plans, People people, FhirAccess access, BaseR4Validator validator,
			ClinicalResources resources) {
		this.resources = resources;
		this.search = search;
		this.plans = plans;
		this.people = people;
		this.access = access;
		this.validator = validator;
	}

	@Override
	public Class<Goal> getResourceType() {
		return Goal.class;
	}

	@Read
	public Goal read(@IdParam IdType id, HttpServletRequest request) {
		Optional<PlanItem> own = NorthstarPlans.uuid(id)
			.flatMap(this.plans::itemByFhirId)
			.filter(i -> i.kind() == PlanItem.Kind.GOAL);
		if (own.isPresent()) {
			CarePlan plan = this.plans.find(own.get().planId()).orElseThrow();
			this.access.openPatient(this.access.caller(request), plan.patient(), AuditAction.READ,
					"GET /fhir/Goal/" + id.getIdPart(), new IdType("Goal", id.getIdPart()));
			return NorthstarPlans.toFhir(own.get(), plan.patient());
		}
		return (Goal) this.search.read("Goal", id, request);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Goal.SP_PATIENT, targetTypes = Patient.class) ReferenceParam patient,
			@Offset Integer offset, @Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		// Northstar's own goals are found by patient; a search of every patient's
		// returns the imported ones.
		List<Goal> own = patient == null ? List.of()
				: this.plans.of(this.people.recordsOf(ClinicalSearch.patientId(patient)))
					.map(plan -> plan.goals().stream().map(g -> NorthstarPlans.toFhir(g, plan.patient())).toList())
					.orElse(List.of());
		return OwnAndImported.page(own, offset, count, summary, (first, size) -> this.search.search("Goal", patient,
				List.of(), null, first, size, summary, null, request));
	}

	/** Adds a goal to the person's Northstar plan, opening the plan if need be. */
	@Create
	public MethodOutcome create(@ResourceParam Goal resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "POST /fhir/Goal";
		this.access.requireWrite(caller, AuditAction.CREATE, what);
		requireCareTeam(caller, what);
		this.validator.requireValid(resource);
		PatientId patient = NorthstarPlans.subject(resource.getSubject(), "Goal.subject");
		this.access.openPatientToChange(caller, patient, AuditAction.CREATE, what,
				new IdType("Patient", patient.toString()));
		NorthstarPlans.GoalChange change = NorthstarPlans.goal(resource, null);
		String by = caller.user().username();
		try {
			// The goal, its status and its notes in one transaction with the plan it may
			// open: a note that breaks a rule leaves no goal for a retry to repeat.
			List<PatientId> records = this.people.recordsOf(patient);
			PlanItem goal = this.plans.add(patient, records, change.draft(), change.status(), change.notes(), by);
			CarePlan plan = this.plans.find(goal.planId()).orElseThrow();
			Goal body = NorthstarPlans.toFhir(goal, plan.patient());
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), true);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException("Goal: " + ex.getMessage());
		}
	}

	/**
	 * Changes a goal of a Northstar plan; notes not yet on it are added (notes are never
	 * changed or removed). Imported goals are read-only.
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Goal resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "PUT /fhir/Goal/" + id.getIdPart();
		this.access.requireWrite(caller, AuditAction.UPDATE, what);
		requireCareTeam(caller, what);
		PlanItem current = NorthstarPlans.uuid(id)
			.flatMap(this.plans::itemByFhirId)
			.filter(i -> i.kind() == PlanItem.Kind.GOAL)
			.orElseThrow(() -> readOnlyOrMissing(id));
		CarePlan plan = this.plans.find(current.planId()).orElseThrow();
		this.access.openPatientToChange(caller, plan.patient(), AuditAction.UPDATE, what,
				new IdType("Goal", id.getIdPart()));
		this.validator.requireValid(resource);
		PatientId subject = NorthstarPlans.subject(resource.getSubject(), "Goal.subject");
		if (!this.people.recordsOf(plan.patient()).contains(subject)) {
			throw new UnprocessableEntityException("A goal cannot move to another person: Goal/" + current.fhirId()
					+ " is for Patient/" + plan.patient());
		}
		Integer expected = NorthstarPlans.expectedVersion(request, id, resource, "Goal/" + current.fhirId(),
				current.version());
		NorthstarPlans.GoalChange change = NorthstarPlans.goal(resource, current.origin());
		String by = caller.user().username();
		try {
			PlanItem changed = this.plans.change(plan.id(), current.id(),
					expected == null ? current.version() : expected, change.draft(), change.status(), by);
			for (String note : change.notes()) {
				if (changed.notes().stream().noneMatch(n -> n.text().equals(note.strip()))) {
					this.plans.note(plan.id(), changed.id(), note, by);
				}
			}
			Goal body = NorthstarPlans.toFhir(this.plans.item(changed.id()).orElseThrow(), plan.patient());
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), false);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException("Goal: " + ex.getMessage());
		}
		catch (PlanConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
	}

	/**
	 * 405 for an imported Goal, kept as its source sent it; 404 for an id that names
	 * nothing.
	 */
	private RuntimeException readOnlyOrMissing(IdType id) {
		boolean imported = NorthstarPlans.uuid(id)
			.flatMap(this.resources::find)
			.filter(r -> "Goal".equals(r.resourceType()))
			.isPresent();
		return imported ? new MethodNotAllowedException(
				"Goal/" + id.getIdPart()
						+ " was sent by its source and is read-only: only a person's Northstar plan is changed here",
				RequestTypeEnum.GET) : new ResourceNotFoundException(new IdType("Goal", id.getIdPart()));
	}

	private void requireCareTeam(Caller caller, String what) {
		if (PatientAccess.CLINICAL_ROLES.stream().noneMatch(caller.user()::has)) {
			throw this.access.refuse(caller, AuditAction.UPDATE, what,
					"Only a coordinator, supervisor or care-team member writes a goal");
		}
	}

}
