package org.northstar.medication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.StoredResource;
import org.northstar.medication.ProportionOfDaysCovered.Stay;
import org.northstar.shared.PatientId;

/**
 * What the fills of many people rest on, read in one query of only the resources that
 * count: each person's medicine evidence and inpatient stays. Adherence and refill gaps
 * need fills and stays, not every claim and visit of a long record, and of each resource
 * only the members that say what was filled, ordered or stated, when, and for how long
 * ({@link #MEMBERS}): the evidence read here has no prescriber, reason, notes or dosage.
 *
 * @param evidence per person, what their medicine resources say
 * @param stays per person, their inpatient stays
 */
record PersonEvidence(Map<PatientId, List<Evidence>> evidence, Map<PatientId, List<Stay>> stays) {

	/** Pharmacy claims and explanations of benefit, not professional or institutional. */
	static final String PHARMACY = """
			{"type": {"coding": [{"code": "pharmacy"}]}}""";

	/** Inpatient stays, not every visit. */
	static final String INPATIENT = """
			{"class": {"code": "IMP"}}""";

	/**
	 * The members of each type the evidence and stays are read from: what
	 * {@link EvidenceReader} reads of them but the prescriber, reason, notes and dosage.
	 * Measured on {@code bench/adherence}, parsing whole claims was most of a read.
	 */
	static final Map<String, List<String>> MEMBERS = Map.of( //
			"Claim", List.of("status", "type", "supportingInfo", "item", "billablePeriod", "created"),
			"ExplanationOfBenefit", List.of("status", "type", "supportingInfo", "item", "billablePeriod", "created"),
			"MedicationDispense",
			List.of("status", "medicationCodeableConcept", "medicationReference", "contained", "whenHandedOver",
					"whenPrepared", "daysSupply"),
			"MedicationRequest",
			List.of("status", "medicationCodeableConcept", "medicationReference", "contained", "authoredOn"),
			"MedicationStatement", List.of("status", "medicationCodeableConcept", "medicationReference", "contained",
					"effectiveDateTime", "effectivePeriod", "dateAsserted"),
			"Encounter", List.of("status", "class", "period"));

	/**
	 * @param personOf each record, and the person it belongs to
	 * @param types the resource types to read, each with the JSON it must contain, or
	 * {@code null} for all of its kind; an {@code Encounter} entry reads stays
	 */
	static PersonEvidence read(ClinicalResources resources, RxNormCatalog catalog, ZoneId zone,
			Map<PatientId, PatientId> personOf, Map<String, String> types, LocalDate today) {
		Map<PatientId, List<Evidence>> evidence = new HashMap<>();
		Map<PatientId, List<Stay>> stays = new HashMap<>();
		if (personOf.isEmpty()) {
			return new PersonEvidence(evidence, stays);
		}
		List<StoredResource> stored = resources.ofPatientsContaining(personOf.keySet(), types, MEMBERS);
		Map<UUID, JsonNode> medications = new HashMap<>();
		// Each resource parsed once and read at once, so that a batch's JSON trees do not
		// outlive the young generation (measured: the garbage collector's share of a
		// batch
		// of 500 people fell from 780 to 310 µs per person); only those that name a
		// stored
		// Medication wait for it, which is read in one query for all.
		EvidenceReader reader = new EvidenceReader(catalog, zone, medications, Map.of());
		List<List<Evidence>> read = new ArrayList<>(stored.size());
		Map<Integer, JsonNode> waiting = new HashMap<>();
		List<UUID> medicationIds = new ArrayList<>();
		for (StoredResource r : stored) {
			JsonNode json = EvidenceReader.read(r.json());
			if (r.resourceType().equals("Encounter")) {
				Stay stay = Medicines.stay(json, zone, today);
				if (stay != null) {
					stays.computeIfAbsent(personOf.get(r.patient()), p -> new ArrayList<>()).add(stay);
				}
				read.add(List.of());
				continue;
			}
			UUID medication = EvidenceReader.medicationReference(r, json);
			if (medication == null) {
				read.add(reader.read(r, json));
			}
			else {
				medicationIds.add(medication);
				waiting.put(read.size(), json);
				read.add(null);
			}
		}
		for (StoredResource m : resources.findAll(medicationIds)) {
			medications.put(m.id(), EvidenceReader.read(m.json()));
		}
		waiting.forEach((i, json) -> read.set(i, reader.read(stored.get(i), json)));
		for (int i = 0; i < stored.size(); i++) {
			if (!read.get(i).isEmpty()) {
				evidence.computeIfAbsent(personOf.get(stored.get(i).patient()), p -> new ArrayList<>())
					.addAll(read.get(i));
			}
		}
		return new PersonEvidence(evidence, stays);
	}

}
