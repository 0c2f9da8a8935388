package org.northstar.patient.linkage;

/** What the matcher concludes about a pair of records. */
public enum Decision {

	/** The same person: link automatically. */
	LINK,

	/** Perhaps the same person: a coordinator decides in the review queue. */
	REVIEW,

	/** Different people. */
	NO_LINK

}
