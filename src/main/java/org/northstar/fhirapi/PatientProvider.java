package org.northstar.fhirapi;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.StoredResource;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.PatientPage;
import org.northstar.patient.PatientQuery;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Tasks;

import org.springframework.stereotype.Component;

/**
 * Patients: read, search, and {@code $everything}, the whole record of the person across
 * every patient record linked to theirs.
 */
@Component
class PatientProvider implements IResourceProvider {

	/** The types $everything adds when the record refers to them. */
	private static final Set<String> SHARED_TYPES = Set.of("Practitioner", "PractitionerRole", "Organization",
			"Location", "Medication");

	private final Patients patients;

	private final People people;

	private final PatientResources resources;

	private final ClinicalResources clinical;

	private final SourceResourceMapper mapper;

	private final Tasks tasks;

	private final FhirAccess access;

	private final AuditTrail audit;

	PatientProvider(Patients patients, People people, PatientResources resources, ClinicalResources clinical,
			SourceResourceMapper mapper, Tasks tasks, FhirAccess access, AuditTrail audit) {
		this.patients = patients;
		this.people = people;
		this.resources = resources;
		this.clinical = clinical;
		this.mapper = mapper;
		this.tasks = tasks;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public Class<Patient> getResourceType() {
		return Patient.class;
	}

	@Read
	public Patient read(@IdParam IdType id, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		PatientId patient = existing(id);
		this.access.openPatient(caller, patient, AuditAction.READ, "GET /fhir/Patient/" + patient,
				new IdType("Patient", id.getIdPart()));
		Resource resource = this.resources.render(List.of(patient)).get(patient);
		if (resource instanceof OperationOutcome unreadable) {
			throw new InternalErrorException(unreadable.getIssueFirstRep().getDiagnostics(), unreadable);
		}
		return (Patient) resource;
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
			@OptionalParam(name = Patient.SP_NAME) StringParam name,
			@OptionalParam(name = Patient.SP_FAMILY) StringParam family,
			@OptionalParam(name = Patient.SP_GIVEN) StringParam given,
			@OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthdate,
			@OptionalParam(name = Patient.SP_GENDER) TokenParam gender,
			@OptionalParam(name = Patient.SP_RES_ID) TokenParam resourceId, @Offset Integer offset,
			@Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/Patient", request.getQueryString());
		Collection<PatientId> among = this.access.searchablePatients(caller, what);
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		List<PatientId> ids = null;
		if (resourceId != null) {
			ids = new ArrayList<>();
			for (String part : resourceId.getValue().split(",")) {
				ClinicalSearch.uuid(new IdType(part.strip())).map(PatientId::new).ifPresent(ids::add);
			}
		}
		LocalDate bornFrom = null;
		LocalDate bornBefore = null;
		if (birthdate != null) {
			bornFrom = birthdate.getLowerBoundAsInstant() == null ? null
					: birthdate.getLowerBoundAsInstant().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
			bornBefore = birthdate.getUpperBoundAsInstant() == null ? null
					: birthdate.getUpperBoundAsInstant().toInstant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
		}
		PatientPage page = this.patients.search(new PatientQuery(among, ids,
				identifier == null ? null : IdentifierSystems.stored(blank(identifier.getSystem())),
				identifier == null ? null : identifier.getValue(), value(name), value(family), value(given), bornFrom,
				bornBefore, gender == null ? null : gender.getValue(), first, size));
		Map<PatientId, Resource> rendered = this.resources.render(page.patients());
		this.access.auditSearch(caller, what, page.total(), page.patients());
		return ClinicalSearch.page(new ArrayList<>(rendered.values()), page.total(), first, size);
	}

	/**
	 * Everything Northstar holds about the person: the records of every patient record
	 * linked to this one, each resource tagged with its source, and their tasks.
	 */
	@Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
	public Bundle everything(@IdParam IdType id, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		PatientId patient = existing(id);
		String what = "GET /fhir/Patient/" + patient + "/$everything";
		this.access.openPatient(caller, patient, AuditAction.EXPORT, what, new IdType("Patient", id.getIdPart()));
		List<PatientId> linked = this.people.recordsOf(patient);
		// Access to the person was decided on the record asked for; the linked records
		// are
		// the same person's, each audited so that its own trail shows the export.
		for (PatientId other : linked) {
			if (!other.equals(patient)) {
				this.audit.record(new AuditRecord(caller.user().username(), caller.user().roleNames(),
						AuditAction.EXPORT, other, what + " (a record linked to Patient/" + patient + ")",
						caller.address(), Outcome.SUCCESS, false, null));
			}
		}
		String url = request.getRequestURL().toString();
		String base = url.substring(0, url.indexOf("/fhir/") + "/fhir/".length());
		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.SEARCHSET);
		Map<PatientId, Resource> patientResources = this.resources.render(linked);
		for (Resource resource : patientResources.values()) {
			entry(bundle, base, resource);
		}
		List<StoredResource> stored = this.clinical.ofPatients(linked)
			.stream()
			.filter(r -> !"Patient".equals(r.resourceType()))
			.toList();
		List<Resource> resources = this.mapper.toFhir(stored);
		for (Resource resource : resources) {
			entry(bundle, base, resource);
		}
		for (PatientId record : linked) {
			this.tasks.search(List.of(record), null, null, 0, Integer.MAX_VALUE)
				.tasks()
				.forEach(task -> entry(bundle, base, TaskProvider.toFhir(task)));
		}
		for (Resource resource : this.mapper.toFhir(referencedSharedResources(resources))) {
			entry(bundle, base, resource).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
		}
		bundle.setTotal(bundle.getEntry().size());
		return bundle;
	}

	/**
	 * The practitioners, organizations, locations and medications the record refers to.
	 * Only resources that belong to no patient: a reference never opens another patient's
	 * record.
	 */
	private List<StoredResource> referencedSharedResources(List<Resource> record) {
		Set<UUID> ids = new LinkedHashSet<>();
		var terser = FhirServerConfiguration.FHIR.newTerser();
		for (Resource resource : record) {
			for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
				IdType target = new IdType(reference.getReference() == null ? "" : reference.getReference());
				if (target.hasResourceType() && SHARED_TYPES.contains(target.getResourceType())) {
					ClinicalSearch.uuid(target).ifPresent(ids::add);
				}
			}
		}
		return this.clinical.findAll(ids).stream().filter(r -> r.patient() == null).toList();
	}

	private static Bundle.BundleEntryComponent entry(Bundle bundle, String base, Resource resource) {
		Bundle.BundleEntryComponent entry = bundle.addEntry()
			.setFullUrl(base + resource.getIdElement().toUnqualifiedVersionless().getValue())
			.setResource(resource);
		entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
		return entry;
	}

	private PatientId existing(IdType id) {
		UUID uuid = ClinicalSearch.uuid(id).orElseThrow(() -> new ResourceNotFoundException(id));
		PatientId patient = new PatientId(uuid);
		if (this.patients.find(patient).isEmpty()) {
			throw new ResourceNotFoundException(new IdType("Patient", id.getIdPart()));
		}
		return patient;
	}

	private static String value(StringParam param) {
		if (param == null) {
			return null;
		}
		if (param.isExact() || param.isContains()) {
			throw new InvalidRequestException(
					"String searches match the start of a name; :exact and :contains" + " are not supported");
		}
		return param.getValue();
	}

	private static String blank(String text) {
		return text == null || text.isEmpty() ? null : text;
	}

}
