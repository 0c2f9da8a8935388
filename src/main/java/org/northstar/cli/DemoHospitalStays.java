package org.northstar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;

/**
 * What a hospital's own systems send about a stay and Synthea does not: how urgent the
 * admission was, the service that discharged the patient, and the last haemoglobin and
 * sodium before discharge. Without them every demo person's HOSPITAL score was low and
 * incomplete. The demo adds them to a few of the Synthea sample's stays as it loads the
 * sample ({@code demo/hospital-stays.json}); the sample's files stay as generated, so the
 * tests and benchmarks that import them see Synthea's output, and only the demo is
 * amended.
 *
 * <p>
 * An amendment only adds: {@code priority}, {@code serviceType} and
 * {@code hospitalization.admitSource} on the named Encounter (which Synthea never sets),
 * and one laboratory Observation each for haemoglobin and sodium, taken six hours before
 * the discharge and referring to the stay. The Observations' ids are derived from the
 * stay, so loading the demo again imports the same resources.
 */
final class DemoHospitalStays {

	static final String RESOURCE = "demo/hospital-stays.json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String LOINC = "http://loinc.org";

	private static final String UCUM = "http://unitsofmeasure.org";

	/**
	 * One stay as the hospital sent it.
	 *
	 * @param patient the Synthea id of the Patient
	 * @param encounter the Synthea id of the stay's Encounter
	 * @param priority v3 ActPriority (EM, UR, EL), or null
	 * @param admitSource FHIR admit-source (emd, gp ...), or null
	 * @param serviceCode SNOMED CT code of the discharging service, or null
	 * @param haemoglobin g/dL, or null
	 * @param sodium mmol/L, or null
	 */
	record Stay(String patient, String encounter, String priority, String admitSource, String serviceCode,
			String serviceDisplay, BigDecimal haemoglobin, BigDecimal sodium) {
	}

	private DemoHospitalStays() {
	}

	/** The stays of {@link #RESOURCE}. */
	static List<Stay> load() {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			List<Stay> stays = new ArrayList<>();
			for (JsonNode stay : JSON.readTree(in).path("stays")) {
				JsonNode service = stay.path("service");
				stays.add(new Stay(text(stay, "patient"), text(stay, "encounter"), text(stay, "priority"),
						text(stay, "admitSource"), text(service, "code"), text(service, "display"),
						stay.hasNonNull("haemoglobin") ? stay.get("haemoglobin").decimalValue() : null,
						stay.hasNonNull("sodium") ? stay.get("sodium").decimalValue() : null));
			}
			return stays;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asText() : null;
	}

	/**
	 * The bundle with what the hospital sent about its patient's stays added; the bundle
	 * as it was (the same bytes) when none of the stays is its patient's.
	 * @throws IllegalStateException if a stay of the bundle's patient names an Encounter
	 * the bundle does not have
	 */
	static byte[] amend(byte[] bundle, List<Stay> stays) {
		String text = new String(bundle, StandardCharsets.UTF_8);
		List<Stay> mine = stays.stream().filter(s -> text.contains("\"urn:uuid:" + s.patient() + "\"")).toList();
		if (mine.isEmpty()) {
			return bundle;
		}
		try {
			JsonNode root = JSON.readTree(bundle);
			ArrayNode entries = (ArrayNode) root.path("entry");
			for (Stay stay : mine) {
				ObjectNode encounter = encounter(entries, stay);
				amend(encounter, stay);
				OffsetDateTime taken = OffsetDateTime.parse(encounter.path("period").path("end").asText())
					.minusHours(6);
				if (stay.haemoglobin() != null) {
					entries.add(observation(stay, "718-7", "Hemoglobin [Mass/volume] in Blood", stay.haemoglobin(),
							"g/dL", taken));
				}
				if (stay.sodium() != null) {
					entries.add(observation(stay, "2951-2", "Sodium [Moles/volume] in Serum or Plasma", stay.sodium(),
							"mmol/L", taken));
				}
			}
			return JSON.writeValueAsBytes(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot amend a demo bundle", ex);
		}
	}

	private static ObjectNode encounter(ArrayNode entries, Stay stay) {
		for (JsonNode entry : entries) {
			JsonNode resource = entry.path("resource");
			if ("Encounter".equals(resource.path("resourceType").asText())
					&& stay.encounter().equals(resource.path("id").asText())) {
				return (ObjectNode) resource;
			}
		}
		throw new IllegalStateException("The demo's hospital stay " + stay.encounter() + " (" + RESOURCE
				+ ") is not an Encounter of the Synthea bundle of patient " + stay.patient());
	}

	private static void amend(ObjectNode encounter, Stay stay) {
		if (stay.priority() != null) {
			coding(encounter.putObject("priority"), "http://terminology.hl7.org/CodeSystem/v3-ActPriority",
					stay.priority(), null);
		}
		if (stay.serviceCode() != null) {
			coding(encounter.putObject("serviceType"), "http://snomed.info/sct", stay.serviceCode(),
					stay.serviceDisplay());
		}
		if (stay.admitSource() != null) {
			ObjectNode hospitalization = encounter.has("hospitalization")
					? (ObjectNode) encounter.get("hospitalization") : encounter.putObject("hospitalization");
			coding(hospitalization.putObject("admitSource"), "http://terminology.hl7.org/CodeSystem/admit-source",
					stay.admitSource(), null);
		}
	}

	private static void coding(ObjectNode concept, String system, String code, String display) {
		ObjectNode coding = concept.putArray("coding").addObject().put("system", system).put("code", code);
		if (display != null) {
			coding.put("display", display);
			concept.put("text", display);
		}
	}

	private static ObjectNode observation(Stay stay, String loinc, String display, BigDecimal value, String unit,
			OffsetDateTime taken) {
		String id = UUID
			.nameUUIDFromBytes(
					("demo-hospital-stay:" + stay.encounter() + ":" + loinc).getBytes(StandardCharsets.UTF_8))
			.toString();
		ObjectNode entry = JSON.createObjectNode();
		entry.put("fullUrl", "urn:uuid:" + id);
		ObjectNode resource = entry.putObject("resource");
		resource.put("resourceType", "Observation").put("id", id).put("status", "final");
		coding(resource.putArray("category").addObject(), "http://terminology.hl7.org/CodeSystem/observation-category",
				"laboratory", "Laboratory");
		coding(resource.putObject("code"), LOINC, loinc, display);
		resource.putObject("subject").put("reference", "urn:uuid:" + stay.patient());
		resource.putObject("encounter").put("reference", "urn:uuid:" + stay.encounter());
		resource.put("effectiveDateTime", taken.toString()).put("issued", taken.toString());
		resource.putObject("valueQuantity").put("value", value).put("unit", unit).put("system", UCUM).put("code", unit);
		entry.putObject("request").put("method", "POST").put("url", "Observation");
		return entry;
	}

}
