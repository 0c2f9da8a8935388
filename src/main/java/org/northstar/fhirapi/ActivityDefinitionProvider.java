package org.northstar.fhirapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.IdType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.fhirapi.FhirAccess.Caller;

import org.springframework.stereotype.Component;

/**
 * The ActivityDefinitions the care-plan templates' actions name, read by id; ids that
 * name none are read from the imported resources.
 */
@Component
class ActivityDefinitionProvider implements IResourceProvider {

	private final PlanDefinitionProvider templates;

	private final ClinicalSearch search;

	private final FhirAccess access;

	ActivityDefinitionProvider(PlanDefinitionProvider templates, ClinicalSearch search, FhirAccess access) {
		this.templates = templates;
		this.search = search;
		this.access = access;
	}

	@Override
	public Class<ActivityDefinition> getResourceType() {
		return ActivityDefinition.class;
	}

	@Read
	public ActivityDefinition read(@IdParam IdType id, HttpServletRequest request) {
		var activity = this.templates.activity(id.getIdPart());
		if (activity.isEmpty()) {
			return (ActivityDefinition) this.search.read("ActivityDefinition", id, request);
		}
		Caller caller = this.access.caller(request);
		String what = "GET /fhir/ActivityDefinition/" + id.getIdPart();
		this.access.readReach(caller, what);
		this.access.auditOther(caller, AuditAction.READ, what, Outcome.SUCCESS);
		return activity.get();
	}

}
