package org.northstar.risk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * One score of one inpatient stay, as computed at one time. A score is {@code complete}
 * when every input it needs was in the record; otherwise {@code missing} says which, each
 * such component counted 0, and the score is a lower bound: the true score can only be
 * higher.
 *
 * @param patient the patient record the stay belongs to (the inputs come from every
 * record of the person)
 * @param encounter Northstar's id of the stay's Encounter
 * @param dischargedAt when the stay ended
 * @param components the points of each component, in the instrument's order
 * @param supersededAt when a recomputation replaced it; null while it is current
 */
public record RiskAssessment(UUID id, Instrument instrument, PatientId patient, UUID encounter, Instant dischargedAt,
		int score, RiskBand band, boolean complete, Map<String, Integer> components, List<RiskFact> facts,
		List<String> missing, Instant computedAt, Instant supersededAt) {

	public RiskAssessment {
		components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
		facts = List.copyOf(facts);
		missing = List.copyOf(missing);
	}

	public boolean current() {
		return this.supersededAt == null;
	}

}
