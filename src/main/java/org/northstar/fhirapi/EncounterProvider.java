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
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import org.springframework.stereotype.Component;

/** Encounter resources, imported as their sources sent them; read-only. */
@Component
class EncounterProvider implements IResourceProvider {

	private final ClinicalSearch search;

	EncounterProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Encounter> getResourceType() {
		return Encounter.class;
	}

	@Read
	public Encounter read(@IdParam IdType id, HttpServletRequest request) {
		return (Encounter) this.search.read("Encounter", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "patient", targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = "class") TokenOrListParam encounterClass,
			@OptionalParam(name = "status") TokenOrListParam status,
			@OptionalParam(name = "type") TokenOrListParam type, @OptionalParam(name = "date") DateRangeParam date,
			@OptionalParam(name = "identifier") TokenParam identifier, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary,
			@IncludeParam(allow = { "Encounter:patient" }) Set<Include> includes, HttpServletRequest request) {
		return this.search.search("Encounter", patient,
				ClinicalSearch.criteria(ClinicalSearch.coded("class", encounterClass),
						ClinicalSearch.coded("status", status), ClinicalSearch.coded("type", type),
						ClinicalSearch.dates(date), ClinicalSearch.identifier(identifier)),
				sort, offset, count, summary, includes, request);
	}

}
