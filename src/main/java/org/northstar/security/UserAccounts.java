package org.northstar.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The user accounts, with passwords kept only as bcrypt hashes. */
@Service
public class UserAccounts implements UserDetailsService {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	/** Creates the account; fails if the username is taken. */
	public UserAccount create(String username, String displayName, String password, Set<Role> roles) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, display_name, roles)
				values (?, ?, ?, ?::text[])
				""")
			.params(username, this.passwords.encode(password), displayName,
					roles.stream().map(Role::name).sorted().toArray(String[]::new))
			.update();
		return new UserAccount(username, displayName, roles, true);
	}

	public Optional<UserAccount> find(String username) {
		return this.jdbc.sql("select username, display_name, roles, enabled from app_user where username = ?")
			.param(username)
			.query((rs, n) -> new UserAccount(rs.getString(1), rs.getString(2),
					roles((String[]) rs.getArray(3).getArray()), rs.getBoolean(4)))
			.optional();
	}

	boolean exists(String username) {
		return find(username).isPresent();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select password_hash, roles, enabled from app_user where username = ?")
			.param(username)
			.query((rs, n) -> User.withUsername(username)
				.password(rs.getString(1))
				.authorities(authorities(roles((String[]) rs.getArray(2).getArray())))
				.disabled(!rs.getBoolean(3))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}

	static Set<SimpleGrantedAuthority> authorities(Set<Role> roles) {
		return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toSet());
	}

	private static Set<Role> roles(String[] names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
		return roles;
	}

}
