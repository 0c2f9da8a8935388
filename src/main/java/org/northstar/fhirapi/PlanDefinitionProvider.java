package org.northstar.fhirapi;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.PlanTemplate;
import org.northstar.careplan.PlanTemplates;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * The care-plan templates as their files hold them: PlanDefinitions (read, search) and
 * {@code PlanDefinition/{id}/$apply?subject=Patient/<id>}, which answers the CarePlan the
 * template would make for the person (status draft, goals contained), as R4's $apply
 * does: it stores nothing. A coordinator applies a template to the person's plan on the
 * patient page. Ids that name no template are read from the imported resources.
 */
@Component
class PlanDefinitionProvider implements IResourceProvider {

	private final PlanTemplates templates;

	private final ClinicalSearch search;

	private final FhirAccess access;

	private final Clock clock;

	PlanDefinitionProvider(PlanTemplates templates, ClinicalSearch search, FhirAccess access, Clock clock) {
		this.templates = templates;
		this.search = search;
		this.access = access;
		this.clock = clock;
	}

	@Override
	public Class<PlanDefinition> getResourceType() {
		return PlanDefinition.class;
	}

	@Read
	public PlanDefinition read(@IdParam IdType id, HttpServletRequest request) {
		Optional<PlanDefinition> template = template(id.getIdPart());
		if (template.isEmpty()) {
			return (PlanDefinition) this.search.read("PlanDefinition", id, request);
		}
		Caller caller = this.access.caller(request);
		String what = "GET /fhir/PlanDefinition/" + id.getIdPart();
		this.access.readReach(caller, what);
		this.access.auditOther(caller, AuditAction.READ, what, Outcome.SUCCESS);
		return template.get();
	}

	/** Every template; they are few. */
	@Search
	public IBundleProvider search(SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "GET /fhir/PlanDefinition";
		this.access.readReach(caller, what);
		this.access.auditOther(caller, AuditAction.SEARCH, what, Outcome.SUCCESS);
		List<PlanDefinition> all = this.templates.all().stream().map(t -> template(t.id()).orElseThrow()).toList();
		return ClinicalSearch.page(summary == SummaryEnum.COUNT ? List.of() : all, all.size(), 0,
				summary == SummaryEnum.COUNT ? 0 : all.size());
	}

	@Operation(name = "$apply", idempotent = true)
	public CarePlan apply(@IdParam IdType id, @OperationParam(name = "subject", min = 1, max = 1) StringType subject,
			HttpServletRequest request) {
		PlanTemplate template = this.templates.find(id.getIdPart())
			.orElseThrow(() -> new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException(
					new IdType("PlanDefinition", id.getIdPart())));
		PatientId patient = NorthstarPlans.subject(new Reference(subject.getValue()), "subject");
		Caller caller = this.access.caller(request);
		this.access.openPatient(caller, patient, AuditAction.READ,
				"GET /fhir/PlanDefinition/" + id.getIdPart() + "/$apply");
		CarePlan plan = new CarePlan();
		plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
		plan.setIntent(CarePlan.CarePlanIntent.PROPOSAL);
		plan.setTitle(template.title());
		plan.addInstantiatesCanonical(template.url());
		plan.setSubject(new Reference("Patient/" + patient));
		int n = 0;
		for (ItemDraft draft : template.drafts(LocalDate.now(this.clock))) {
			n++;
			switch (draft.kind()) {
				case GOAL -> {
					Goal goal = new Goal();
					goal.setId("goal-" + n);
					goal.setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED);
					goal.getDescription().setText(draft.title());
					goal.setSubject(new Reference("Patient/" + patient));
					Goal.GoalTargetComponent target = goal.addTarget();
					if (draft.target().measureCode() != null) {
						target.getMeasure()
							.addCoding(new Coding(NorthstarPlans.LOINC, draft.target().measureCode(), null));
						Range range = new Range();
						if (draft.target().low() != null) {
							range.getLow().setValue(draft.target().low()).setUnit(draft.target().unit());
						}
						if (draft.target().high() != null) {
							range.getHigh().setValue(draft.target().high()).setUnit(draft.target().unit());
						}
						target.setDetail(range);
					}
					if (draft.target().text() != null) {
						target.getMeasure().setText(draft.target().text());
					}
					if (draft.dueOn() != null) {
						target.setDue(new DateType(draft.dueOn().toString()));
					}
					plan.addContained(goal);
					plan.addGoal(new Reference("#goal-" + n));
				}
				case INTERVENTION -> {
					CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
					detail.setCode(new CodeableConcept().setText(draft.title()));
					detail.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
					if (draft.action() != null) {
						detail.setDescription(draft.action());
					}
					if (draft.owner() != null) {
						detail.addPerformer().setDisplay(draft.owner());
					}
					if (draft.dueOn() != null) {
						detail.getScheduledPeriod()
							.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(draft.dueOn().toString()));
					}
				}
				case PROBLEM, BARRIER -> {
					// The problems are the template's focus, named by its goals.
				}
			}
		}
		return plan;
	}

	private Optional<PlanDefinition> template(String id) {
		return this.templates.bundle(id).map(json -> {
			Bundle bundle = FhirServerConfiguration.FHIR.newJsonParser().parseResource(Bundle.class, json);
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				if (resource instanceof PlanDefinition definition) {
					return definition;
				}
			}
			throw new InvalidRequestException("Template " + id + " holds no PlanDefinition");
		});
	}

	/** An ActivityDefinition of any template, by its id. */
	Optional<ActivityDefinition> activity(String id) {
		for (PlanTemplate t : this.templates.all()) {
			Bundle bundle = FhirServerConfiguration.FHIR.newJsonParser()
				.parseResource(Bundle.class, this.templates.bundle(t.id()).orElseThrow());
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() instanceof ActivityDefinition activity
						&& id.equals(activity.getIdElement().getIdPart())) {
					return Optional.of(activity);
				}
			}
		}
		return Optional.empty();
	}

}
