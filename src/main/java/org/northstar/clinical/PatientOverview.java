package org.northstar.clinical;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a caseload list shows of a patient's clinical record, or of a person's (all their
 * records).
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

	/**
	 * One person's overview from the overviews of their records: the problems of each,
	 * once, up to three; the latest encounter that has begun and the next planned one.
	 */
	static PatientOverview ofRecords(Collection<PatientOverview> records) {
		Set<String> problems = new LinkedHashSet<>();
		Instant last = null;
		Instant next = null;
		for (PatientOverview o : records) {
			if (o == null) {
				continue;
			}
			problems.addAll(o.mainProblems());
			last = o.lastEncounter() != null && (last == null || o.lastEncounter().isAfter(last)) ? o.lastEncounter()
					: last;
			next = o.nextEncounter() != null && (next == null || o.nextEncounter().isBefore(next)) ? o.nextEncounter()
					: next;
		}
		return new PatientOverview(problems.stream().limit(3).toList(), last, next);
	}

}
