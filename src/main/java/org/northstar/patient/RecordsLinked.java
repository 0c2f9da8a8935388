package org.northstar.patient;

import java.util.List;

import org.northstar.shared.PatientId;

/**
 * The matcher joined patient records into one person on its own, at an import, a feed
 * message or a {@code northstar link} run. Published inside the transaction that made the
 * links; listeners that act after its commit see only links that happened. Links people
 * decided on are not in it: their decisions are audited where they are made.
 */
public record RecordsLinked(List<Link> links) {

	public RecordsLinked {
		links = List.copyOf(links);
	}

	/**
	 * One pair joined.
	 *
	 * @param method {@code IDENTIFIER} (a shared identifier) or {@code PROBABILISTIC}
	 * (the score)
	 */
	public record Link(PatientId one, PatientId other, String method, double score) {
	}

}
