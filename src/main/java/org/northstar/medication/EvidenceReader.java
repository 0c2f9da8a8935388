package org.northstar.medication;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.northstar.clinical.StoredResource;
import org.northstar.medication.Evidence.Kind;
import org.northstar.medication.Evidence.Status;
import org.northstar.shared.RecordKey;

/**
 * Reads what the stored FHIR R4 JSON of a medication resource says, with Jackson: the
 * FHIR model stays at the edges. Unknown or erroneous entries are left out, never
 * guessed.
 */
final class EvidenceReader {

	static final Set<String> TYPES = Set.of("MedicationRequest", "MedicationStatement", "MedicationDispense", "Claim",
			"ExplanationOfBenefit");

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	/** Decimals as sent: a copay of 45.00 stays 45.00. */
	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
		.build();

	private final RxNormCatalog catalog;

	private final ZoneId zone;

	/** Medication resources referred to, by Northstar id, as stored. */
	private final Map<UUID, JsonNode> medications;

	/** Practitioner resources referred to, by Northstar id, as stored. */
	private final Map<UUID, JsonNode> practitioners;

	/**
	 * Days already read, by the text sent: a population's fills repeat the same few
	 * hundred dates, and parsing a dateTime with its offset costs more than the rest of a
	 * claim.
	 */
	private final Map<String, LocalDate> days = new HashMap<>();

	EvidenceReader(RxNormCatalog catalog, ZoneId zone, Map<UUID, JsonNode> medications,
			Map<UUID, JsonNode> practitioners) {
		this.catalog = catalog;
		this.zone = zone;
		this.medications = medications;
		this.practitioners = practitioners;
	}

	/**
	 * The Northstar id of the Practitioner a reference names ({@code Practitioner/7},
	 * {@code urn:uuid:…}, an absolute URL), whether held or not; null for a contained, a
	 * conditional or a missing reference, or one to another type.
	 */
	static UUID practitionerReference(StoredResource resource, JsonNode who) {
		String reference = who.path("reference").asText(null);
		if (reference == null || reference.startsWith("#") || reference.contains("?")) {
			return null;
		}
		boolean practitioner = reference.startsWith("Practitioner/") || reference.contains("/Practitioner/")
				|| reference.startsWith("urn:uuid:");
		if (!practitioner) {
			return null;
		}
		String id = reference.substring(Math.max(reference.lastIndexOf('/'), reference.lastIndexOf(':')) + 1);
		return new RecordKey(resource.source(), "Practitioner", id).id();
	}

	/**
	 * Who a reference to a practitioner names, by the best identity the source gives: an
	 * NPI (on the reference's identifier, in a conditional reference, or on the
	 * Practitioner it names), else the Practitioner the source names, else the name it
	 * displays; null when it says nothing.
	 */
	Prescriber prescriber(StoredResource resource, JsonNode who) {
		if (who.isMissingNode() || who.isNull()) {
			return null;
		}
		String display = who.path("display").asText(null);
		JsonNode identifier = who.path("identifier");
		if (Prescriber.NPI_SYSTEM.equals(identifier.path("system").asText()) && identifier.hasNonNull("value")) {
			return Prescriber.ofNpi(identifier.path("value").asText(), display);
		}
		String reference = who.path("reference").asText("");
		String conditional = "Practitioner?identifier=";
		if (reference.startsWith(conditional)) {
			String token = java.net.URLDecoder.decode(reference.substring(conditional.length()),
					java.nio.charset.StandardCharsets.UTF_8);
			if (token.startsWith(Prescriber.NPI_SYSTEM + "|") && token.length() > Prescriber.NPI_SYSTEM.length() + 1) {
				return Prescriber.ofNpi(token.substring(Prescriber.NPI_SYSTEM.length() + 1), display);
			}
		}
		UUID id = practitionerReference(resource, who);
		if (id != null) {
			JsonNode practitioner = this.practitioners.get(id);
			String name = display != null ? display : practitioner == null ? null : name(practitioner);
			String npi = practitioner == null ? null : npi(practitioner.path("identifier"));
			return npi != null ? Prescriber.ofNpi(npi, name) : new Prescriber("practitioner:" + id, name, null);
		}
		return display != null ? Prescriber.named(display) : null;
	}

	private static String npi(JsonNode identifiers) {
		for (JsonNode identifier : identifiers) {
			if (Prescriber.NPI_SYSTEM.equals(identifier.path("system").asText()) && identifier.hasNonNull("value")) {
				return identifier.path("value").asText();
			}
		}
		return null;
	}

