package org.northstar.patient.linkage;

/** How far two records agree on one field. */
public enum Agreement {

	/** The same value, after normalisation. */
	AGREE,

	/**
	 * Close: a typo, a nickname, a phonetic match, day and month swapped, the same postal
	 * code at another street address.
	 */
	PARTIAL,

	/** Different values. */
	DISAGREE,

	/** One record or both lack the field: no evidence either way. */
	MISSING

}
