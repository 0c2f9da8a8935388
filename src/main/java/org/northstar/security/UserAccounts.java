package org.northstar.security;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user accounts, with passwords kept only as salted, iterated hashes.
 * <p>
 * Every change an administrator or operator makes goes to the audit trail with who made
 * it, and never a password. A change to what a user may do (disabled, roles, team,
 * password) moves the account's security stamp, so that the user's open sessions end on
 * their next request; their tokens read the account on every request anyway. There is
 * always at least one enabled administrator.
 */
@Service
public class UserAccounts implements UserDetailsService, UserDetailsPasswordService {

	/** What a password a person chooses must be, in words for them. */
	public static final String PASSWORD_RULES = PasswordPolicy.RULES;

	/** Failed sign-ins in a row that lock an account, and for how long. */
	static final int LOCKOUT_THRESHOLD = 5;

	static final Duration LOCKOUT = Duration.ofMinutes(15);

	/** What a user name may be: short, lower case, no spaces. */
	static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

	private static final String COLUMNS = "username, display_name, roles, team, enabled, locked_until, must_change_password, source";

	/**
	 * What an integration's source may be: one printable line. The HL7 feed's sources
	 * ({@code hl7:FACILITY}) are the feed's alone.
	 */
	static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][\\x21-\\x7e]{0,99}");

	/** Serialises changes that could leave no enabled administrator. */
	private static final long ADMINISTRATORS_LOCK = 0x4e5f41444d494eL;

	/** One-time passwords avoid letters and digits that read alike (l, 1, o, 0, i). */
	private static final String ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final AuditTrail audit;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditTrail audit) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.audit = audit;
	}

	/**
	 * Creates an account with a password already chosen, unchecked and unaudited: for
	 * set-up by the application itself (the demo caseload, tests). People's accounts are
	 * made with {@link #createWithOneTimePassword}.
	 */
	@Transactional
	public UserAccount create(String username, String displayName, String password, Set<Role> roles, String team) {
		insert(username, displayName, password, roles, team, false, null);
		return new UserAccount(username, displayName, roles, team, true, null, false, null);
	}

	/**
	 * Creates an administrator for a new database. A configured password is the
	 * operator's choice and is kept; otherwise a password is generated, returned to be
	 * shown once, and must be changed at the first sign-in.
	 * @return the generated password, or empty when the configured one was used
	 */
	@Transactional
	public Optional<String> createAdministrator(String username, String configuredPassword) {
		boolean generated = configuredPassword == null || configuredPassword.isBlank();
		String password = generated ? oneTimePassword() : configuredPassword;
		insert(username, "Administrator", password, Set.of(Role.ADMINISTRATOR), null, generated, null);
		record(new Actor("system", null, null), AuditAction.CREATE, "user " + username
				+ " created with roles [ADMINISTRATOR] on a new database"
				+ (generated ? "; must choose a password at the first sign-in" : ", with the configured password"));
		return generated ? Optional.of(password) : Optional.empty();
	}

	/**
	 * Creates a person's account with a one-time password, which they must replace at
	 * their first sign-in.
	 * @return the one-time password, to be handed to the person; it is not kept
	 * @throws AccountRefusedException if the user name is taken or malformed, the display
	 * name empty, no role given, the team unknown, or the roles include
	 * {@link Role#INTEGRATION} (see {@link #createIntegration})
	 */
	@Transactional
	public String createWithOneTimePassword(String username, String displayName, Set<Role> roles, String team,
			Actor actor) {
		checkNewName(username, displayName);
		if (roles == null || roles.isEmpty()) {
			throw new AccountRefusedException("A user needs at least one role.");
		}
		if (roles.contains(Role.INTEGRATION)) {
			throw new AccountRefusedException("An INTEGRATION account is a system's, made with the source it writes "
					+ "for: 'northstar user create NAME --role INTEGRATION --source SOURCE' (or the source field here).");
		}
		String teamCode = knownTeam(team);
		String password = oneTimePassword();
		insert(username, displayName.strip(), password, roles, teamCode, true, null);
		record(actor, AuditAction.CREATE, "user " + username + " created with roles " + sorted(roles)
				+ (teamCode == null ? "" : " in team " + teamCode) + "; must choose a password at the first sign-in");
		return password;
	}

	/**
	 * Creates a system's account: it holds {@link Role#INTEGRATION} alone, has no
	 * password anyone knows (it never signs in to pages), and what it writes through
	 * {@code POST /fhir} is kept under {@code source}, whatever the client says. It works
	 * with a token issued for it with {@code system/*.write}.
	 * @throws AccountRefusedException if the user name is taken or malformed, the display
	 * name empty, the source malformed, one of the HL7 feed's ({@code hl7:...}) or
	 * another integration's
	 */
	@Transactional
	public void createIntegration(String username, String displayName, String source, Actor actor) {
		checkNewName(username, displayName);
		String named = source == null ? "" : source.strip();
		if (!SOURCE.matcher(named).matches()) {
			throw new AccountRefusedException("An integration needs its source: 1 to 100 letters, digits or "
					+ "punctuation without spaces, starting with a letter or digit, such as 'st-marys-ehr'"
					+ (named.isEmpty() ? "." : "; '" + named + "' is not."));
		}
		if (named.regionMatches(true, 0, "hl7:", 0, 4)) {
			throw new AccountRefusedException("Sources 'hl7:...' are the HL7 feed's: name the integration's source "
					+ "otherwise, so that it cannot write over what a hospital's feed sent.");
		}
		boolean taken = this.jdbc.sql("select exists (select 1 from app_user where source = ?)")
			.param(named)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw new AccountRefusedException("The source '" + named + "' is another integration's: each source "
					+ "belongs to one account, so that one system cannot replace another's records.");
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		insert(username, displayName.strip(), HexFormat.of().formatHex(secret), Set.of(Role.INTEGRATION), null, false,
				named);
		record(actor, AuditAction.CREATE, "user " + username + " created with role INTEGRATION for the source '" + named
				+ "'; it cannot sign in to pages");
	}

	private void checkNewName(String username, String displayName) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new AccountRefusedException("A user name is 2 to 32 lower-case letters, digits, dots, dashes or "
					+ "underscores, starting with a letter: '" + username + "' is not.");
		}
		if (find(username).isPresent()) {
			throw new AccountRefusedException("The user name '" + username + "' is taken.");
		}
		if (displayName == null || displayName.isBlank()) {
			throw new AccountRefusedException("A user needs a full name.");
		}
	}

	/**
	 * Replaces the user's password with a one-time password they must replace at their
	 * next sign-in, lifts a lockout, and ends their open sessions.
	 * @return the one-time password
	 */
	@Transactional
	public String resetPassword(String username, Actor actor) {
		if (find(username).filter(UserAccount::isIntegration).isPresent()) {
			throw new AccountRefusedException("'" + username + "' is an integration: it has no password and never "
					+ "signs in; its tokens are issued and revoked with 'northstar token'.");
		}
		String password = oneTimePassword();
		int updated = this.jdbc.sql("""
				update app_user set password_hash = ?, must_change_password = true, failed_logins = 0,
				    locked_until = null, security_stamp = security_stamp + 1
				where username = ?
				""").params(this.passwords.encode(password), username).update();
		requireUpdated(updated, username);
		record(actor, AuditAction.UPDATE, "user " + username
				+ ": password reset to a one-time password, to be replaced at the next sign-in; open sessions end");
		return password;
	}

	/**
	 * Disables the account: its sessions end on their next request and its API tokens are
	 * revoked.
	 * @return how many tokens were revoked
	 * @throws AccountRefusedException if it is the last enabled administrator
	 */
	@Transactional
	public int disable(String username, Actor actor) {
		UserAccount user = find(username).orElseThrow(() -> new ApiTokens.UnknownUserException(username));
		keepAnAdministrator(user, false);
		this.jdbc.sql("update app_user set enabled = false, security_stamp = security_stamp + 1 where username = ?")
			.param(username)
			.update();
		int revoked = this.jdbc.sql("""
				update api_token set revoked_at = now(), revoked_by = ? where username = ? and revoked_at is null
				""").params(actor.username(), username).update();
		record(actor, AuditAction.UPDATE,
				"user " + username + ": disabled; open sessions end; " + revoked + " API token(s) revoked");
		return revoked;
	}

	/** Enables a disabled account. Its revoked tokens stay revoked. */
	@Transactional
	public void enable(String username, Actor actor) {
		int updated = this.jdbc
			.sql("update app_user set enabled = true, security_stamp = security_stamp + 1 " + "where username = ?")
			.param(username)
			.update();
		requireUpdated(updated, username);
		record(actor, AuditAction.UPDATE, "user " + username + ": enabled");
	}

	/**
	 * Replaces a user's roles and team; their open sessions end on their next request, so
	 * they sign in again with what they may do now.
	 * @param team the code of an existing team, or null for none
	 * @throws AccountRefusedException if the team is unknown, or the change would leave
	 * no enabled administrator
	 */
	@Transactional
	public void changeRoles(String username, Set<Role> roles, String team, Actor actor) {
		UserAccount before = find(username).orElseThrow(() -> new ApiTokens.UnknownUserException(username));
		if (before.isIntegration() || roles.contains(Role.INTEGRATION)) {
			if (!roles.equals(before.roles()) || (team != null && !team.isBlank())) {
				throw new AccountRefusedException(before.isIntegration()
						? username + " is an integration: it holds INTEGRATION alone, in no team; make a person's "
								+ "account for a person"
						: "A person's account cannot become an integration: make one with its source");
			}
		}
		String teamCode = knownTeam(team);
		keepAnAdministrator(before, roles.contains(Role.ADMINISTRATOR));
		this.jdbc.sql("""
				update app_user set roles = ?::text[], team = ?, security_stamp = security_stamp + 1 where username = ?
				""").params(names(roles), teamCode, username).update();
		record(actor, AuditAction.ROLE_CHANGE, "user " + username + ": roles " + sorted(before.roles()) + " -> "
				+ sorted(roles) + ", team " + before.team() + " -> " + teamCode + "; open sessions end");
	}

	/** Lifts a lockout after failed sign-ins. */
	@Transactional
	public void unlock(String username, Actor actor) {
		int updated = this.jdbc.sql("update app_user set failed_logins = 0, locked_until = null where username = ?")
			.param(username)
			.update();
		requireUpdated(updated, username);
		record(actor, AuditAction.UPDATE, "user " + username + ": unlocked");
	}

	/**
	 * Changes the user's own password. Their other sessions end on their next request;
	 * the one they changed it from goes on with {@link SessionGuard#keep}.
	 * @return the account's new security stamp
	 * @throws AccountRefusedException if the current password is wrong (counted as a
	 * failed sign-in) or the new one breaks the rules
	 */
	@Transactional(noRollbackFor = AccountRefusedException.class)
	public long changeOwnPassword(String username, String currentPassword, String newPassword, String address) {
		Actor self = new Actor(username, find(username).map(UserAccount::roleNames).orElse(null), address);
		String hash = this.jdbc.sql("select password_hash from app_user where username = ? and enabled")
			.param(username)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new AccountRefusedException("This account cannot change its password."));
		if (currentPassword == null || !this.passwords.matches(currentPassword, hash)) {
			boolean locked = recordFailedLogin(username, Instant.now());
			record(self, AuditAction.UPDATE, Outcome.FAILURE, "user " + username
					+ ": password change refused, current password wrong" + (locked ? " (account locked)" : ""));
			throw new AccountRefusedException("The current password is not right.");
		}
		try {
			PasswordPolicy.check(username, newPassword);
			if (newPassword.equals(currentPassword)) {
				throw new AccountRefusedException("The new password must differ from the current one.");
			}
		}
		catch (AccountRefusedException ex) {
			record(self, AuditAction.UPDATE, Outcome.FAILURE,
					"user " + username + ": password change refused, " + ex.getMessage());
			throw ex;
		}
		long stamp = this.jdbc.sql("""
				update app_user set password_hash = ?, must_change_password = false, password_changed_at = now(),
				    failed_logins = 0, security_stamp = security_stamp + 1
				where username = ? returning security_stamp
				""").params(this.passwords.encode(newPassword), username).query(Long.class).single();
		record(self, AuditAction.UPDATE, "user " + username + ": changed their own password; other sessions end");
		return stamp;
	}

	/**
	 * Adds a team that users can then be put in.
	 * @throws AccountRefusedException if the code is malformed or taken
	 */
	@Transactional
	public void createTeam(String code, String name, Actor actor) {
		if (code == null || !USERNAME.matcher(code).matches()) {
			throw new AccountRefusedException("A team code is 2 to 32 lower-case letters, digits, dots, dashes or "
					+ "underscores, starting with a letter: '" + code + "' is not.");
		}
		if (name == null || name.isBlank()) {
			throw new AccountRefusedException("A team needs a name.");
		}
		int inserted = this.jdbc.sql("insert into team (code, name) values (?, ?) on conflict (code) do nothing")
			.params(code, name.strip())
			.update();
		if (inserted == 0) {
			throw new AccountRefusedException("There is already a team '" + code + "'.");
		}
		record(actor, AuditAction.CREATE, "team " + code + " (" + name.strip() + ") created");
	}

	/**
	 * Creates the team if it does not exist yet: for set-up by the application itself.
	 */
	public void ensureTeam(String code, String name) {
		this.jdbc.sql("insert into team (code, name) values (?, ?) on conflict (code) do nothing")
			.params(code, name)
			.update();
	}

	/** The teams users can be put in, by code. */
	public List<Team> teams() {
		return this.jdbc.sql("select code, name from team order by code")
			.query((rs, n) -> new Team(rs.getString(1), rs.getString(2)))
			.list();
	}

	/** The account of the user the current request is authenticated as. */
	public Optional<UserAccount> signedIn() {
		return find(SecurityContextHolder.getContext().getAuthentication().getName());
	}

	public Optional<UserAccount> find(String username) {
		return this.jdbc.sql("select " + COLUMNS + " from app_user where username = ?")
			.param(username)
			.query((rs, n) -> account(rs))
			.optional();
	}

	public List<UserAccount> all() {
		return this.jdbc.sql("select " + COLUMNS + " from app_user order by username")
			.query((rs, n) -> account(rs))
			.list();
	}

	/** The usernames of a team's members. */
	public List<String> teamMembers(String team) {
		return this.jdbc.sql("select username from app_user where team = ? order by username")
			.param(team)
			.query(String.class)
			.list();
	}

	/** What a signed-in session needs to know about its account on every request. */
	Optional<SessionState> sessionState(String username) {
		return this.jdbc.sql("select enabled, security_stamp, must_change_password from app_user where username = ?")
			.param(username)
			.query((rs, n) -> new SessionState(rs.getBoolean(1), rs.getLong(2), rs.getBoolean(3)))
			.optional();
	}

	record SessionState(boolean enabled, long stamp, boolean mustChangePassword) {
	}

	/**
	 * Counts a failed sign-in; the account locks for {@link #LOCKOUT} after too many in a
	 * row. A failure while the account is locked changes nothing: retrying does not keep
	 * it locked longer.
	 * @return whether this failure locked the account
	 */
	boolean recordFailedLogin(String username, Instant now) {
		return this.jdbc.sql("""
				update app_user set
				    failed_logins = case when failed_logins + 1 >= ? then 0 else failed_logins + 1 end,
				    locked_until = case when failed_logins + 1 >= ? then ?::timestamptz else null end
				where username = ? and (locked_until is null or locked_until <= ?)
				returning locked_until is not null
				""")
			.params(LOCKOUT_THRESHOLD, LOCKOUT_THRESHOLD, Timestamp.from(now.plus(LOCKOUT)), username,
					Timestamp.from(now))
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	void recordSuccessfulLogin(String username) {
		this.jdbc.sql("update app_user set failed_logins = 0, locked_until = null where username = ?")
			.param(username)
			.update();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("""
				select password_hash, roles, enabled, locked_until, security_stamp from app_user where username = ?
				""").param(username).query((rs, n) -> {
			Timestamp lockedUntil = rs.getTimestamp(4);
			UserDetails user = User.withUsername(username)
				.password(rs.getString(1))
				.authorities(authorities(roles(rs)))
				.disabled(!rs.getBoolean(3))
				.accountLocked(lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now()))
				.build();
			return new AccountDetails(user, rs.getLong(5));
		}).optional().orElseThrow(() -> new UsernameNotFoundException(username));
	}

	/**
	 * Stores the hash again when the hashing was strengthened (a bcrypt hash from
	 * before).
	 */
	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		this.jdbc.sql("update app_user set password_hash = ? where username = ?")
			.params(newPassword, user.getUsername())
			.update();
		return User.withUserDetails(user).password(newPassword).build();
	}

	static Set<SimpleGrantedAuthority> authorities(Set<Role> roles) {
		return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toSet());
	}

	private void insert(String username, String displayName, String password, Set<Role> roles, String team,
			boolean mustChangePassword, String source) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, display_name, roles, team, must_change_password, source)
				values (?, ?, ?, ?::text[], ?, ?, ?)
				""")
			.params(username, this.passwords.encode(password), displayName, names(roles), team, mustChangePassword,
					source)
			.update();
	}

	private String knownTeam(String team) {
		if (team == null || team.isBlank()) {
			return null;
		}
		String code = team.strip();
		boolean known = this.jdbc.sql("select exists (select 1 from team where code = ?)")
			.param(code)
			.query(Boolean.class)
			.single();
		if (!known) {
			throw new AccountRefusedException("There is no team '" + code + "'; the teams are "
					+ teams().stream().map(Team::code).toList() + ".");
		}
		return code;
	}

	/**
	 * Refuses a change that would leave no enabled administrator: somebody must be able
	 * to manage the accounts.
	 */
	private void keepAnAdministrator(UserAccount user, boolean staysAdministrator) {
		if (staysAdministrator || !user.enabled() || !user.has(Role.ADMINISTRATOR)) {
			return;
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ADMINISTRATORS_LOCK).query(Object.class).single();
		int others = this.jdbc.sql("""
				select count(*) from app_user where enabled and 'ADMINISTRATOR' = any (roles) and username <> ?
				""").param(user.username()).query(Integer.class).single();
		if (others == 0) {
			throw new AccountRefusedException(user.username()
					+ " is the only enabled administrator: make another administrator first, so that someone can still manage the accounts.");
		}
	}

	private void record(Actor actor, AuditAction action, String what) {
		record(actor, action, Outcome.SUCCESS, what);
	}

	private void record(Actor actor, AuditAction action, Outcome outcome, String what) {
		this.audit.record(new AuditRecord(actor.username(), actor.roles(), action, null, what, actor.address(), outcome,
				false, null));
	}

	private static void requireUpdated(int updated, String username) {
		if (updated == 0) {
			throw new ApiTokens.UnknownUserException(username);
		}
	}

	static String oneTimePassword() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				password.append('-');
			}
			password.append(ONE_TIME_ALPHABET.charAt(RANDOM.nextInt(ONE_TIME_ALPHABET.length())));
		}
		return password.toString();
	}

	private static UserAccount account(ResultSet rs) throws SQLException {
		Timestamp lockedUntil = rs.getTimestamp("locked_until");
		return new UserAccount(rs.getString("username"), rs.getString("display_name"), roles(rs), rs.getString("team"),
				rs.getBoolean("enabled"), lockedUntil == null ? null : lockedUntil.toInstant(),
				rs.getBoolean("must_change_password"), rs.getString("source"));
	}

	private static Set<Role> roles(ResultSet rs) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf).forEach(roles::add);
		return roles;
	}

	private static List<String> sorted(Collection<Role> roles) {
		return roles.stream().map(Role::name).sorted().toList();
	}

	private static String[] names(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

	/**
	 * A signed-in user as Spring Security keeps them in the session, with the security
	 * stamp their account had when they signed in.
	 */
	static final class AccountDetails extends User {

		private static final long serialVersionUID = 1L;

		private final long stamp;

		AccountDetails(UserDetails user, long stamp) {
			super(user.getUsername(), user.getPassword(), user.isEnabled(), true, true, user.isAccountNonLocked(),
					(Collection<? extends GrantedAuthority>) user.getAuthorities());
			this.stamp = stamp;
		}

		long stamp() {
			return this.stamp;
		}

	}

}
