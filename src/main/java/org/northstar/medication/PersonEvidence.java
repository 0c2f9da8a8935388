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
 * need fills and stays, not every claim and visit of a long record.
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
		List<StoredResource> stored = resources.ofPatientsContaining(personOf.keySet(), types);
		List<UUID> medicationIds = new ArrayList<>();
		for (StoredResource r : stored) {
			UUID medication = r.resourceType().equals("Encounter") ? null : EvidenceReader.medicationReference(r);
			if (medication != null) {
				medicationIds.add(medication);
			}
		}
		Map<UUID, JsonNode> medications = new HashMap<>();
		for (StoredResource m : resources.findAll(medicationIds)) {
			medications.put(m.id(), EvidenceReader.read(m.json()));
		}
		EvidenceReader reader = new EvidenceReader(catalog, zone, medications, Map.of());
		for (StoredResource r : stored) {
			PatientId person = personOf.get(r.patient());
			if (r.resourceType().equals("Encounter")) {
				Stay stay = Medicines.stay(EvidenceReader.read(r.json()), zone, today);
				if (stay != null) {
					stays.computeIfAbsent(person, p -> new ArrayList<>()).add(stay);
				}
			}
			else {
				evidence.computeIfAbsent(person, p -> new ArrayList<>()).addAll(reader.read(r));
			}
		}
		return new PersonEvidence(evidence, stays);
	}

}
