package org.northstar.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.ClinicalFact;
import org.northstar.clinical.MedicationUse;
import org.northstar.clinical.SourceResource;
import org.northstar.patient.PatientRecord;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import static org.northstar.ingest.FhirValues.code;
import static org.northstar.ingest.FhirValues.decimal;
import static org.northstar.ingest.FhirValues.firstCode;
import static org.northstar.ingest.FhirValues.instant;
import static org.northstar.ingest.FhirValues.text;
import static org.northstar.ingest.FhirValues.words;

/**
 * Maps one FHIR R4 resource onto what the modules keep: the source record with its
 * patient and identifiers, its normalised clinical row, and for a Patient the patient
 * record.
 */
final class ResourceMapper {

	/** What one resource becomes. {@code patient} is set only for Patient resources. */
	record Mapped(SourceResource resource, PatientRecord patient) {
	}

	private static final String INTERPRETER_REQUIRED = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";

	private final References references;

	ResourceMapper(References references) {
		this.references = references;
	}

	Mapped map(RecordKey key, JsonNode r, String json, byte[] hash) {
		String type = key.resourceType();
		List<SourceResource.Identifier> identifiers = identifiers(r);
		if ("Patient".equals(type)) {
			PatientId self = new PatientId(key.id());
			return new Mapped(new SourceResource(key, self, json, hash, identifiers, null, List.of()),
					patient(self, key, r));
		}
		PatientId patient = "Appointment".equals(type) ? participantPatient(r) : patientOf(r);
		ClinicalFact fact = patient == null ? null : fact(type, patient, r);
		List<MedicationUse> medicines = patient == null ? List.of() : MedicationUse.of(key.source(), type, r);
		return new Mapped(new SourceResource(key, patient, json, hash, identifiers, fact, medicines), null);
	}

	/**
	 * The patient whose record this belongs to: the subject, patient or beneficiary, if a
	 * Patient.
	 */
	private PatientId patientOf(JsonNode r) {
		for (String element : new String[] { "subject", "patient", "beneficiary" }) {
			References.Target target = this.references.resolve(r, element);
			if (target != null) {
				return "Patient".equals(target.resourceType()) ? new PatientId(target.id()) : null;
			}
		}
		return null;
	}

	/**
	 * An Appointment names its patient among its participants: the first participant
	 * whose actor is a Patient.
	 */
	private PatientId participantPatient(JsonNode r) {
		JsonNode participants = r.path("participant");
		for (int i = 0; i < participants.size(); i++) {
			References.Target target = this.references.resolveReference(participants.path(i).path("actor"),
					"participant[" + i + "].actor");
			if (target != null && "Patient".equals(target.resourceType())) {
				return new PatientId(target.id());
			}
		}
		return null;
	}

	private ClinicalFact fact(String type, PatientId patient, JsonNode r) {
		return switch (type) {
			case "Encounter" -> new ClinicalFact.Encounter(patient, text(r, "status"), text(r.path("class"), "code"),
					code(r.path("type").path(0)), words(r.path("reasonCode").path(0)),
					instant(r.path("period"), "start"), instant(r.path("period"), "end"),
					id(this.references.resolveReference(
							r.path("participant").path(0).path("individual"), "participant[0].individual")),
					id(this.references.resolve(r, "serviceProvider")),
					id(this.references.resolveReference(r.path("location").path(0).path("location"),
							"location[0].location")),
					firstCode(r.path("priority")), firstCode(r.path("hospitalization").path("admitSource")),
					service(r.path("serviceType")));
			case "Condition" -> new ClinicalFact.Condition(patient, encounter(r), code(r.path("code")),
					firstCode(r.path("clinicalStatus")), firstInstant(r, "onsetDateTime", "onsetPeriod"),
					firstInstant(r, "abatementDateTime", "abatementPeriod"), instant(r, "recordedDate"));
			case "Observation" -> observation(patient, r);
			case "MedicationRequest" -> new ClinicalFact.MedicationRequest(patient, encounter(r), text(r, "status"),
					text(r, "intent"), medication(r), instant(r, "authoredOn"),
					id(this.references.resolve(r, "requester")), dosage(r), r.has("reasonCode")
							? words(r.path("reasonCode").path(0)) : text(r.path("reasonReference").path(0), "display"));
			case "Procedure" -> new ClinicalFact.Procedure(patient, encounter(r), text(r, "status"),
					code(r.path("code")), firstInstant(r, "performedDateTime", "performedPeriod"),
					instant(r.path("performedPeriod"), "end"));
			case "AllergyIntolerance" -> new ClinicalFact.AllergyIntolerance(patient,
					firstCode(r.path("clinicalStatus")), arrayText(r.path("category"), 0), text(r, "criticality"),
					code(r.path("code")), instant(r, "recordedDate"));
			case "Immunization" -> new ClinicalFact.Immunization(patient, encounter(r), text(r, "status"),
					code(r.path("vaccineCode")), instant(r, "occurrenceDateTime"));
			default -> null;
		};
	}

