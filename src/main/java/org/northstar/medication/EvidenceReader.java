package org.northstar.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.northstar.clinical.MedicationUse;
import org.northstar.clinical.StoredResource;
import org.northstar.medication.Evidence.Kind;
import org.northstar.medication.Evidence.Status;
import org.northstar.shared.RecordKey;

/**
 * Reads what a medication resource says: from its stored FHIR R4 JSON, with Jackson (the
 * FHIR model stays at the edges), or from the narrow rows of the medicines it names
 * ({@link MedicationUse}), which both ways start from, so the two cannot disagree.
 * Unknown or erroneous entries are left out, never guessed.
 */
final class EvidenceReader {

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

	List<Evidence> read(StoredResource resource) {
		return read(resource, read(resource.json()));
	}

	/** What a resource says, from its JSON already parsed. */
	List<Evidence> read(StoredResource resource, JsonNode r) {
		List<MedicationUse> uses = MedicationUse.of(resource.source(), resource.resourceType(), r);
		if (uses.isEmpty()) {
			return List.of();
		}
		Extras extras = switch (resource.resourceType()) {
			case "MedicationRequest" ->
				extras(r, prescriber(resource, r.path("requester")), dosage(r.path("dosageInstruction")));
			case "MedicationStatement" -> extras(r, null, dosage(r.path("dosage")));
			case "MedicationDispense" -> extras(r, null, dosage(r.path("dosageInstruction")));
			default -> Extras.NONE;
		};
		List<Evidence> evidence = new ArrayList<>(uses.size());
		for (MedicationUse use : uses) {
			Evidence e = evidence(resource.id(), resource.resourceType(), resource.source(), resource.receivedAt(), use,
					extras);
			if (e != null) {
				evidence.add(e);
			}
		}
		return evidence;
	}

	/**
	 * What a medicine's narrow row says (read without the resource's JSON): no
	 * prescriber, reason, notes or dosage, which only the resource has.
	 */
	Evidence read(MedicationUse.Stored stored) {
		return evidence(stored.resource(), stored.resourceType(), stored.source(), stored.receivedAt(), stored.use(),
				Extras.NONE);
	}

	/** What only the resource's JSON says of a medicine: who ordered it and why. */
	private record Extras(Prescriber prescriber, String reason, String statusReason, List<String> notes,
			String dosage) {

		static final Extras NONE = new Extras(null, null, null, List.of(), null);

	}

	private static Extras extras(JsonNode r, Prescriber prescriber, String dosage) {
		List<String> notes = new ArrayList<>();
		r.path("note").forEach(n -> notes.add(n.path("text").asText()));
		String reason = MedicationUse.words(r.path("reasonCode").path(0));
		if (reason == null) {
			reason = r.path("reasonReference").path(0).path("display").asText(null);
		}
		return new Extras(prescriber, reason, MedicationUse.words(r.path("statusReason")), notes, dosage);
	}

	/**
	 * The evidence a medicine of a resource gives, or null when it gives none: the
	 * resource was entered in error or is a draft, its status is not one that counts, or
	 * its medicine is named neither by code nor in words.
	 */
	private Evidence evidence(UUID id, String resourceType, String source, Instant receivedAt, MedicationUse use,
			Extras extras) {
		String status = use.status() == null ? "" : use.status();
		if (status.equals("entered-in-error") || status.equals("draft")) {
			return null;
		}
		Kind kind;
		Status said;
		switch (resourceType) {
			case "MedicationRequest" -> {
				kind = Kind.ORDER;
				said = orderStatus(status);
			}
			case "MedicationStatement" -> {
				kind = Kind.STATEMENT;
				said = statementStatus(status);
			}
			case "MedicationDispense" -> {
				kind = Kind.DISPENSE;
				said = status.isEmpty() || status.equals("completed") ? Status.FILLED : null;
			}
			case "Claim", "ExplanationOfBenefit" -> {
				kind = Kind.CLAIM;
				said = status.equals("cancelled") ? null : Status.FILLED;
			}
			default -> {
				return null;
			}
		}
		if (said == null) {
			return null;
		}
		String rxnorm = use.rxnorm();
		String display = use.display();
		if (use.medication() != null) {
			// The stored Medication's code, when it has arrived and has one; else the
			// reference's own words.
			JsonNode medication = this.medications.get(use.medication());
			JsonNode code = medication == null ? JSON.missingNode() : medication.path("code");
			if (MedicationUse.rxnorm(code) != null || MedicationUse.display(code) != null) {
				rxnorm = MedicationUse.rxnorm(code);
				display = MedicationUse.display(code);
			}
		}
		if (rxnorm == null && display == null) {
			return null;
		}
		return new Evidence(id, kind, source, this.catalog.concept(rxnorm, display), display, said, day(use.date()),
				day(use.end()), extras.prescriber(), extras.reason(), extras.statusReason(), extras.notes(),
				extras.dosage(), use.daysSupply(), receivedAt);
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
			String rxcui = MedicationUse.rxnorm(product);
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
			paid.put(this.catalog.concept(rxcui, MedicationUse.display(product)).key(),
					new Copay(amount.path("value").decimalValue(), amount.path("currency").asText(null), date,
							resource.source()));
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

	private static String dosage(JsonNode dosages) {
		JsonNode dosage = dosages.isArray() ? dosages.path(0) : dosages;
		return dosage.path("text").asText(null);
	}

	private LocalDate firstDay(JsonNode... values) {
		for (JsonNode value : values) {
			LocalDate day = day(value.asText(null));
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
	private LocalDate day(String text) {
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
