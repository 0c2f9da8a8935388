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
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import org.springframework.stereotype.Component;

/** Coverage resources, imported as their sources sent them; read-only. */
@Component
class CoverageProvider implements IResourceProvider {

	private final ClinicalSearch search;

	CoverageProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Coverage> getResourceType() {
		return Coverage.class;
	}

	@Read
	public Coverage read(@IdParam IdType id, HttpServletRequest request) {
		return (Coverage) this.search.read("Coverage", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "status") TokenOrListParam status, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "Coverage:patient" }) Set<Include> includes, HttpServletRequest request) {
		return this.search.search("Coverage", patient, ClinicalSearch.criteria(ClinicalSearch.coded("status", status)),
				sort, offset, count, summary, includes, request);
	}

}
