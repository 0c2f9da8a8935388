package org.northstar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens for API clients. A token is shown once, when issued; only its SHA-256
 * digest is stored, so a copy of the database does not give anyone a working token.
 * <p>
 * Each token names its purpose and lives at most {@code northstar.tokens.max-lifetime}
 * (90 days unless configured), counted from its issue: a shorter maximum configured later
 * ends older tokens too. A token works only while it is not revoked and its user is
 * enabled, and acts with the roles its user has at the time of each request.
 */
@Service
public class ApiTokens {

	static final int PURPOSE_MAX_LENGTH = 200;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String COLUMNS = "id, username, purpose, scopes, created_at, expires_at, last_used_at";

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final AuditTrail audit;

	private final Duration maxLifetime;

	ApiTokens(JdbcClient jdbc, UserAccounts accounts, AuditTrail audit,
			@Value("${northstar.tokens.max-lifetime:90d}") Duration maxLifetime) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.audit = audit;
		this.maxLifetime = maxLifetime;
	}

	/** How long a token may be valid at most. */
	public Duration maxLifetime() {
		return this.maxLifetime;
	}

	/**
	 * Issues a token with the {@link ApiScope#DEFAULT default scopes}, as the operator at
	 * the command line does.
	 * @see #issue(String, String, Duration, Set, Actor)
	 */
	@Transactional
	public String issue(String username, String purpose, Duration validity) {
		return issue(username, purpose, validity, ApiScope.DEFAULT, Actor.commandLine());
	}

	/**
	 * Issues a token limited to the scopes, as the operator at the command line does.
	 * @see #issue(String, String, Duration, Set, Actor)
	 */
	@Transactional
	public String issue(String username, String purpose, Duration validity, Set<ApiScope> scopes) {
		return issue(username, purpose, validity, scopes, Actor.commandLine());
	}

	/**
	 * Issues a token that acts as the user until it expires, limited to the scopes.
	 * @param purpose what the token is for ("nightly export to the HIE"), shown wherever
	 * tokens are listed
	 * @return the token, to be shown once
	 * @throws UnknownUserException if there is no such user
	 * @throws AccountRefusedException if the purpose is missing, the validity longer than
	 * the maximum lifetime, no scope is given, the user is disabled, or
	 * {@code system/*.read} is asked for a user who is not an administrator, or
	 * {@code system/*.write} for an account that is not an {@link Role#INTEGRATION}
	 */
	@Transactional
	public String issue(String username, String purpose, Duration validity, Set<ApiScope> scopes, Actor issuer) {
		UserAccount user = this.accounts.find(username).orElseThrow(() -> new UnknownUserException(username));
		String why = purpose == null ? "" : purpose.strip();
		if (why.isEmpty()) {
			throw new AccountRefusedException(
					"A token needs a purpose, so that whoever reads the list of tokens knows what it is for.");
		}
		if (why.length() > PURPOSE_MAX_LENGTH || why.chars().anyMatch(Character::isISOControl)) {
			throw new AccountRefusedException(
					"A token's purpose is one line of at most " + PURPOSE_MAX_LENGTH + " characters.");
		}
		if (validity.isNegative() || validity.isZero() || validity.compareTo(this.maxLifetime) > 0) {
			throw new AccountRefusedException("A token may be valid for at most " + this.maxLifetime.toDays()
					+ " days (northstar.tokens.max-lifetime), not " + validity.toDays() + ".");
		}
		if (scopes.isEmpty()) {
			throw new AccountRefusedException("A token needs at least one scope.");
		}
		if (!user.enabled()) {
			throw new AccountRefusedException("'" + username + "' is disabled.");
		}
		if (scopes.contains(ApiScope.SYSTEM_READ) && !user.has(Role.ADMINISTRATOR)) {
			throw new AccountRefusedException(
					"system/*.read reads every patient's record: only administrators may hold it, not '"
							+ user.username() + "'");
		}
		if (scopes.contains(ApiScope.SYSTEM_WRITE) && !user.isIntegration()) {
			throw new AccountRefusedException(
					"system/*.write sends records under a system's source: only INTEGRATION accounts may hold it, not '"
							+ user.username() + "' (make one with 'northstar user create NAME --role INTEGRATION "
							+ "--source SOURCE')");
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = "ns_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String[] values = scopes.stream().map(ApiScope::value).sorted().toArray(String[]::new);
		long id = this.jdbc.sql("""
				insert into api_token (token_hash, username, purpose, expires_at, scopes) values (?, ?, ?, ?, ?)
				returning id
				""")
			.params(digest(token), user.username(), why, Timestamp.from(Instant.now().plus(validity)), values)
			.query(Long.class)
			.single();
		record(issuer, AuditAction.CREATE, "API token " + id + " issued for " + user.username() + ": purpose '" + why
				+ "', valid " + validity.toDays() + " days, scopes " + String.join(" ", values));
		return token;
	}

	/** The tokens that work now (not revoked, not expired), oldest first. */
	public List<ApiToken> active() {
		return this.jdbc.sql("select " + COLUMNS + " from api_token where " + activeCondition("") + " order by id")
			.param(oldestValidIssue())
			.query((rs, n) -> token(rs))
			.list();
	}

	/** The user's tokens that work now, oldest first. */
	public List<ApiToken> activeOf(String username) {
		return this.jdbc
			.sql("select " + COLUMNS + " from api_token where username = ? and " + activeCondition("") + " order by id")
			.params(username, oldestValidIssue())
			.query((rs, n) -> token(rs))
			.list();
	}

	/**
	 * Revokes a token at once, for whoever may: an operator at the command line.
	 * @throws AccountRefusedException if there is no such token that works now
	 */
	@Transactional
	public ApiToken revoke(long id, Actor actor) {
		ApiToken token = findActive(id).orElseThrow(() -> new AccountRefusedException(
				"There is no token " + id + " that works now: 'northstar token --list' shows them."));
		return revoke(token, actor);
	}

	/**
	 * Revokes a token at once: the user's own, or anyone's if they are an administrator.
	 * @throws AccountRefusedException if there is no such token that works now, or it is
	 * another user's and they are not an administrator
	 */
	@Transactional
	public ApiToken revoke(long id, UserAccount user, String address) {
		ApiToken token = findActive(id)
			.filter(t -> t.username().equals(user.username()) || user.has(Role.ADMINISTRATOR))
			.orElseThrow(() -> new AccountRefusedException("There is no token " + id + " of yours that works now."));
		return revoke(token, Actor.of(user, address));
	}

	private ApiToken revoke(ApiToken token, Actor actor) {
		this.jdbc.sql("update api_token set revoked_at = now(), revoked_by = ? where id = ? and revoked_at is null")
			.params(actor.username(), token.id())
			.update();
		record(actor, AuditAction.DELETE,
				"API token " + token.id() + " of " + token.username() + " revoked: purpose '" + token.purpose() + "'");
		return token;
	}

	private Optional<ApiToken> findActive(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from api_token where id = ? and " + activeCondition(""))
			.params(id, oldestValidIssue())
			.query((rs, n) -> token(rs))
			.optional();
	}

	/** The enabled user a token that works now acts for. */
	public Optional<UserAccount> authenticate(String token) {
		return grant(token).map(TokenGrant::user);
	}

	/**
	 * The user and the scopes of a token that works now, if its user is enabled. Notes
	 * when it was last used, to the minute.
	 */
	Optional<TokenGrant> grant(String token) {
		String digest = digest(token);
		return this.jdbc.sql("""
				with used as (
				    update api_token set last_used_at = now()
				    where token_hash = ? and revoked_at is null
				      and (last_used_at is null or last_used_at < now() - interval '1 minute')
				    returning token_hash
				)
				select t.username, t.scopes from api_token t join app_user u on u.username = t.username
				where t.token_hash = ? and u.enabled and
				""" + activeCondition("t.")).params(digest, digest, oldestValidIssue()).query((rs, n) -> {
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

	/** Takes one parameter: the oldest issue time a token may have. */
	private static String activeCondition(String alias) {
		return alias + "revoked_at is null and " + alias + "expires_at > now() and " + alias + "created_at > ?";
	}

	private Timestamp oldestValidIssue() {
		return Timestamp.from(Instant.now().minus(this.maxLifetime));
	}

	private void record(Actor actor, AuditAction action, String what) {
		this.audit.record(new AuditRecord(actor.username(), actor.roles(), action, null, what, actor.address(),
				Outcome.SUCCESS, false, null));
	}

	private ApiToken token(ResultSet rs) throws SQLException {
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		Instant created = rs.getTimestamp("created_at").toInstant();
		Instant expires = rs.getTimestamp("expires_at").toInstant();
		Instant latest = created.plus(this.maxLifetime);
		return new ApiToken(rs.getLong("id"), rs.getString("username"), rs.getString("purpose"),
				List.of((String[]) rs.getArray("scopes").getArray()), created,
				expires.isAfter(latest) ? latest : expires, lastUsed == null ? null : lastUsed.toInstant());
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
	public static class UnknownUserException extends AccountRefusedException {

		UnknownUserException(String username) {
			super("There is no user '" + username + "'");
		}

	}

}
