package org.northstar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for API clients. A token is shown once, when issued; only its SHA-256
 * digest is stored, so a copy of the database does not give anyone a working token.
 */
@Service
public class ApiTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final AuditTrail audit;

	ApiTokens(JdbcClient jdbc, UserAccounts accounts, AuditTrail audit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * Issues a token that acts as the user until it expires, with the
	 * {@link ApiScope#DEFAULT default scopes}.
	 * @throws UnknownUserException if there is no such user
	 */
	@Transactional
	public String issue(String username, Duration validity) {
		return issue(username, validity, ApiScope.DEFAULT);
	}

	/**
	 * Issues a token that acts as the user until it expires, limited to the scopes.
	 * @throws UnknownUserException if there is no such user
	 * @throws IllegalArgumentException if no scope is given, or {@code system/*.read} for
	 * a user who is not an administrator
	 */
	@Transactional
	public String issue(String username, Duration validity, Set<ApiScope> scopes) {
		UserAccount user = this.accounts.find(username).orElseThrow(() -> new UnknownUserException(username));
		if (scopes.isEmpty()) {
			throw new IllegalArgumentException("A token needs at least one scope");
		}
		if (scopes.contains(ApiScope.SYSTEM_READ) && !user.has(Role.ADMINISTRATOR)) {
			throw new IllegalArgumentException(
					"system/*.read reads every patient's record: only administrators may hold it, not '"
							+ user.username() + "'");
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = "ns_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String[] values = scopes.stream().map(ApiScope::value).sorted().toArray(String[]::new);
		this.jdbc.sql("insert into api_token (token_hash, username, expires_at, scopes) values (?, ?, ?, ?)")
			.params(digest(token), user.username(), Timestamp.from(Instant.now().plus(validity)), values)
			.update();
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.CREATE, null,
				"API bearer token issued, valid " + validity.toDays() + " days, scopes " + String.join(" ", values),
				null, Outcome.SUCCESS, false, null));
		return token;
	}

	/** The enabled user a token that has not expired acts for. */
	public Optional<UserAccount> authenticate(String token) {
		return grant(token).map(TokenGrant::user);
	}

	/**
	 * The user and the scopes of a token that has not expired, if its user is enabled.
	 */
	Optional<TokenGrant> grant(String token) {
		return this.jdbc.sql("""
				select t.username, t.scopes from api_token t join app_user u on u.username = t.username
				where t.token_hash = ? and t.expires_at > now() and u.enabled
				""").param(digest(token)).query((rs, n) -> {
			String[] scopes = (String[]) rs.getArray(2).getArray();
			return new Object[] { rs.getString(1), ApiScope.parseAll(List.of(scopes)) };
		}).optional().flatMap(row -> {
			@SuppressWarnings("unchecked")
			Set<ApiScope> scopes = (Set<ApiScope>) row[1];
			return this.accounts.find((String) row[0]).map(user -> new TokenGrant(user, scopes));
		});
	}

	/** What a presented token stands for. */
	record TokenGrant(UserAccount user, Set<ApiScope> scopes) {
	}

	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** No account has that username. */
	public static class UnknownUserException extends RuntimeException {

		UnknownUserException(String username) {
			super("There is no user '" + username + "'");
		}

	}

}
