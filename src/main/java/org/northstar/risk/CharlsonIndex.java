package org.northstar.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.northstar.clinical.ClinicalHistory.Diagnosis;

/**
 * The Charlson comorbidity index of a set of conditions: each Charlson condition present
 * counts its weight once, and the three hierarchies drop the milder of a pair (diabetes
 * with chronic complication over diabetes without, moderate or severe over mild liver
 * disease, metastatic solid tumour over any malignancy). Conditions coded in ICD-10 (WHO
 * or ICD-10-CM) are placed by Quan et al. 2005's coding algorithm, those in SNOMED CT by
 * Northstar's mapping; both are data files in {@code src/main/resources/risk}.
 */
final class CharlsonIndex {

	static final String SNOMED = "http://snomed.info/sct";

	static final Set<String> ICD10 = Set.of("http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-cm",
			"http://hl7.org/fhir/sid/icd-10-ca");

	/** A Charlson condition. */
	enum Group {

		MI, CHF, PVD, CEVD, DEMENTIA, COPD, RHEUMATIC, PUD, MILD_LIVER, DIABETES, DIABETES_COMPLICATED, PLEGIA, RENAL,
		CANCER, SEVERE_LIVER, METASTATIC, HIV

	}

	record GroupDefinition(Group group, String name, int weight, Group supersededBy) {
	}

	/** A condition that maps to a Charlson condition, with the date it counts from. */
	record Counted(Diagnosis diagnosis, Group group, Instant date) {
	}

	/** The index and how each condition counted. */
	record Result(int index, List<RiskFact> facts) {
	}

	private final Map<Group, GroupDefinition> groups = new EnumMap<>(Group.class);

	/** ICD-10 prefix without its dot, upper case → group. */
	private final Map<String, Group> icd10 = new HashMap<>();

	private final Map<String, Group> snomed = new HashMap<>();

	private CharlsonIndex() {
	}

	static CharlsonIndex load() {
		CharlsonIndex index = new CharlsonIndex();
		for (String[] row : CsvResource.rows("charlson-groups.csv")) {
			Group group = Group.valueOf(row[0]);
			index.groups.put(group, new GroupDefinition(group, row[1], Integer.parseInt(row[2]),
					row[3].isEmpty() ? null : Group.valueOf(row[3])));
		}
		for (String[] row : CsvResource.rows("charlson-icd10.csv")) {
			Group previous = index.icd10.put(row[0], Group.valueOf(row[1]));
			if (previous != null) {
				throw new IllegalStateException("charlson-icd10.csv lists " + row[0] + " twice");
			}
		}
		for (String[] row : CsvResource.rows("charlson-snomed.csv")) {
			Group previous = index.snomed.put(row[0], Group.valueOf(row[2]));
			if (previous != null) {
				throw new IllegalStateException("charlson-snomed.csv lists " + row[0] + " twice");
			}
		}
		if (index.groups.size() != Group.values().length) {
			throw new IllegalStateException("charlson-groups.csv must define all 17 Charlson conditions");
		}
		return index;
	}

	/** The SNOMED CT concepts mapped: the only SNOMED CT conditions worth reading. */
	Set<String> snomedCodes() {
		return Set.copyOf(this.snomed.keySet());
	}

	GroupDefinition definition(Group group) {
		return this.groups.get(group);
	}

	/** The Charlson condition a code maps to, or null. */
	Group groupOf(String system, String code) {
		if (system == null || code == null) {
			return null;
		}
		if (SNOMED.equals(system)) {
			return this.snomed.get(code.strip());
		}
		if (ICD10.contains(system)) {
			String plain = code.replace(".", "").strip().toUpperCase(Locale.ROOT);
			// The longest listed prefix wins: I25.2 is MI, I25.5 CHF, other I25 nothing.
			for (int length = Math.min(plain.length(), 4); length >= 3; length--) {
				Group group = this.icd10.get(plain.substring(0, length));
				if (group != null) {
					return group;
				}
			}
		}
		return null;
	}

	/**
	 * The index of the conditions given, earliest first within a group (the earliest
	 * carries the weight). {@code component} names the score component the facts are for.
	 */
	Result score(List<Counted> conditions, String component) {
		Map<Group, List<Counted>> present = new EnumMap<>(Group.class);
		for (Counted c : conditions) {
			present.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
		}
		int index = 0;
		List<RiskFact> facts = new ArrayList<>();
		for (Map.Entry<Group, List<Counted>> entry : present.entrySet()) {
			GroupDefinition definition = this.groups.get(entry.getKey());
			List<Counted> members = entry.getValue();
			members.sort((a, b) -> a.date().compareTo(b.date()));
			boolean superseded = definition.supersededBy() != null && present.containsKey(definition.supersededBy());
			int weight = superseded ? 0 : definition.weight();
			index += weight;
			for (int i = 0; i < members.size(); i++) {
				Counted c = members.get(i);
				Diagnosis d = c.diagnosis();
				String how;
				if (superseded) {
					how = "not counted: " + this.groups.get(definition.supersededBy()).name().toLowerCase(Locale.ROOT)
							+ " is also present and replaces it";
				}
				else if (i > 0) {
					how = "already counted once";
				}
				else {
					how = "weight " + definition.weight();
				}
				String display = d.display() != null ? d.display() : d.code();
				facts.add(new RiskFact(component, display + ": " + definition.name() + ", " + how,
						"Condition/" + d.id(), c.date(), d.system() + "|" + d.code(), entry.getKey().name(),
						i == 0 ? weight : 0, null, null));
			}
		}
		return new Result(index, facts);
	}

}
