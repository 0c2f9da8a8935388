package org.northstar.fhirapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.ResourcePage;
import org.northstar.clinical.ResourceQuery;
import org.northstar.clinical.ResourceQuery.Criterion;
import org.northstar.clinical.StoredResource;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Reads and searches of imported resources, shared by their providers: parameters to
 * queries, access through {@link FhirAccess}, paging by offset, {@code _include} of the
 * patient, and {@code _summary=count}.
 */
@Component
class ClinicalSearch {

	static final int DEFAULT_COUNT = 20;

	static final int MAX_COUNT = 500;

	private final ClinicalResources resources;

	private final SourceResourceMapper mapper;

	private final PatientResources patients;

	private final FhirAccess access;

	ClinicalSearch(ClinicalResources resources, SourceResourceMapper mapper, PatientResources patients,
			FhirAccess access) {
		this.resources = resources;
		this.mapper = mapper;
		this.patients = patients;
		this.access = access;
	}

	/** A resource of the type by Northstar's id; 404 when there is none. */
	Resource read(String type, IdType id, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "GET /fhir/" + type + "/" + id.getIdPart();
		this.access.readReach(caller, what);
		StoredResource stored = uuid(id).flatMap(this.resources::find)
			.filter(r -> type.equals(r.resourceType()))
			.orElseThrow(() -> new ResourceNotFoundException(new IdType(type, id.getIdPart())));
		if (stored.patient() != null) {
			this.access.openPatient(caller, stored.patient(), AuditAction.READ, what, new IdType(type, id.getIdPart()));
		}
		else {
			requireBeyondOnePatient(caller, AuditAction.READ, what);
			this.access.auditOther(caller, AuditAction.READ, what, Outcome.SUCCESS);
		}
		return this.mapper.toFhir(stored);
	}

