package org.northstar.fhirapi;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.SourceRecords;
import org.northstar.clinical.StoredResource;
import org.northstar.shared.RecordKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Turns resources as their sources sent them into what the API serves: Northstar's id,
 * references rewritten to Northstar's ids where their targets are held (and left exactly
 * as the source wrote them otherwise), and the source in {@code meta.source} and a
 * {@code meta.tag}.
 */
@Component
class SourceResourceMapper {

	/** The code system of the tag that names the source a resource came from. */
	static final String SOURCE_TAG_SYSTEM = "urn:northstar:source";

	/**
	 * The types a {@code urn:uuid:} reference may point at when its element does not say.
	 */
	private static final List<String> LIKELY_TARGETS = List.of("Patient", "Encounter", "Practitioner",
			"PractitionerRole", "Organization", "Location", "Condition", "Observation", "MedicationRequest",
			"Medication", "Procedure", "AllergyIntolerance", "Immunization", "CarePlan", "CareTeam", "Coverage",
			"Claim", "ExplanationOfBenefit", "DiagnosticReport", "DocumentReference", "Device", "ImagingStudy", "Goal",
			"ServiceRequest", "RelatedPerson", "Specimen", "MedicationAdministration", "Provenance");

	/** Elements whose {@code urn:uuid:} reference is almost always of one type. */
	private static final Map<String, String> TARGET_BY_ELEMENT = Map.of("subject", "Patient", "patient", "Patient",
			"beneficiary", "Patient", "encounter", "Encounter", "context", "Encounter");

	private static final int MAX_CACHED = 50_000;

	/**
	 * The id prefix of the OperationOutcome served for a resource that cannot be read.
	 */
	private static final String UNREADABLE = "unreadable-";

	private static final Logger log = LoggerFactory.getLogger(SourceResourceMapper.class);

	private final ClinicalResources resources;

	private final SourceRecords records;

	/**
	 * Conditional references resolved before: they name shared, rarely changing things.
	 */
	private final Map<String, Optional<String>> conditional = new ConcurrentHashMap<>();

	SourceResourceMapper(ClinicalResources resources, SourceRecords records) {
		this.resources = resources;
		this.records = records;
	}

	/**
	 * The resource as served.
	 * @throws InternalErrorException when what is stored cannot be read as FHIR R4
	 */
	Resource toFhir(StoredResource stored) {
		Resource resource = toFhir(List.of(stored)).get(0);
		if (resource instanceof OperationOutcome outcome && outcome.getIdElement().getIdPart().startsWith(UNREADABLE)) {
			throw new InternalErrorException(outcome.getIssueFirstRep().getDiagnostics(), outcome);
		}
		return resource;
	}

