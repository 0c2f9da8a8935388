package org.northstar.risk;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * A FHIR transaction bundle of one patient's hospital use, as an EHR would send it:
 * inpatient stays, ED visits, conditions, results and procedures, each with the ids the
 * tests name them by. Times are ISO-8601 instants.
 */
final class StayBundle {

	private static final ObjectMapper JSON = new ObjectMapper();

	static final String SNOMED = "http://snomed.info/sct";

	static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";

	static final String LOINC = "http://loinc.org";

	private final String source;

	private final String patientId;

	private final ArrayNode entries = JSON.createArrayNode();

	private StayBundle(String source, String patientId) {
		this.source = source;
		this.patientId = patientId;
		ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient").put("id", patientId);
		// Names and birth dates no other test uses, so the matcher links nobody to them.
		patient.putArray("name").addObject().put("family", "Risk-" + patientId).putArray("given").add("Golden");
		patient.put("birthDate", "19" + (10 + Math.floorMod(patientId.hashCode(), 80)) + "-0"
				+ (1 + Math.floorMod(patientId.hashCode(), 9)) + "-1" + Math.floorMod(patientId.hashCode(), 10));
		add(patient);
	}

	static StayBundle aPatient(String source, String patientId) {
		return new StayBundle(source, patientId);
	}

	PatientId patient() {
		return new PatientId(new RecordKey(this.source, "Patient", this.patientId).id());
	}

	/** Northstar's id of a resource of this patient's the test named {@code id}. */
	UUID id(String resourceType, String id) {
		return new RecordKey(this.source, resourceType, this.patientId + "-" + id).id();
	}

	/** A finished inpatient stay; {@code priority}, {@code admitSource} may be null. */
	StayBundle stay(String id, String start, String end, String priority, String admitSource) {
		ObjectNode e = encounter(id, "IMP", start, end);
		if (priority != null) {
			e.putObject("priority")
				.putArray("coding")
				.addObject()
				.put("system", "http://terminology.hl7.org/CodeSystem/v3-ActPriority")
				.put("code", priority);
		}
		if (admitSource != null) {
			e.putObject("hospitalization")
				.putObject("admitSource")
				.putArray("coding")
				.addObject()
				.put("system", "http://terminology.hl7.org/CodeSystem/admit-source")
				.put("code", admitSource);
		}
		return this;
	}

	/** The service of a stay added before: a SNOMED CT code, or only words. */
	StayBundle service(String stayId, String snomed, String display) {
		ObjectNode e = find(stayId);
		ObjectNode service = e.putObject("serviceType");
		if (snomed != null) {
			service.putArray("coding").addObject().put("system", SNOMED).put("code", snomed).put("display", display);
		}
		else {
			service.put("text", display);
		}
		return this;
	}

	StayBundle edVisit(String id, String start, String end) {
		encounter(id, "EMER", start, end);
		return this;
	}

	StayBundle condition(String id, String system, String code, String onset) {
		ObjectNode c = resource("Condition", id);
		c.putObject("clinicalStatus")
			.putArray("coding")
			.addObject()
			.put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
			.put("code", "active");
		c.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
		c.put("onsetDateTime", onset);
		return this;
	}

	/** A result of the stay ({@code stayId}, may be null) with a UCUM unit. */
	StayBundle result(String id, String loinc, String value, String unit, String effective, String stayId) {
		ObjectNode o = resource("Observation", id);
		o.put("status", "final");
		o.putObject("code").putArray("coding").addObject().put("system", LOINC).put("code", loinc);
		if (stayId != null) {
			o.putObject("encounter").put("reference", "Encounter/" + this.patientId + "-" + stayId);
		}
		o.put("effectiveDateTime", effective);
		o.putObject("valueQuantity")
			.put("value", new java.math.BigDecimal(value))
			.put("unit", unit)
			.put("system", "http://unitsofmeasure.org")
			.put("code", unit);
		return this;
	}

	StayBundle procedure(String id, String snomed, String performed, String stayId) {
		ObjectNode p = resource("Procedure", id);
		p.put("status", "completed");
		p.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", snomed);
		if (stayId != null) {
			p.putObject("encounter").put("reference", "Encounter/" + this.patientId + "-" + stayId);
		}
		p.put("performedDateTime", performed);
		return this;
	}

	byte[] json() {
		ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
		bundle.set("entry", this.entries);
		try {
			return JSON.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ObjectNode encounter(String id, String classCode, String start, String end) {
		ObjectNode e = resource("Encounter", id);
		e.put("status", "finished");
		e.putObject("class").put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode").put("code", classCode);
		ObjectNode period = e.putObject("period").put("start", start);
		if (end != null) {
			period.put("end", end);
		}
		return e;
	}

	/** Ids are prefixed with the patient's, so tests may reuse names ("stay"). */
	private ObjectNode resource(String type, String id) {
		ObjectNode r = JSON.createObjectNode().put("resourceType", type).put("id", this.patientId + "-" + id);
		r.putObject("subject").put("reference", "Patient/" + this.patientId);
		add(r);
		return r;
	}

	private ObjectNode find(String id) {
		for (var entry : this.entries) {
			if ((this.patientId + "-" + id).equals(entry.path("resource").path("id").asText())) {
				return (ObjectNode) entry.path("resource");
			}
		}
		throw new IllegalArgumentException("No resource " + id);
	}

	private void add(ObjectNode resource) {
		ObjectNode entry = this.entries.addObject();
		String type = resource.get("resourceType").asText();
		String id = resource.get("id").asText();
		entry.put("fullUrl", "urn:uuid:" + UUID.nameUUIDFromBytes((type + "/" + id).getBytes(StandardCharsets.UTF_8)));
		entry.set("resource", resource);
		entry.putObject("request").put("method", "PUT").put("url", type + "/" + id);
	}

}
