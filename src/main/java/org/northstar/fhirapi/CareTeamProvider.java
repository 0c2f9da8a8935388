package org.northstar.fhirapi;

import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import org.springframework.stereotype.Component;

/** CareTeam resources, imported as their sources sent them; read-only. */
@Component
class CareTeamProvider implements IResourceProvider {

	private final ClinicalSearch search;

	CareTeamProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<CareTeam> getResourceType() {
		return CareTeam.class;
	}

	@Read
	public CareTeam read(@IdParam IdType id, HttpServletRequest request) {
		return (CareTeam) this.search.read("CareTeam", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "status") TokenOrListParam status, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "CareTeam:patient" }) Set<Include> includes, HttpServletRequest request) {
		return this.search.search("CareTeam", patient, ClinicalSearch.criteria(ClinicalSearch.coded("status", status)),
				sort, offset, count, summary, includes, request);
	}

}
