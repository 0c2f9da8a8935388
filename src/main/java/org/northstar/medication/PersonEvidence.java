package org.northstar.medication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.MedicationUse;
import org.northstar.clinical.StoredResource;
import org.northstar.medication.ProportionOfDaysCovered.Stay;
import org.northstar.shared.PatientId;

/**
 * What the fills of many people rest on, read without parsing their claims: each person's
 * medicine evidence from the narrow rows kept with each medication resource
 * ({@link MedicationUse}), and their inpatient stays. Adherence and refill gaps need
 * fills and stays, not every claim and visit of a long record; the evidence read here has
 * no prescriber, reason, notes or dosage, which only the resources' JSON has.
 *
 * @param evidence per person, what their medicine resources say
 * @param stays per person, their inpatient stays
 */
record PersonEvidence(Map<PatientId, List<Evidence>> evidence, Map<PatientId, List<Stay>> stays) {

	/** The types a pharmacy claim arrives as, each fill usually as both. */
	private static final Set<String> CLAIMS = Set.of("Claim", "ExplanationOfBenefit");

	/** The members of an inpatient encounter a stay is read from. */
	private static final List<String> STAY = List.of("status", "class", "period");

	/**
	 * @param personOf each record, and the person it belongs to
	 * @param types the medication resource types to read
	 */
	static PersonEvidence read(ClinicalResources resources, RxNormCatalog catalog, ZoneId zone,
			Map<PatientId, PatientId> personOf, Set<String> types, LocalDate today) {
		Map<PatientId, List<Evidence>> evidence = new HashMap<>();
		Map<PatientId, List<Stay>> stays = new HashMap<>();
		if (personOf.isEmpty()) {
			return new PersonEvidence(evidence, stays);
		}
		List<MedicationUse.Stored> uses = resources.medicationUses(personOf.keySet(), types);
		// Only a medicine named by a stored Medication needs a resource's JSON: that
		// Medication's, read in one query for all.
		List<UUID> medicationIds = new ArrayList<>();
		uses.forEach(u -> {
			if (u.use().medication() != null) {
				medicationIds.add(u.use().medication());
			}
		});
		Map<UUID, JsonNode> medications = new HashMap<>();
		for (StoredResource m : resources.findAll(medicationIds)) {
			medications.put(m.id(), EvidenceReader.read(m.json()));
		}
		EvidenceReader reader = new EvidenceReader(catalog, zone, medications, Map.of());
		// A pharmacy fill is claimed and then explained (Synthea and most payers send
		// both): a claim's row that says exactly what an earlier one of the record said
		// is the same fill, read once. Payers that send only EOBs lose nothing.
		Set<ClaimedFill> claimed = new HashSet<>();
		for (MedicationUse.Stored use : uses) {
			if (CLAIMS.contains(use.resourceType()) && !claimed.add(ClaimedFill.of(use))) {
				continue;
			}
			Evidence e = reader.read(use);
			if (e != null) {
				evidence.computeIfAbsent(personOf.get(use.patient()), p -> new ArrayList<>()).add(e);
			}
		}
		for (StoredResource r : resources.encountersOfClass(personOf.keySet(), "IMP", STAY)) {
			Stay stay = Medicines.stay(EvidenceReader.read(r.json()), zone, today);
			if (stay != null) {
				stays.computeIfAbsent(personOf.get(r.patient()), p -> new ArrayList<>()).add(stay);
			}
		}
		return new PersonEvidence(evidence, stays);
	}

	/** All a claim's row says of a fill but which claim and which item. */
	private record ClaimedFill(PatientId patient, String source, String status, String rxnorm, String display,
			UUID medication, String date, String end, Integer daysSupply) {

		static ClaimedFill of(MedicationUse.Stored stored) {
			MedicationUse use = stored.use();
			return new ClaimedFill(stored.patient(), stored.source(), use.status(), use.rxnorm(), use.display(),
					use.medication(), use.date(), use.end(), use.daysSupply());
		}

	}

}
