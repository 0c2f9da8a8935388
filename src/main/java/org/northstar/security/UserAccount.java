package org.northstar.security;

import java.util.Set;

/** A person who signs in to Northstar. */
public record UserAccount(String username, String displayName, Set<Role> roles, boolean enabled) {

	public UserAccount {
		roles = Set.copyOf(roles);
	}

}
