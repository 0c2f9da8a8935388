package org.northstar.fhirapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads by id of the resource types that have no provider of their own (Location,
 * Medication, Claim, DiagnosticReport...), so that every reference Northstar rewrites to
 * one of its ids can be followed. Not searchable; read-only like every imported type.
 */
class StoredResourceProvider implements IResourceProvider {

	private final Class<? extends IBaseResource> type;

	private final String typeName;

	private final ClinicalSearch search;

	StoredResourceProvider(Class<? extends IBaseResource> type, ClinicalSearch search) {
		this.type = type;
		this.typeName = FhirServerConfiguration.FHIR.getResourceType(type);
		this.search = search;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return this.type;
	}

	@Read
	public Resource read(@IdParam IdType id, HttpServletRequest request) {
		return this.search.read(this.typeName, id, request);
	}

}
