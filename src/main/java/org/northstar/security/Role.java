package org.northstar.security;

/** What a user does in Northstar; a user may hold several. */
public enum Role {

	COORDINATOR, SUPERVISOR, CARE_TEAM_MEMBER, ADMINISTRATOR

}
