package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;

/**
 * The FHIR R4 Encounter a feed's visit is served as: what the ADT messages said, in the
 * shape an imported Encounter has, so {@code /fhir} can serve both alike.
 */
final class FhirEncounters {

	private static final JsonFactory JSON = new JsonFactory();

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

	/** At least milliseconds, as HAPI writes them, and more digits only when sent. */
	private static final DateTimeFormatter DATE_TIME_FRACTION = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.NANO_OF_SECOND, 3, 9, true)
		.appendPattern("xxx")
		.toFormatter();

	private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private FhirEncounters() {
	}

	/**
	 * Writes the JSON directly rather than through HAPI's model and encoder, which cost a
	 * third of applying a message; {@code FhirEncountersTests} holds it to what HAPI
	 * writes.
	 */
	static String toJson(FeedEncounter e) {
		StringWriter out = new StringWriter(1024);
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringField("resourceType", "Encounter");
			json.writeStringField("id", e.key().id().toString());
			json.writeObjectFieldStart("meta");
			json.writeStringField("source", e.key().source());
			json.writeEndObject();
			json.writeArrayFieldStart("identifier");
			json.writeStartObject();
			json.writeObjectFieldStart("type");
			codings(json, "http://terminology.hl7.org/CodeSystem/v2-0203", "VN", "Visit number");
			json.writeEndObject();
			json.writeStringField("system", Encounters.visitNumberSystem(e.key().source()));
			json.writeStringField("value", e.visitNumber());
			json.writeEndObject();
			json.writeEndArray();
			json.writeStringField("status", e.status());
			json.writeFieldName("class");
			if (e.classCode() == null) {
				coding(json, "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown");
			}
			else {
				coding(json, ACT_CODE, e.classCode(), classDisplay(e.classCode()));
			}
			if (e.service() != null) {
				json.writeObjectFieldStart("serviceType");
				codings(json, "http://terminology.hl7.org/CodeSystem/v2-0069", e.service(), null);
				json.writeEndObject();
			}
			if (e.priority() != null) {
				json.writeObjectFieldStart("priority");
				codings(json, "http://terminology.hl7.org/CodeSystem/v3-ActPriority", e.priority(), null);
				json.writeEndObject();
			}
			json.writeObjectFieldStart("subject");
			// Northstar's id of the patient record, not an id of the feed's: served as it
			// is, since no reference the feed could write derives to it.
			json.writeStringField("reference", "Patient/" + e.patient().value());
			json.writeEndObject();
			if (e.attending() != null) {
				json.writeArrayFieldStart("participant");
				json.writeStartObject();
				json.writeArrayFieldStart("type");
				json.writeStartObject();
				codings(json, "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender");
				json.writeEndObject();
				json.writeEndArray();
				json.writeObjectFieldStart("individual");
				json.writeStringField("display", e.attending());
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndArray();
			}
			if (e.admittedAt() != null || e.dischargedAt() != null) {
				json.writeObjectFieldStart("period");
				if (e.admittedAt() != null) {
					json.writeStringField("start", dateTime(e.admittedAt()));
				}
				if (e.dischargedAt() != null) {
					json.writeStringField("end", dateTime(e.dischargedAt()));
				}
				json.writeEndObject();
			}
			if (e.admitSource() != null || e.dischargeDisposition() != null) {
				json.writeObjectFieldStart("hospitalization");
				if (e.admitSource() != null) {
					json.writeObjectFieldStart("admitSource");
					codings(json, "http://terminology.hl7.org/CodeSystem/v2-0023", e.admitSource(), null);
					json.writeEndObject();
				}
				if (e.dischargeDisposition() != null) {
					json.writeObjectFieldStart("dischargeDisposition");
					codings(json, "http://terminology.hl7.org/CodeSystem/v2-0112", e.dischargeDisposition(), null);
					json.writeEndObject();
				}
				json.writeEndObject();
			}
			if (e.location() != null) {
				json.writeArrayFieldStart("location");
				json.writeStartObject();
				json.writeObjectFieldStart("location");
				json.writeStringField("display", e.location());
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndArray();
			}
			json.writeEndObject();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** A CodeableConcept's {@code coding} array of one. */
	private static void codings(JsonGenerator json, String system, String code, String display) throws IOException {
		json.writeArrayFieldStart("coding");
		coding(json, system, code, display);
		json.writeEndArray();
	}

	private static void coding(JsonGenerator json, String system, String code, String display) throws IOException {
		json.writeStartObject();
		json.writeStringField("system", system);
		json.writeStringField("code", code);
		if (display != null) {
			json.writeStringField("display", display);
		}
		json.writeEndObject();
	}

	/**
	 * FHIR dateTime in UTC, written as HAPI writes it: to the second, or with the
	 * fraction of a second the feed sent (HL7 sends up to four digits; FHIR takes any
	 * number).
	 */
	private static String dateTime(Instant instant) {
		return (instant.getNano() == 0 ? DATE_TIME : DATE_TIME_FRACTION).format(instant.atOffset(ZoneOffset.UTC));
	}

	private static String classDisplay(String code) {
		return switch (code) {
			case "IMP" -> "inpatient encounter";
			case "EMER" -> "emergency";
			case "AMB" -> "ambulatory";
			case "PRENC" -> "pre-admission";
			default -> null;
		};
	}

}
