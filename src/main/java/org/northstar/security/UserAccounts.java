package org.northstar.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user accounts, with passwords kept only as bcrypt hashes. */
@Service
public class UserAccounts implements UserDetailsService {

	/** Failed sign-ins in a row that lock an account, and for how long. */
	static final int LOCKOUT_THRESHOLD = 5;

	static final Duration LOCKOUT = Duration.ofMinutes(15);

	private static final String COLUMNS = "username, display_name, roles, team, enabled, locked_until";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	/** Creates the account; fails if the username is taken. */
	@Transactional
	public UserAccount create(String username, String displayName, String password, Set<Role> roles, String team) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, display_name, roles, team)
				values (?, ?, ?, ?::text[], ?)
				""").params(username, this.passwords.encode(password), displayName, names(roles), team).update();
		return new UserAccount(username, displayName, roles, team, true, null);
	}

	/** Creates the team if it does not exist yet. */
	public void ensureTeam(String code, String name) {
		this.jdbc.sql("insert into team (code, name) values (?, ?) on conflict (code) do nothing")
			.params(code, name)
			.update();
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

	/** Replaces a user's roles and team. */
	@Transactional
	public void changeRoles(String username, Set<Role> roles, String team) {
		int updated = this.jdbc.sql("update app_user set roles = ?::text[], team = ? where username = ?")
			.params(names(roles), team, username)
			.update();
		if (updated == 0) {
			throw new ApiTokens.UnknownUserException(username);
		}
	}

	public void unlock(String username) {
		this.jdbc.sql("update app_user set failed_logins = 0, locked_until = null where username = ?")
			.param(username)
			.update();
	}

	/**
	 * Counts a failed sign-in; the account locks for {@link #LOCKOUT} after too many in a
	 * row.
	 */
	boolean recordFailedLogin(String username, Instant now) {
		return this.jdbc.sql("""
				update app_user set failed_logins = failed_logins + 1,
				    locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
				where username = ? returning locked_until is not null and locked_until > ?
				""")
			.params(LOCKOUT_THRESHOLD, Timestamp.from(now.plus(LOCKOUT)), username, Timestamp.from(now))
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
		return this.jdbc.sql("select password_hash, roles, enabled, locked_until from app_user where username = ?")
			.param(username)
			.query((rs, n) -> {
				Timestamp lockedUntil = rs.getTimestamp(4);
				return User.withUsername(username)
					.password(rs.getString(1))
					.authorities(authorities(roles(rs)))
					.disabled(!rs.getBoolean(3))
					.accountLocked(lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now()))
					.build();
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}

	static Set<SimpleGrantedAuthority> authorities(Set<Role> roles) {
		return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toSet());
	}

	private static UserAccount account(ResultSet rs) throws SQLException {
		Timestamp lockedUntil = rs.getTimestamp("locked_until");
		return new UserAccount(rs.getString("username"), rs.getString("display_name"), roles(rs), rs.getString("team"),
				rs.getBoolean("enabled"), lockedUntil == null ? null : lockedUntil.toInstant());
	}

	private static Set<Role> roles(ResultSet rs) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::valueOf).forEach(roles::add);
		return roles;
	}

	private static String[] names(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

}
