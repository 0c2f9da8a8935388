package org.northstar.audit;

/** What was done. */
public enum AuditAction {

	READ, SEARCH, CREATE, UPDATE, DELETE, EXPORT, LOGIN, LOGIN_FAILED, LOGOUT, ROLE_CHANGE, BREAK_THE_GLASS

}
