package org.northstar.security;

/**
 * What a user does in Northstar; a person may hold several. {@link #INTEGRATION} is held
 * alone.
 */
public enum Role {

	COORDINATOR, SUPERVISOR, CARE_TEAM_MEMBER, ADMINISTRATOR,

	/**
	 * A system, not a person: it never signs in to pages, and writes through
	 * {@code POST /fhir} with a {@code system/*.write} token, under the source its
	 * account names.
	 */
	INTEGRATION

}
