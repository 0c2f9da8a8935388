package org.northstar.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * A coordinator's signed medication reconciliation: what the patient actually takes, line
 * by line. Kept as signed: never changed; a later one supersedes it.
 *
 * @param patient the record the reconciliation was made on (the person's)
 * @param signedAs the name the coordinator typed under the attestation
 * @param taskCompleted the transition-of-care medication task it completed, or null
 */
public record Reconciliation(long id, PatientId patient, LocalDate reconciledOn, String by, String signedAs,
		Instant signedAt, String note, Long taskCompleted, List<Line> lines) {

	public Reconciliation {
		lines = List.copyOf(lines);
	}

	/**
	 * One medicine decided.
	 *
	 * @param key the {@link MedicationLine#key()} decided, or for a medicine no source
	 * lists, {@code coordinator:} and its name
	 * @param takes what the patient actually takes, in the coordinator's words (needed
	 * for {@link Verdict#TAKES_DIFFERENTLY} and {@link Verdict#ADDED})
	 * @param reason why, in the coordinator's words
	 */
	public record Line(String key, String display, Verdict verdict, String takes, String reason) {
	}

	public enum Verdict {

		/** Takes it as listed. */
		CONFIRMED,

		/** No longer takes it. */
		STOPPED,

		/** Takes it, but not as listed. */
		TAKES_DIFFERENTLY,

		/**
		 * Takes a medicine no source lists (over the counter, from another country...).
		 */
		ADDED

	}

}
