package org.northstar.careplan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A source's transaction bundle of one patient with what care plans are made from: a
 * condition, a goal and a care plan of the source's own, and measurements.
 */
final class CarePlanFixture {

	private final String id;

	private final List<String> entries = new ArrayList<>();

	private CarePlanFixture(String id, String given, String family) {
		this.id = id;
		this.entries.add(entry("Patient", id, """
				{"resourceType": "Patient", "id": "%s", "name": [{"family": "%s", "given": ["%s"]}],
				 "birthDate": "%s", "gender": "female"}""".formatted(id, family, given, birthDate(id))));
	}

	/**
	 * A birth date of its own per id, so that two fixtures of the same name are not
	 * linked as one person by the matcher.
	 */
	private static String birthDate(String id) {
		int n = Math.floorMod(id.hashCode(), 28 * 12 * 40);
		return "%d-%02d-%02d".formatted(1940 + n / (28 * 12), 1 + n / 28 % 12, 1 + n % 28);
	}

	static CarePlanFixture aPatient(String id, String given, String family) {
		return new CarePlanFixture(id, given, family);
	}

	CarePlanFixture withHeartFailure() {
		this.entries.add(entry("Condition", this.id + "-hf",
				"""
						{"resourceType": "Condition", "id": "%s-hf", "subject": {"reference": "%s"},
						 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
						 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "84114007", "display": "Heart failure"}]}}"""
					.formatted(this.id, patientUrl())));
		return this;
	}

	/** A goal as a hospital sends it: a weight band, due on a date. */
	CarePlanFixture withGoal(String goalId, String description, String low, String high, String due) {
		this.entries.add(entry("Goal", goalId, """
				{"resourceType": "Goal", "id": "%s", "lifecycleStatus": "active", "subject": {"reference": "%s"},
				 "description": {"text": "%s"},
				 "target": [{"measure": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
				   "detailRange": {"low": {"value": %s, "unit": "kg"}, "high": {"value": %s, "unit": "kg"}},
				   "dueDate": "%s"}]}""".formatted(goalId, patientUrl(), description, low, high, due)));
		return this;
	}

	CarePlanFixture withCarePlan(String planId, String title, String activity) {
		this.entries.add(entry("CarePlan", planId, """
				{"resourceType": "CarePlan", "id": "%s", "status": "active", "intent": "plan", "title": "%s",
				 "subject": {"reference": "%s"},
				 "activity": [{"detail": {"status": "in-progress", "code": {"text": "%s"}}}]}""".formatted(planId,
				title, patientUrl(), activity)));
		return this;
	}

	/** A body weight on a day, with the digits given. */
	CarePlanFixture weighing(String day, String kg) {
		String obsId = this.id + "-weight-" + day;
		this.entries.add(entry("Observation", obsId,
				"""
						{"resourceType": "Observation", "id": "%s", "status": "final", "subject": {"reference": "%s"},
						 "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
						 "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7", "display": "Body weight"}]},
						 "effectiveDateTime": "%sT08:00:00-05:00",
						 "valueQuantity": {"value": %s, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}}"""
					.formatted(obsId, patientUrl(), day, kg)));
		return this;
	}

	/** A medicine started on a day: a medication change on the charts. */
	CarePlanFixture prescribed(String day, String medicine) {
		String rxId = this.id + "-rx-" + day;
		this.entries.add(entry("MedicationRequest", rxId, """
				{"resourceType": "MedicationRequest", "id": "%s", "status": "active", "intent": "order",
				 "subject": {"reference": "%s"}, "authoredOn": "%sT10:00:00-05:00",
				 "medicationCodeableConcept": {"text": "%s"}}""".formatted(rxId, patientUrl(), day, medicine)));
		return this;
	}

	byte[] json() {
		return ("{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
				+ String.join(",", this.entries) + "]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	String id() {
		return this.id;
	}

	private String patientUrl() {
		return "urn:uuid:" + uuid("Patient", this.id);
	}

	private static String entry(String type, String id, String resource) {
		return """
				{"fullUrl": "urn:uuid:%s", "resource": %s, "request": {"method": "PUT", "url": "%s/%s"}}"""
			.formatted(uuid(type, id), resource, type, id);
	}

	private static String uuid(String type, String id) {
		return java.util.UUID.nameUUIDFromBytes((type + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
