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
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;

import org.springframework.stereotype.Component;

/** Immunization resources, imported as their sources sent them; read-only. */
@Component
class ImmunizationProvider implements IResourceProvider {

	private final ClinicalSearch search;

	ImmunizationProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Immunization> getResourceType() {
		return Immunization.class;
	}

	@Read
	public Immunization read(@IdParam IdType id, HttpServletRequest request) {
		return (Immunization) this.search.read("Immunization", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "status") TokenOrListParam status,
			@OptionalParam(name = "vaccine-code") TokenOrListParam vaccineCode,
			@OptionalParam(name = "date") DateRangeParam date, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "Immunization:patient" }) Set<Include> includes, HttpServletRequest request) {
		return this.search.search("Immunization", patient,
				ClinicalSearch.criteria(ClinicalSearch.coded("status", status),
						ClinicalSearch.coded("vaccine-code", vaccineCode), ClinicalSearch.dates(date)),
				sort, offset, count, summary, includes, request);
	}

}
