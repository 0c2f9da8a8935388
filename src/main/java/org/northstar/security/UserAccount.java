package org.northstar.security;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person who signs in to Northstar.
 *
 * @param team the team whose caseloads they share; null for people outside any team
 * @param lockedUntil sign-in is refused until then, after repeated failures
 * @param mustChangePassword they hold a one-time password, to be replaced at their next
 * sign-in before anything else
 * @param source for an {@link Role#INTEGRATION} account, the source its writes are kept
 * under; null for people
 */
public record UserAccount(String username, String displayName, Set<Role> roles, String team, boolean enabled,
		Instant lockedUntil, boolean mustChangePassword, String source) {

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

	/** A system's account, which never signs in to pages. */
	public boolean isIntegration() {
		return this.roles.contains(Role.INTEGRATION);
	}

	/** Whether a sign-in is refused now for failed ones before. */
	public boolean isLocked() {
		return this.lockedUntil != null && this.lockedUntil.isAfter(Instant.now());
	}

}