	/**
	 * The resources as served, in the same order. One that cannot be read as FHIR R4 is
	 * replaced by an OperationOutcome that says so ({@code search.mode = outcome} in a
	 * search): one bad record never fails a search for everything else.
	 */
	List<Resource> toFhir(List<StoredResource> stored) {
		IParser parser = FhirServerConfiguration.FHIR.newJsonParser();
		FhirTerser terser = FhirServerConfiguration.FHIR.newTerser();
		List<Resource> result = new ArrayList<>(stored.size());
		List<Pending> pending = new ArrayList<>();
		Set<UUID> candidates = new HashSet<>();
		for (StoredResource s : stored) {
			Resource resource;
			try {
				resource = (Resource) parser.parseResource(s.json());
			}
			catch (DataFormatException | ClassCastException ex) {
				result.add(unreadable(s, ex));
				continue;
			}
			resource.setId(s.resourceType() + "/" + s.id());
			resource.getMeta().setSource(s.source());
			resource.getMeta().addTag(new Coding(SOURCE_TAG_SYSTEM, s.source(), "Source: " + s.source()));
			if (s.receivedAt() != null) {
				resource.getMeta().setLastUpdated(Date.from(s.receivedAt()));
			}
			for (Identifier identifier : terser.getAllPopulatedChildElementsOfType(resource, Identifier.class)) {
				if (identifier.hasSystem()) {
					identifier.setSystem(IdentifierSystems.served(identifier.getSystem()));
				}
			}
			for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
				IBaseReference ref = info.getResourceReference();
				String value = ref.getReferenceElement().getValue();
				if (value == null || value.startsWith("#")) {
					continue;
				}
				if (value.startsWith("urn:uuid:") || value.startsWith("urn:oid:")) {
					String sourceId = value.substring(value.lastIndexOf(':') + 1);
					String guess = TARGET_BY_ELEMENT.get(info.getName());
					List<String> types = guess != null ? List.of(guess) : LIKELY_TARGETS;
					Map<UUID, String> ids = new HashMap<>();
					for (String type : types) {
						UUID id = new RecordKey(s.source(), type, sourceId).id();
						ids.put(id, type);
						candidates.add(id);
					}
					pending.add(new Pending((Reference) ref, ids));
				}
				else if (value.contains("?")) {
					conditional(value, s.source()).ifPresent(target -> ((Reference) ref).setReference(target));
				}
				else {
					RecordKey target = typeAndId(value, s.source());
					if (target != null) {
						candidates.add(target.id());
						pending.add(new Pending((Reference) ref, Map.of(target.id(), target.resourceType())));
					}
				}
			}
			result.add(resource);
		}
		if (!pending.isEmpty()) {
			// A reference is rewritten only to what is held; the rest stay as the source
			// wrote them: a server elsewhere, or a record Northstar never received. A
			// reference Northstar wrote itself (the HL7 feed's Encounter.subject) already
			// carries Northstar's id, which no source's id derives to, and stays too.
			Map<UUID, String> found = this.resources.typesOf(candidates);
			for (Pending p : pending) {
				for (Map.Entry<UUID, String> candidate : p.candidates().entrySet()) {
					if (candidate.getValue().equals(found.get(candidate.getKey()))) {
						p.reference().setReference(candidate.getValue() + "/" + candidate.getKey());
						break;
					}
				}
			}
		}
		return result;
	}

	private static Resource unreadable(StoredResource s, Exception ex) {
		String what = s.resourceType() + "/" + s.id() + " from " + s.source();
		log.warn("{} is stored but cannot be read as FHIR R4; it is left out of what is served: {}", what,
				ex.getMessage());
		OperationOutcome outcome = new OperationOutcome();
		outcome.setId(UNREADABLE + s.id());
		outcome.addIssue()
			.setSeverity(OperationOutcome.IssueSeverity.ERROR)
			.setCode(OperationOutcome.IssueType.PROCESSING)
			.setDiagnostics(what + " is stored but cannot be read as FHIR R4: " + ex.getMessage());
		ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
		return outcome;
	}

	/**
	 * The key of a {@code Type/id} reference, relative or at the end of an absolute URL,
	 * in the referring resource's source; null when it is not one.
	 */
	private static RecordKey typeAndId(String value, String source) {
		String path = value;
		int history = path.indexOf("/_history/");
		if (history > 0) {
			path = path.substring(0, history);
		}
		String[] parts = path.split("/");
		if (parts.length < 2 || parts[parts.length - 2].isEmpty() || parts[parts.length - 1].isEmpty()
				|| !Character.isUpperCase(parts[parts.length - 2].charAt(0))) {
			return null;
		}
		return new RecordKey(source, parts[parts.length - 2], parts[parts.length - 1]);
	}

	/** {@code Type?identifier=system|value}, as the importer resolved it. */
	private Optional<String> conditional(String value, String source) {
		String key = source + "\u0000" + value;
		Optional<String> cached = this.conditional.get(key);
		if (cached != null) {
			return cached;
		}
		Optional<String> target = Optional.empty();
		int query = value.indexOf('?');
		String type = value.substring(0, query);
		String criteria = value.substring(query + 1);
		if (criteria.startsWith("identifier=")) {
			String token = java.net.URLDecoder.decode(criteria.substring("identifier=".length()),
					java.nio.charset.StandardCharsets.UTF_8);
			int bar = token.indexOf('|');
			if (bar >= 0) {
				target = this.records.findByIdentifier(type, token.substring(0, bar), token.substring(bar + 1), source)
					.map(id -> type + "/" + id);
			}
		}
		if (this.conditional.size() > MAX_CACHED) {
			this.conditional.clear();
		}
		this.conditional.put(key, target);
		return target;
	}

	private record Pending(Reference reference, Map<UUID, String> candidates) {
	}

}
