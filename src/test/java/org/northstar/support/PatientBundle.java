package org.northstar.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A FHIR transaction bundle of one patient as one source registered them, with a few
 * clinical facts: for tests that need records from several systems.
 */
public final class PatientBundle {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String id;

	private final ObjectNode patient = JSON.createObjectNode();

	private final ArrayNode entries = JSON.createArrayNode();

	private PatientBundle(String id) {
		this.id = id;
		this.patient.put("resourceType", "Patient").put("id", id);
	}

	/** A patient whose id in its source is {@code id}. */
	public static PatientBundle aPatient(String id) {
		return new PatientBundle(id);
	}

	public PatientBundle named(String given, String family) {
		ObjectNode name = this.patient.putArray("name").addObject().put("family", family);
		for (String g : given.split(" ")) {
			name.withArray("given").add(g);
		}
		return this;
	}

	public PatientBundle born(String date) {
		this.patient.put("birthDate", date);
		return this;
	}

	public PatientBundle sex(String gender) {
		this.patient.put("gender", gender);
		return this;
	}

	public PatientBundle livingAt(String line, String city, String postalCode) {
		ObjectNode address = this.patient.putArray("address").addObject();
		address.putArray("line").add(line);
		address.put("city", city).put("state", "MA").put("postalCode", postalCode);
		return this;
	}

	public PatientBundle phone(String phone) {
		this.patient.withArray("telecom").addObject().put("system", "phone").put("value", phone);
		return this;
	}

	public PatientBundle email(String email) {
		this.patient.withArray("telecom").addObject().put("system", "email").put("value", email);
		return this;
	}

	/**
	 * The preferred language (BCP-47), and whether the source says an interpreter is
	 * needed.
	 */
	public PatientBundle speaks(String language, boolean interpreterRequired) {
		this.patient.withArray("communication")
			.addObject()
			.put("preferred", true)
			.putObject("language")
			.putArray("coding")
			.addObject()
			.put("system", "urn:ietf:bcp:47")
			.put("code", language);
		if (interpreterRequired) {
			this.patient.withArray("extension")
				.addObject()
				.put("url", "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired")
				.put("valueBoolean", true);
		}
		return this;
	}

	public PatientBundle identifier(String type, String system, String value) {
		ObjectNode identifier = this.patient.withArray("identifier").addObject();
		identifier.putObject("type")
			.putArray("coding")
			.addObject()
			.put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
			.put("code", type);
		identifier.put("system", system).put("value", value);
		return this;
	}

	/**
	 * The practice or physician the source names as the patient's general practitioner.
	 */
	public PatientBundle generalPractitioner(String display) {
		this.patient.withArray("generalPractitioner").addObject().put("display", display);
		return this;
	}

	/** The organization the source says manages the patient's record. */
	public PatientBundle managedBy(String organization) {
		this.patient.putObject("managingOrganization").put("display", organization);
		return this;
	}

	public PatientBundle ssn(String ssn) {
		return identifier("SS", "http://hl7.org/fhir/sid/us-ssn", ssn);
	}

	public PatientBundle withCondition(String snomed, String display) {
		ObjectNode c = resource("Condition");
		c.putObject("code")
			.putArray("coding")
			.addObject()
			.put("system", "http://snomed.info/sct")
			.put("code", snomed)
			.put("display", display);
		c.putObject("clinicalStatus").putArray("coding").addObject().put("code", "active");
		return this;
	}

	/** An encounter of the given type that began at the given instant (ISO-8601). */
	public PatientBundle withEncounter(String snomed, String display, String start) {
		ObjectNode e = resource("Encounter");
		e.put("status", "finished");
		e.putObject("class").put("code", "AMB");
		e.putArray("type")
			.addObject()
			.putArray("coding")
			.addObject()
			.put("system", "http://snomed.info/sct")
			.put("code", snomed)
			.put("display", display);
		e.putObject("period").put("start", start).put("end", start);
		return this;
	}

	/**
	 * Any resource of the patient's record, as JSON written by the test (its references
	 * to the patient included): medication orders, dispenses, claims...
	 */
	public PatientBundle withResource(String json) {
		try {
			this.entries.add(entry((ObjectNode) JSON.readTree(json)));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
		return this;
	}

	public byte[] json() {
		ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
		ArrayNode all = bundle.putArray("entry");
		all.add(entry(this.patient));
		all.addAll(this.entries);
		try {
			return JSON.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ObjectNode resource(String type) {
		ObjectNode r = JSON.createObjectNode()
			.put("resourceType", type)
			.put("id", this.id + "-" + type.toLowerCase() + "-" + (this.entries.size() + 1));
		r.putObject(type.equals("Condition") || type.equals("Encounter") ? "subject" : "patient")
			.put("reference", "Patient/" + this.id);
		this.entries.add(entry(r));
		return r;
	}

	private static ObjectNode entry(ObjectNode resource) {
		ObjectNode entry = JSON.createObjectNode();
		entry.put("fullUrl",
				"urn:uuid:" + UUID
					.nameUUIDFromBytes((resource.get("resourceType").asText() + "/" + resource.get("id").asText())
						.getBytes(StandardCharsets.UTF_8)));
		entry.set("resource", resource);
		entry.putObject("request")
			.put("method", "PUT")
			.put("url", resource.get("resourceType").asText() + "/" + resource.get("id").asText());
		return entry;
	}

}