	/** Searches one type; see the class comment. */
	IBundleProvider search(String type, ReferenceParam patient, List<Criterion> criteria, SortSpec sort, Integer offset,
			Integer count, SummaryEnum summary, Set<Include> includes, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/" + type, request.getQueryString());
		ResourceQuery.Sort order = sort(type, sort);
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
		PatientId named = patient == null ? null : patientId(patient);
		Collection<PatientId> among;
		if (!inPatientCompartment(type)) {
			requireBeyondOnePatient(caller, AuditAction.SEARCH, what);
			among = null;
		}
		else if (named != null) {
			this.access.openPatient(caller, named, AuditAction.SEARCH, what);
			among = List.of(named);
		}
		else {
			among = this.access.searchablePatients(caller, what);
		}
		ResourcePage page = this.resources.search(new ResourceQuery(type, among, criteria, order, first, size));
		List<Resource> found = this.mapper.toFhir(page.resources());
		if (named == null) {
			this.access.auditSearch(caller, what, page.total(),
					page.resources()
						.stream()
						.map(StoredResource::patient)
						.filter(Objects::nonNull)
						.collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
		}
		if (includes != null && !includes.isEmpty()) {
			includePatients(page.resources(), found);
		}
		return page(found, page.total(), first, size);
	}

	/** Practitioners and organizations belong to no patient's record. */
	static boolean inPatientCompartment(String type) {
		return !"Practitioner".equals(type) && !"Organization".equals(type);
	}

	/** Refuses a patient/*.read token what lies outside any patient's record. */
	private void requireBeyondOnePatient(Caller caller, AuditAction action, String what) {
		if (this.access.readReach(caller, what) == FhirAccess.Reach.PATIENT) {
			throw this.access.refuse(caller, action, what,
					"A patient/*.read token reads patients' records only, not practitioners or organizations");
		}
	}

	static IBundleProvider page(List<? extends IBaseResource> resources, int total, int offset, int count) {
		SimpleBundleProvider provider = new SimpleBundleProvider(resources);
		provider.setSize(total);
		provider.setCurrentPageOffset(offset);
		provider.setCurrentPageSize(count);
		return provider;
	}

	/**
	 * Attaches each resource's patient to its references to that patient, so the bundle
	 * carries them as {@code include} entries.
	 */
	private void includePatients(List<StoredResource> stored, List<Resource> found) {
		Set<PatientId> ids = new LinkedHashSet<>();
		stored.stream().map(StoredResource::patient).filter(Objects::nonNull).forEach(ids::add);
		Map<PatientId, Resource> rendered = this.patients.render(ids);
		for (int i = 0; i < found.size(); i++) {
			PatientId patient = stored.get(i).patient();
			if (patient == null || !rendered.containsKey(patient)) {
				continue;
			}
			String target = "Patient/" + patient;
			for (Reference reference : FhirServerConfiguration.FHIR.newTerser()
				.getAllPopulatedChildElementsOfType(found.get(i), Reference.class)) {
				if (target.equals(reference.getReference())) {
					reference.setResource(rendered.get(patient));
				}
			}
		}
	}

	private static ResourceQuery.Sort sort(String type, SortSpec sort) {
		if (sort == null) {
			return ClinicalResources.dated(type) ? ResourceQuery.Sort.DATE_DESCENDING : ResourceQuery.Sort.STABLE;
		}
		if (!"date".equals(sort.getParamName()) || sort.getChain() != null || !ClinicalResources.dated(type)) {
			throw new InvalidRequestException("_sort: " + type + " sorts only by "
					+ (ClinicalResources.dated(type) ? "date (_sort=date or _sort=-date)" : "nothing (no _sort)")
					+ ", not '" + sort.getParamName() + "'");
		}
		return sort.getOrder() == SortOrderEnum.DESC ? ResourceQuery.Sort.DATE_DESCENDING
				: ResourceQuery.Sort.DATE_ASCENDING;
	}

	/** The patient a {@code patient=} parameter names. */
	static PatientId patientId(ReferenceParam patient) {
		if (patient.getChain() != null && !patient.getChain().isEmpty()) {
			throw new InvalidRequestException("patient: chained searches (patient." + patient.getChain()
					+ ") are not supported; search Patient first, then by patient=Patient/<id>");
		}
		if (patient.getResourceType() != null && !"Patient".equals(patient.getResourceType())) {
			throw new InvalidRequestException("patient must refer to a Patient, not " + patient.getResourceType());
		}
		try {
			return new PatientId(UUID.fromString(patient.getIdPart()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(
					"patient must be a Northstar patient id (Patient/<uuid>), not '" + patient.getValue() + "'");
		}
	}

	static java.util.Optional<UUID> uuid(IdType id) {
		try {
			return java.util.Optional.of(UUID.fromString(id.getIdPart()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return java.util.Optional.empty();
		}
	}

	/** A token parameter as a criterion on a coded field; null when absent. */
	static Criterion coded(String field, TokenOrListParam tokens) {
		if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
			return null;
		}
		List<ResourceQuery.Code> codes = new ArrayList<>();
		for (TokenParam token : tokens.getValuesAsQueryTokens()) {
			if (token.getModifier() != null) {
				throw new InvalidRequestException(
						field + ": modifier :" + token.getModifier().getValue() + " is not supported");
			}
			codes.add(new ResourceQuery.Code(
					token.getSystem() == null || token.getSystem().isEmpty() ? null : token.getSystem(),
					token.getValue()));
		}
		return new ResourceQuery.Coded(field, codes);
	}

	/** An identifier parameter as a criterion; null when absent. */
	static Criterion identifier(TokenParam identifier) {
		if (identifier == null) {
			return null;
		}
		String system = identifier.getSystem() == null || identifier.getSystem().isEmpty() ? null
				: IdentifierSystems.stored(identifier.getSystem());
		return new ResourceQuery.HasIdentifier(system, identifier.getValue());
	}

	/** A date range as a criterion; null when absent. */
	static Criterion dates(DateRangeParam range) {
		if (range == null || (range.getLowerBound() == null && range.getUpperBound() == null)) {
			return null;
		}
		Instant from = range.getLowerBoundAsInstant() == null ? null : range.getLowerBoundAsInstant().toInstant();
		Instant to = range.getUpperBoundAsInstant() == null ? null
				: range.getUpperBoundAsInstant().toInstant().plusMillis(1);
		return new ResourceQuery.DateBetween(from, to);
	}

	/** The criteria given, without the absent ones. */
	static List<Criterion> criteria(Criterion... criteria) {
		List<Criterion> present = new ArrayList<>();
		for (Criterion criterion : criteria) {
			if (criterion != null) {
				present.add(criterion);
			}
		}
		return present;
	}

}