	/**
	 * A Practitioner's first name as written: its text, else prefix, given and family.
	 */
	private static String name(JsonNode practitioner) {
		JsonNode name = practitioner.path("name").path(0);
		if (name.hasNonNull("text")) {
			return name.path("text").asText();
		}
		List<String> parts = new ArrayList<>();
		name.path("prefix").forEach(p -> parts.add(p.asText()));
		name.path("given").forEach(g -> parts.add(g.asText()));
		if (name.hasNonNull("family")) {
			parts.add(name.path("family").asText());
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	/** The Northstar id of the Medication a resource refers to, or null. */
	static UUID medicationReference(StoredResource resource, JsonNode r) {
		String reference = r.path("medicationReference").path("reference").asText(null);
		if (reference == null || reference.startsWith("#")) {
			return null;
		}
		String id = reference.substring(Math.max(reference.lastIndexOf('/'), reference.lastIndexOf(':')) + 1);
		return new RecordKey(resource.source(), "Medication", id).id();
	}

	List<Evidence> read(StoredResource resource) {
		return read(resource, read(resource.json()));
	}

	/** What a resource says, from its JSON already parsed. */
	List<Evidence> read(StoredResource resource, JsonNode r) {
		String status = r.path("status").asText("");
		if (status.equals("entered-in-error") || status.equals("draft")) {
			return List.of();
		}
		return switch (resource.resourceType()) {
			case "MedicationRequest" -> one(resource, r, Kind.ORDER, orderStatus(status), day(r.path("authoredOn")),
					null, prescriber(resource, r.path("requester")), dosage(r.path("dosageInstruction")), null);
			case "MedicationStatement" -> one(resource, r, Kind.STATEMENT, statementStatus(status),
					firstDay(r.path("effectiveDateTime"), r.path("effectivePeriod").path("start"),
							r.path("dateAsserted")),
					day(r.path("effectivePeriod").path("end")), null, dosage(r.path("dosage")), null);
			case "MedicationDispense" -> status.isEmpty() || status.equals("completed")
					? one(resource, r, Kind.DISPENSE, Status.FILLED,
							firstDay(r.path("whenHandedOver"), r.path("whenPrepared")), null, null,
							dosage(r.path("dosageInstruction")), integer(r.path("daysSupply").path("value")))
					: List.of();
			case "Claim", "ExplanationOfBenefit" -> claim(resource, r, status);
			default -> List.of();
		};
	}

	private List<Evidence> claim(StoredResource resource, JsonNode r, String status) {
		if (!"pharmacy".equals(r.path("type").path("coding").path(0).path("code").asText())
				|| status.equals("cancelled")) {
			return List.of();
		}
		Integer supply = null;
		for (JsonNode info : r.path("supportingInfo")) {
			for (JsonNode coding : info.path("category").path("coding")) {
				if ("dayssupply".equalsIgnoreCase(coding.path("code").asText())) {
					supply = integer(info.path("valueQuantity").path("value"));
				}
			}
		}
		List<Evidence> items = new ArrayList<>();
		for (JsonNode item : r.path("item")) {
			JsonNode product = item.path("productOrService");
			String rxcui = rxcui(product);
			if (rxcui == null && !product.has("text")) {
				continue;
			}
			String display = display(product);
			LocalDate date = firstDay(item.path("servicedDate"), item.path("servicedPeriod").path("start"),
					r.path("billablePeriod").path("start"), r.path("created"));
			items.add(new Evidence(resource.id(), Kind.CLAIM, resource.source(), this.catalog.concept(rxcui, display),
					display, Status.FILLED, date, null, null, null, null, List.of(), null, supply,
					resource.receivedAt()));
		}
		return items;
	}

	/**
	 * What the patient paid for each medicine a pharmacy ExplanationOfBenefit
	 * adjudicated: per item, the adjudication of category {@code paidbypatient} (CARIN
	 * Blue Button), else {@code copay} (FHIR R4); for an EOB of one item, its totals of
	 * those categories when the item has none. Items without either are left out: an
	 * unknown copay is never guessed.
	 */
	Map<String, Copay> patientPaid(StoredResource resource) {
		JsonNode r = read(resource.json());
		Map<String, Copay> paid = new java.util.LinkedHashMap<>();
		if (!resource.resourceType().equals("ExplanationOfBenefit")
				|| !"pharmacy".equals(r.path("type").path("coding").path(0).path("code").asText())
				|| r.path("status").asText("").equals("cancelled")
				|| r.path("status").asText("").equals("entered-in-error")) {
			return paid;
		}
		JsonNode items = r.path("item");
		for (JsonNode item : items) {
			JsonNode product = item.path("productOrService");
			String rxcui = rxcui(product);
			if (rxcui == null && !product.has("text")) {
				continue;
			}
			JsonNode amount = patientAmount(item.path("adjudication"));
			if (amount == null && items.size() == 1) {
				amount = patientAmount(r.path("total"));
			}
			if (amount == null || !amount.path("value").isNumber()) {
				continue;
			}
			LocalDate date = firstDay(item.path("servicedDate"), item.path("servicedPeriod").path("start"),
					r.path("billablePeriod").path("start"), r.path("created"));
			paid.put(this.catalog.concept(rxcui, display(product)).key(), new Copay(amount.path("value").decimalValue(),
					amount.path("currency").asText(null), date, resource.source()));
		}
		return paid;
	}

	private static JsonNode patientAmount(JsonNode adjudications) {
		JsonNode copay = null;
		for (JsonNode adjudication : adjudications) {
			for (JsonNode coding : adjudication.path("category").path("coding")) {
				String code = coding.path("code").asText();
				if (code.equals("paidbypatient")) {
					return adjudication.path("amount");
				}
				if (code.equals("copay") && copay == null) {
					copay = adjudication.path("amount");
				}
			}
		}
		return copay;
	}

	private List<Evidence> one(StoredResource resource, JsonNode r, Kind kind, Status status, LocalDate date,
			LocalDate end, Prescriber prescriber, String dosage, Integer supply) {
		if (status == null) {
			return List.of();
		}
		JsonNode code = r.path("medicationCodeableConcept");
		if (code.isMissingNode()) {
			code = medication(resource, r);
		}
		String rxcui = rxcui(code);
		String display = display(code);
		if (rxcui == null && display == null) {
			display = r.path("medicationReference").path("display").asText(null);
		}
		if (rxcui == null && display == null) {
			return List.of();
		}
		List<String> notes = new ArrayList<>();
		r.path("note").forEach(n -> notes.add(n.path("text").asText()));
		String reason = words(r.path("reasonCode").path(0));
		if (reason == null) {
			reason = r.path("reasonReference").path(0).path("display").asText(null);
		}
		return List.of(new Evidence(resource.id(), kind, resource.source(), this.catalog.concept(rxcui, display),
				display, status, date, end, prescriber, reason, words(r.path("statusReason")), notes, dosage, supply,
				resource.receivedAt()));
	}

	/** The coded Medication a resource names: contained, or stored from its source. */
	private JsonNode medication(StoredResource resource, JsonNode r) {
		String reference = r.path("medicationReference").path("reference").asText("");
		if (reference.startsWith("#")) {
			for (JsonNode contained : r.path("contained")) {
				if (reference.substring(1).equals(contained.path("id").asText())) {
					return contained.path("code");
				}
			}
			return JSON.missingNode();
		}
		UUID id = medicationReference(resource, r);
		JsonNode medication = id == null ? null : this.medications.get(id);
		return medication == null ? JSON.missingNode() : medication.path("code");
	}

	private static Status orderStatus(String status) {
		return switch (status) {
			case "active", "on-hold" -> Status.ACTIVE;
			case "stopped", "cancelled", "completed" -> Status.STOPPED;
			default -> null;
		};
	}

	private static Status statementStatus(String status) {
		return switch (status) {
			case "active", "intended", "on-hold" -> Status.ACTIVE;
			case "stopped", "completed", "not-taken" -> Status.STOPPED;
			default -> null;
		};
	}

	private static String rxcui(JsonNode concept) {
		for (JsonNode coding : concept.path("coding")) {
			if (RXNORM.equals(coding.path("system").asText())) {
				return coding.path("code").asText(null);
			}
		}
		return null;
	}

	private static String display(JsonNode concept) {
		for (JsonNode coding : concept.path("coding")) {
			if (RXNORM.equals(coding.path("system").asText()) && coding.hasNonNull("display")) {
				return coding.path("display").asText();
			}
		}
		return words(concept);
	}

	/** A CodeableConcept in words: its text, else its first coding's display. */
	private static String words(JsonNode concept) {
		if (concept.hasNonNull("text")) {
			return concept.path("text").asText();
		}
		for (JsonNode coding : concept.path("coding")) {
			if (coding.hasNonNull("display")) {
				return coding.path("display").asText();
			}
		}
		return null;
	}

	private static String dosage(JsonNode dosages) {
		JsonNode dosage = dosages.isArray() ? dosages.path(0) : dosages;
		return dosage.path("text").asText(null);
	}

	private static Integer integer(JsonNode value) {
		return value.isNumber() ? (int) Math.round(value.asDouble()) : null;
	}

	private LocalDate firstDay(JsonNode... values) {
		for (JsonNode value : values) {
			LocalDate day = day(value);
			if (day != null) {
				return day;
			}
		}
		return null;
	}

	/**
	 * A FHIR date as the day it names; a dateTime as the day it falls on in the
	 * practice's zone.
	 */
	private LocalDate day(JsonNode value) {
		String text = value.asText(null);
		if (text == null || text.length() < 10) {
			return null;
		}
		LocalDate known = this.days.get(text);
		if (known != null) {
			return known;
		}
		LocalDate day = parseDay(text);
		if (day != null) {
			this.days.put(text, day);
		}
		return day;
	}

	private LocalDate parseDay(String text) {
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text);
			}
			return OffsetDateTime.parse(text).atZoneSameInstant(this.zone).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(text.substring(0, 10));
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored resource is not JSON", ex);
		}
	}

}
