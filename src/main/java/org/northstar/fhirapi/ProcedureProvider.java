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
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;

import org.springframework.stereotype.Component;

/** Procedure resources, imported as their sources sent them; read-only. */
@Component
class ProcedureProvider implements IResourceProvider {

	private final ClinicalSearch search;

	ProcedureProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Procedure> getResourceType() {
		return Procedure.class;
	}

	@Read
	public Procedure read(@IdParam IdType id, HttpServletRequest request) {
		return (Procedure) this.search.read("Procedure", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "code") TokenOrListParam code,
			@OptionalParam(name = "status") TokenOrListParam status, @OptionalParam(name = "date") DateRangeParam date,
			@Sort SortSpec sort, @Offset Integer offset, @Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "Procedure:patient" }) Set<Include> includes, HttpServletRequest request) {
		return this.search.search(
				"Procedure", patient, ClinicalSearch.criteria(ClinicalSearch.coded("code", code),
						ClinicalSearch.coded("status", status), ClinicalSearch.dates(date)),
				sort, offset, count, summary, includes, request);
	}

}
