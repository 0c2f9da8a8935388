package org.northstar.security;

import java.time.Instant;
import java.util.List;

/**
 * An API token as the lists show it; never the token itself, which only its holder has.
 *
 * @param id what the token is listed and revoked by
 * @param username the user it acts as
 * @param purpose what it is for, as its issuer said
 * @param scopes what it may do, SMART-style ({@code user/*.read})
 * @param expiresAt when it stops working, the maximum lifetime included
 * @param lastUsedAt when it was last presented, to the minute; null if never
 */
public record ApiToken(long id, String username, String purpose, List<String> scopes, Instant createdAt,
		Instant expiresAt, Instant lastUsedAt) {

	public ApiToken {
		scopes = List.copyOf(scopes);
	}

}
