package org.northstar.fhirapi;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.northstar.clinical.ResourceQuery;

import org.springframework.stereotype.Component;

/**
 * Practitioner resources, imported as their sources sent them; read-only. They belong to
 * no patient's record, so any user with a read scope but patient/*.read may read them.
 */
@Component
class PractitionerProvider implements IResourceProvider {

	private final ClinicalSearch search;

	PractitionerProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Practitioner> getResourceType() {
		return Practitioner.class;
	}

	@Read
	public Practitioner read(@IdParam IdType id, HttpServletRequest request) {
		return (Practitioner) this.search.read("Practitioner", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "identifier") TokenParam identifier,
			@OptionalParam(name = "name") StringParam name, @Offset Integer offset, @Count Integer count,
			SummaryEnum summary, HttpServletRequest request) {
		return this.search.search("Practitioner", null,
				ClinicalSearch.criteria(ClinicalSearch.identifier(identifier),
						name == null ? null : new ResourceQuery.NameStartsWith(name.getValue())),
				null, offset, count, summary, null, request);
	}

}
