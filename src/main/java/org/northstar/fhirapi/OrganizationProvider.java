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
import org.hl7.fhir.r4.model.Organization;
import org.northstar.clinical.ResourceQuery;

import org.springframework.stereotype.Component;

/**
 * Organization resources, imported as their sources sent them; read-only. They belong to
 * no patient's record, so any user with a read scope but patient/*.read may read them.
 */
@Component
class OrganizationProvider implements IResourceProvider {

	private final ClinicalSearch search;

	OrganizationProvider(ClinicalSearch search) {
		this.search = search;
	}

	@Override
	public Class<Organization> getResourceType() {
		return Organization.class;
	}

	@Read
	public Organization read(@IdParam IdType id, HttpServletRequest request) {
		return (Organization) this.search.read("Organization", id, request);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = "identifier") TokenParam identifier,
			@OptionalParam(name = "name") StringParam name, @Offset Integer offset, @Count Integer count,
			SummaryEnum summary, HttpServletRequest request) {
		return this.search.search("Organization", null,
				ClinicalSearch.criteria(ClinicalSearch.identifier(identifier),
						name == null ? null : new ResourceQuery.NameStartsWith(name.getValue())),
				null, offset, count, summary, null, request);
	}

}
