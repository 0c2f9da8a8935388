package org.northstar.audit;

/** What was done. */
public enum AuditAction {

	READ, SEARCH, CREATE, UPDATE, DELETE, EXPORT, LOGIN, LOGIN_FAILED, LOGOUT, ROLE_CHANGE, BREAK_THE_GLASS,

	/** Two patient records said to be one person. */
	LINK,

	/** A record taken out of its person, or two records said to be different people. */
	UNLINK

}
