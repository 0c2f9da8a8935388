package org.northstar.clinical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * One medicine a medication resource names, and what it says of it: ordered
 * (MedicationRequest), stated taken (MedicationStatement), handed over
 * (MedicationDispense) or claimed at a pharmacy (an item of a pharmacy Claim or
 * ExplanationOfBenefit). Kept as a narrow row beside the resource when it is stored, so
 * that what a population's fills need (adherence, refill gaps) is read without parsing
 * long claims. Only what the resource says, uninterpreted: its status as sent, its dates
 * as sent; which statuses count and what day a time falls on are the medicines module's.
 *
 * @param item the medicine's position among the resource's: a claim's item, else 0
 * @param status the resource's status as sent, or null
 * @param rxnorm the RxNorm code of the medicine, when the concept has one
 * @param display the medicine in words: the RxNorm coding's display, else the concept's
 * text or first display; for a medicine named by reference only, the reference's display
 * @param medication the Northstar id of the stored Medication the resource refers to,
 * when it names one rather than a code or a contained Medication; its code is then read
 * from that Medication, which may arrive later
 * @param date when it was ordered, stated, handed over or filled, as sent: the first of
 * the resource's dates for it that is a FHIR date or dateTime
 * @param end when a statement says the patient stopped, as sent
 * @param daysSupply the days a dispense or a claim supplies, when the source says
 */
public record MedicationUse(int item, String status, String rxnorm, String display, UUID medication, String date,
		String end, Integer daysSupply) {

	/**
	 * A medicine a stored resource names, with the resource it is read from.
	 *
	 * @param resource the resource's Northstar id
	 */
	public record Stored(UUID resource, String resourceType, String source, PatientId patient, Instant receivedAt,
			MedicationUse use) {
	}

	/** The resource types that name medicines this way. */
	public static final Set<String> TYPES = Set.of("MedicationRequest", "MedicationStatement", "MedicationDispense",
			"Claim", "ExplanationOfBenefit");

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	/** The start of a FHIR date or dateTime; what follows is read where the day is. */
	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

	/**
	 * The medicines a resource names; none for other types, for a claim that is not a
	 * pharmacy's, and for a medicine named neither by code nor in words.
	 * @param source the source that sent it: a stored Medication it refers to is that
	 * source's
	 */
	public static List<MedicationUse> of(String source, String resourceType, JsonNode r) {
		String status = r.path("status").asText(null);
		return switch (resourceType) {
			case "MedicationRequest" -> one(source, r, status, firstDate(r.path("authoredOn")), null, null);
			case "MedicationStatement" ->
				one(source, r, status, firstDate(r.path("effectiveDateTime"), r.path("effectivePeriod").path("start"),
						r.path("dateAsserted")), firstDate(r.path("effectivePeriod").path("end")), null);
			case "MedicationDispense" ->
				one(source, r, status, firstDate(r.path("whenHandedOver"), r.path("whenPrepared")), null,
						integer(r.path("daysSupply").path("value")));
			case "Claim", "ExplanationOfBenefit" -> pharmacyItems(r, status);
			default -> List.of();
		};
	}

	private static List<MedicationUse> pharmacyItems(JsonNode r, String status) {
		if (!"pharmacy".equals(r.path("type").path("coding").path(0).path("code").asText())) {
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
		List<MedicationUse> items = new ArrayList<>();
		JsonNode all = r.path("item");
		for (int i = 0; i < all.size(); i++) {
			JsonNode item = all.path(i);
			JsonNode product = item.path("productOrService");
			String rxnorm = rxnorm(product);
			if (rxnorm == null && !product.has("text")) {
				continue;
			}
			items.add(new MedicationUse(i, status, rxnorm, display(product), null,
					firstDate(item.path("servicedDate"), item.path("servicedPeriod").path("start"),
							r.path("billablePeriod").path("start"), r.path("created")),
					null, supply));
		}
		return items;
	}

	private static List<MedicationUse> one(String source, JsonNode r, String status, String date, String end,
			Integer supply) {
		JsonNode code = r.path("medicationCodeableConcept");
		UUID stored = null;
		if (code.isMissingNode()) {
			String reference = r.path("medicationReference").path("reference").asText("");
			if (reference.startsWith("#")) {
				code = contained(r, reference.substring(1));
			}
			else {
				stored = storedMedication(source, r);
			}
		}
		String rxnorm = rxnorm(code);
		String display = display(code);
		if (rxnorm == null && display == null) {
			display = r.path("medicationReference").path("display").asText(null);
		}
		if (rxnorm == null && display == null && stored == null) {
			return List.of();
		}
		return List.of(new MedicationUse(0, status, rxnorm, display, stored, date, end, supply));
	}

	/**
	 * The Northstar id of the stored Medication a resource refers to (as its source sent
	 * it: {@code Medication/7}, {@code urn:uuid:…}), or null when it names none or a
	 * contained one.
	 */
	public static UUID storedMedication(String source, JsonNode r) {
		String reference = r.path("medicationReference").path("reference").asText("");
		if (reference.isEmpty() || reference.startsWith("#")) {
			return null;
		}
		String id = reference.substring(Math.max(reference.lastIndexOf('/'), reference.lastIndexOf(':')) + 1);
		return new RecordKey(source, "Medication", id).id();
	}

	private static JsonNode contained(JsonNode r, String id) {
		for (JsonNode contained : r.path("contained")) {
			if (id.equals(contained.path("id").asText())) {
				return contained.path("code");
			}
		}
		return MissingNode.getInstance();
	}

	/** The RxNorm code of a CodeableConcept, or null. */
	public static String rxnorm(JsonNode concept) {
		for (JsonNode coding : concept.path("coding")) {
			if (RXNORM.equals(coding.path("system").asText())) {
				return coding.path("code").asText(null);
			}
		}
		return null;
	}

	/**
	 * A medicine's CodeableConcept in words: the RxNorm coding's display, else its text,
	 * else its first coding's display; null when it has none.
	 */
	public static String display(JsonNode concept) {
		for (JsonNode coding : concept.path("coding")) {
			if (RXNORM.equals(coding.path("system").asText()) && coding.hasNonNull("display")) {
				return coding.path("display").asText();
			}
		}
		return words(concept);
	}

	/**
	 * A CodeableConcept in words: its text, else its first coding's display, else null.
	 */
	public static String words(JsonNode concept) {
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

	private static String firstDate(JsonNode... values) {
		for (JsonNode value : values) {
			String text = value.isTextual() ? value.asText() : null;
			if (text != null && DATE.matcher(text).matches()) {
				return text;
			}
		}
		return null;
	}

	private static Integer integer(JsonNode value) {
		return value.isNumber() ? (int) Math.round(value.asDouble()) : null;
	}

}
