package org.northstar.fhirapi;

import java.time.Clock;
import java.time.LocalDate;
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
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.northstar.audit.AuditAction;
import org.northstar.careplan.CareTeams;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.PlanConflictException;
import org.northstar.caseload.PatientAccess;
import org.northstar.clinical.ClinicalResources;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * CareTeams: those imported, read-only as their sources sent them, and each person's
 * Northstar care team (source "northstar"), which the person's coordinators create and
 * update with {@code If-Match}, validated against base R4. Searches by patient return the
 * person's Northstar team first. See {@link NorthstarTeams} for the mapping.
 */
@Component
class CareTeamProvider implements IResourceProvider {

	private final ClinicalSearch search;

	private final CareTeams teams;

	private final People people;

	private final FhirAccess access;

	private final BaseR4Validator validator;

	private final ClinicalResources resources;

	private final Clock clock;

	CareTeamProvider(ClinicalSearch search, CareTeams teams, People people, FhirAccess access,
			BaseR4Validator validator, ClinicalResources resources, Clock clock) {
		this.search = search;
		this.teams = teams;
		this.people = people;
		this.access = access;
		this.validator = validator;
		this.resources = resources;
		this.clock = clock;
	}

	@Override
	public Class<CareTeam> getResourceType() {
		return CareTeam.class;
	}

	@Read
	public CareTeam read(@IdParam IdType id, HttpServletRequest request) {
		Optional<org.northstar.careplan.CareTeam> own = NorthstarPlans.uuid(id).flatMap(this.teams::byFhirId);
		if (own.isPresent()) {
			this.access.openPatient(this.access.caller(request), own.get().patient(), AuditAction.READ,
					"GET /fhir/CareTeam/" + id.getIdPart(), new IdType("CareTeam", id.getIdPart()));
			return NorthstarTeams.toFhir(own.get());
		}
		return (CareTeam) this.search.read("CareTeam", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "status") TokenOrListParam status, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "CareTeam:patient" }) Set<Include> includes, HttpServletRequest request) {
		List<CareTeam> own = List.of();
		if (patient != null && (status == null
				|| status.getValuesAsQueryTokens().stream().map(TokenParam::getValue).anyMatch("active"::equals))) {
			own = this.teams.of(this.people.recordsOf(ClinicalSearch.patientId(patient)))
				.filter(team -> !team.members().isEmpty())
				.map(NorthstarTeams::toFhir)
				.map(List::of)
				.orElse(List.of());
		}
		// The imported search decides access (and refuses) before anything own is
		// returned.
		return OwnAndImported.page(own, offset, count, summary,
				(first, size) -> this.search.search("CareTeam", patient,
						ClinicalSearch.criteria(ClinicalSearch.coded("status", status)), sort, first, size, summary,
						includes, request));
	}

	/** Makes the person's Northstar care team, opening their plan if need be. */
	@Create
	public MethodOutcome create(@ResourceParam CareTeam resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "POST /fhir/CareTeam";
		this.access.requireWrite(caller, AuditAction.CREATE, what);
		requireCoordinator(caller, what);
		this.validator.requireValid(resource);
		PatientId patient = NorthstarPlans.subject(resource.getSubject(), "CareTeam.subject");
		this.access.openPatientToChange(caller, patient, AuditAction.CREATE, what,
				new IdType("Patient", patient.toString()));
		List<PatientId> records = this.people.recordsOf(patient);
		this.teams.of(records).filter(team -> !team.members().isEmpty()).ifPresent(existing -> {
			throw new ResourceVersionConflictException("Patient/" + patient
					+ " already has a Northstar care team, CareTeam/" + existing.fhirId() + ": update that one");
		});
		NorthstarTeams.TeamChange change = NorthstarTeams.team(resource, null, LocalDate.now(this.clock));
		String by = caller.user().username();
		try {
			// The plan it may open and every member in one transaction: a member that
			// cannot be added leaves no empty plan behind.
			org.northstar.careplan.CareTeam team = this.teams.create(patient, records, change.additions(), by);
			CareTeam body = NorthstarTeams.toFhir(team);
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), true);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException("CareTeam: " + ex.getMessage());
		}
		catch (PlanConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
	}

	/**
	 * Revises the person's Northstar care team against its version: participants with
	 * their id change those members (a {@code period.end} ends the membership), others
	 * join; members left out stay as they are. Imported care teams are read-only.
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam CareTeam resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "PUT /fhir/CareTeam/" + id.getIdPart();
		this.access.requireWrite(caller, AuditAction.UPDATE, what);
		requireCoordinator(caller, what);
		org.northstar.careplan.CareTeam team = NorthstarPlans.uuid(id)
			.flatMap(this.teams::byFhirId)
			.orElseThrow(() -> readOnlyOrMissing(id));
		this.access.openPatientToChange(caller, team.patient(), AuditAction.UPDATE, what,
				new IdType("CareTeam", id.getIdPart()));
		this.validator.requireValid(resource);
		PatientId subject = NorthstarPlans.subject(resource.getSubject(), "CareTeam.subject");
		if (!this.people.recordsOf(team.patient()).contains(subject)) {
			throw new UnprocessableEntityException("A care team cannot move to another person: CareTeam/"
					+ team.fhirId() + " is for Patient/" + team.patient());
		}
		Integer expected = NorthstarPlans.expectedVersion(request, id, resource, "CareTeam/" + team.fhirId(),
				team.version());
		NorthstarTeams.TeamChange change = NorthstarTeams.team(resource, team, LocalDate.now(this.clock));
		try {
			org.northstar.careplan.CareTeam revised = this.teams.revise(team.planId(),
					expected == null ? team.version() : expected, change.revisions(), change.additions(),
					caller.user().username());
			CareTeam body = NorthstarTeams.toFhir(revised);
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), false);
			outcome.setResource(body);
			return outcome;
		}
		catch (InvalidPlanItemException ex) {
			throw new UnprocessableEntityException("CareTeam: " + ex.getMessage());
		}
		catch (PlanConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
	}

	/** 405 for an imported CareTeam; 404 for an id that names nothing. */
	private RuntimeException readOnlyOrMissing(IdType id) {
		boolean imported = NorthstarPlans.uuid(id)
			.flatMap(this.resources::find)
			.filter(r -> "CareTeam".equals(r.resourceType()))
			.isPresent();
		return imported ? new MethodNotAllowedException("CareTeam/" + id.getIdPart()
				+ " was sent by its source and is read-only: only a person's Northstar care team is changed here",
				RequestTypeEnum.GET) : new ResourceNotFoundException(new IdType("CareTeam", id.getIdPart()));
	}

	private void requireCoordinator(Caller caller, String what) {
		if (PatientAccess.CLINICAL_ROLES.stream().noneMatch(caller.user()::has)) {
			throw this.access.refuse(caller, AuditAction.UPDATE, what,
					"Only a coordinator, supervisor or care-team member writes a care team");
		}
	}

}