	private ClinicalFact.Observation observation(PatientId patient, JsonNode r) {
		JsonNode quantity = r.path("valueQuantity");
		String valueText = null;
		if (r.has("valueCodeableConcept")) {
			valueText = words(r.path("valueCodeableConcept"));
		}
		else if (r.has("valueString")) {
			valueText = text(r, "valueString");
		}
		else if (r.has("valueBoolean")) {
			valueText = text(r, "valueBoolean");
		}
		else if (r.has("component")) {
			StringJoiner components = new StringJoiner("; ");
			for (JsonNode component : r.path("component")) {
				JsonNode value = component.path("valueQuantity");
				String display = code(component.path("code")).display();
				components.add((display == null ? "?" : display) + ": "
						+ (value.isMissingNode() ? String.valueOf(words(component.path("valueCodeableConcept")))
								: plain(decimal(value, "value")) + " " + text(value, "unit")));
			}
			valueText = components.toString();
		}
		return new ClinicalFact.Observation(patient, encounter(r), text(r, "status"),
				firstCode(r.path("category").path(0)), code(r.path("code")), decimal(quantity, "value"),
				text(quantity, "unit"), valueText, r.has("effectiveDateTime") || r.has("effectivePeriod")
						? firstInstant(r, "effectiveDateTime", "effectivePeriod") : instant(r, "issued"));
	}

	/** The first coding of a service type, or only its words when it has no coding. */
	private static ClinicalFact.Code service(JsonNode serviceType) {
		if (serviceType.path("coding").path(0).isMissingNode()) {
			String words = text(serviceType, "text");
			return words == null ? ClinicalFact.Code.NONE : new ClinicalFact.Code(null, null, words);
		}
		return code(serviceType);
	}

	private ClinicalFact.Code medication(JsonNode r) {
		if (r.has("medicationCodeableConcept")) {
			return code(r.path("medicationCodeableConcept"));
		}
		return new ClinicalFact.Code(null, null, text(r.path("medicationReference"), "display"));
	}

	private static String dosage(JsonNode r) {
		JsonNode dosage = r.path("dosageInstruction").path(0);
		if (dosage.isMissingNode()) {
			return null;
		}
		String text = text(dosage, "text");
		if (text != null) {
			return text;
		}
		JsonNode repeat = dosage.path("timing").path("repeat");
		JsonNode dose = dosage.path("doseAndRate").path(0).path("doseQuantity");
		if (repeat.isMissingNode() && dose.isMissingNode()) {
			return dosage.path("asNeededBoolean").asBoolean(false) ? "as needed" : null;
		}
		StringJoiner words = new StringJoiner(" ");
		if (!dose.isMissingNode()) {
			words.add(plain(decimal(dose, "value")));
			if (text(dose, "unit") != null) {
				words.add(text(dose, "unit"));
			}
		}
		if (!repeat.isMissingNode()) {
			words.add(repeat.path("frequency").asInt(1) + " times per " + repeat.path("period").asText("1") + " "
					+ repeat.path("periodUnit").asText("d"));
		}
		return words.toString();
	}

