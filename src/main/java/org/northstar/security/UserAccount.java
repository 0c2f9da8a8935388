package org.northstar.security;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person who signs in to Northstar.
 *
 * @param team the team whose caseloads they share; null for people outside any team
 * @param lockedUntil sign-in is refused until then, after repeated failures
 */
public record UserAccount(String username, String displayName, Set<Role> roles, String team, boolean enabled,
		Instant lockedUntil) {

	public UserAccount {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/** The roles as the audit trail records them, e.g. "COORDINATOR,SUPERVISOR". */
	public String roleNames() {
		return this.roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
	}

}
