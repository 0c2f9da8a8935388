package org.northstar.audit;

/** What was done. */
public enum AuditAction {

	READ, SEARCH, CREATE, UPDATE, DELETE, EXPORT, LOGIN, LOGIN_FAILED, LOGOUT, ROLE_CHANGE, BREAK_THE_GLASS,

	/** Two patient records said to be one person. */
	LINK,

	/** A record taken out of its person, or two records said to be different people. */
	UNLINK,

	/**
	 * A patient record merged into another by a feed (HL7 A40): its identifiers and
	 * clinical record now belong to the survivor.
	 */
	MERGE

}