	/** A decimal as written, without an exponent: {@code 0.40}, never {@code 4.0E-1}. */
	private static String plain(java.math.BigDecimal value) {
		return value == null ? "null" : value.toPlainString();
	}

	private UUID encounter(JsonNode r) {
		return id(this.references.resolve(r, "encounter"));
	}

	private static UUID id(References.Target target) {
		return target == null ? null : target.id();
	}

	private static java.time.Instant firstInstant(JsonNode r, String dateTimeElement, String periodElement) {
		return r.has(dateTimeElement) ? instant(r, dateTimeElement) : instant(r.path(periodElement), "start");
	}

	private static String arrayText(JsonNode array, int index) {
		JsonNode value = array.path(index);
		return value.isValueNode() ? value.asText() : null;
	}

	private static List<SourceResource.Identifier> identifiers(JsonNode r) {
		JsonNode identifiers = r.path("identifier");
		if (!identifiers.isArray() || identifiers.isEmpty()) {
			return List.of();
		}
		List<SourceResource.Identifier> result = new ArrayList<>(identifiers.size());
		for (JsonNode identifier : identifiers) {
			String system = FhirValues.text(identifier, "system");
			String value = FhirValues.text(identifier, "value");
			if (value != null) {
				result.add(new SourceResource.Identifier(system == null ? "" : system, value));
			}
		}
		return result;
	}

	private static PatientRecord patient(PatientId id, RecordKey key, JsonNode r) {
		JsonNode name = preferred(r.path("name"), "official");
		StringJoiner given = new StringJoiner(" ");
		name.path("given").forEach(g -> given.add(g.asText()));
		JsonNode address = r.path("address").path(0);
		StringJoiner lines = new StringJoiner(", ");
		address.path("line").forEach(l -> lines.add(l.asText()));
		List<PatientRecord.Identifier> identifiers = new ArrayList<>();
		for (JsonNode identifier : r.path("identifier")) {
			String value = FhirValues.text(identifier, "value");
			if (value != null) {
				String system = FhirValues.text(identifier, "system");
				identifiers.add(new PatientRecord.Identifier(system == null ? "" : system, value,
						firstCode(identifier.path("type"))));
			}
		}
		boolean deceased = r.path("deceasedBoolean").asBoolean(false) || r.has("deceasedDateTime");
		return new PatientRecord(id, key, text(name, "family"), given.length() == 0 ? null : given.toString(),
				FhirValues.date(r, "birthDate"), text(r, "gender"), deceased, language(r), interpreterRequired(r),
				telecom(r, "phone"), telecom(r, "email"), lines.length() == 0 ? null : lines.toString(),
				text(address, "city"), text(address, "state"), text(address, "postalCode"), identifiers);
	}

	/** The element whose {@code use} is the wanted one, else the first. */
	private static JsonNode preferred(JsonNode array, String use) {
		for (JsonNode element : array) {
			if (use.equals(element.path("use").asText())) {
				return element;
			}
		}
		return array.path(0);
	}

	private static String language(JsonNode r) {
		JsonNode chosen = null;
		for (JsonNode communication : r.path("communication")) {
			if (chosen == null || communication.path("preferred").asBoolean(false)) {
				chosen = communication;
			}
		}
		if (chosen == null) {
			return null;
		}
		ClinicalFact.Code language = code(chosen.path("language"));
		return language.code() != null ? language.code() : language.display();
	}

	private static boolean interpreterRequired(JsonNode r) {
		for (JsonNode extension : r.path("extension")) {
			if (INTERPRETER_REQUIRED.equals(extension.path("url").asText())) {
				return extension.path("valueBoolean").asBoolean(false);
			}
		}
		return false;
	}

	private static String telecom(JsonNode r, String system) {
		for (JsonNode telecom : r.path("telecom")) {
			if (system.equals(telecom.path("system").asText())) {
				return telecom.path("value").asText(null);
			}
		}
		return null;
	}

}
