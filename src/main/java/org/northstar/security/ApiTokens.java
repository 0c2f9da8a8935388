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
import java.util.Optional;

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
	 * Issues a token that acts as the user until it expires.
	 * @throws UnknownUserException if there is no such user
	 */
	@Transactional
	public String issue(String username, Duration validity) {
		UserAccount user = this.accounts.find(username).orElseThrow(() -> new UnknownUserException(username));
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = "ns_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.jdbc.sql("insert into api_token (token_hash, username, expires_at) values (?, ?, ?)")
			.params(digest(token), user.username(), Timestamp.from(Instant.now().plus(validity)))
			.update();
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.CREATE, null,
				"API bearer token issued, valid " + validity.toDays() + " days", null, Outcome.SUCCESS, false, null));
		return token;
	}

	/** The enabled user a token that has not expired acts for. */
	public Optional<UserAccount> authenticate(String token) {
		return this.jdbc.sql("""
				select t.username from api_token t join app_user u on u.username = t.username
				where t.token_hash = ? and t.expires_at > now() and u.enabled
				""").param(digest(token)).query(String.class).optional().flatMap(this.accounts::find);
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
