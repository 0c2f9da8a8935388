package org.northstar.clinical;

import java.time.Instant;
import java.util.List;

/**
 * What a caseload list shows of a patient's clinical record.
 *
 * @param mainProblems up to three active problems, the most recent first
 * @param lastEncounter the start of the latest encounter that has begun, if any
 * @param nextEncounter the start of the next planned encounter, if any
 */
public record PatientOverview(List<String> mainProblems, Instant lastEncounter, Instant nextEncounter) {

	public static final PatientOverview EMPTY = new PatientOverview(List.of(), null, null);

	public PatientOverview {
		mainProblems = List.copyOf(mainProblems);
	}

}
