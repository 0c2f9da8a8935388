package org.northstar.patient;

import java.time.Instant;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * Two patient records the matcher thinks may be one person, with the evidence: a pair of
 * the review queue, or a decided one.
 *
 * @param recordA the record with the smaller id
 * @param score the Fellegi–Sunter score: log2 of how much likelier the agreements are for
 * one person than for two
 * @param fields each field's agreement and weight, in reading order
 * @param decidedBy the coordinator who decided, or null while pending or when the matcher
 * decided
 */
public record LinkCandidate(PatientId recordA, PatientId recordB, double score, List<FieldAgreement> fields,
		Status status, String decidedBy, Instant decidedAt) {

	public LinkCandidate {
		fields = List.copyOf(fields);
	}

	/** Where the pair stands. */
	public enum Status {

		/** Waiting in the review queue. */
		PENDING,

		/** The same person. */
		LINKED,

		/** Different people; never linked automatically again. */
		REJECTED

	}

	/**
	 * How far the two records agree on one field.
	 *
	 * @param field what is compared, as a person reads it ("Birth date")
	 * @param agreement AGREE, PARTIAL, DISAGREE or MISSING
	 * @param weight the field's contribution to the score
	 */
	public record FieldAgreement(String field, String agreement, double weight) {

		/** "+12.2", "-5.6", "0": for the comparison table. */
		public String signedWeight() {
			return this.weight == 0 ? "0" : String.format(java.util.Locale.ROOT, "%+.1f", this.weight);
		}

	}

	/** "+18.4": for the comparison table. */
	public String signedScore() {
		return String.format(java.util.Locale.ROOT, "%+.1f", this.score);
	}

}
