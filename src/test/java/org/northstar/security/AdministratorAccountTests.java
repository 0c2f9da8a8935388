package org.northstar.security;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class AdministratorAccountTests extends NorthstarTest {

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void everyDatabaseHasAnAdministratorWithTheConfiguredPassword() {
		assertThat(this.accounts.find("admin")).hasValueSatisfying(admin -> {
			assertThat(admin.roles()).containsExactly(Role.ADMINISTRATOR);
			assertThat(admin.enabled()).isTrue();
		});
		String hash = this.accounts.loadUserByUsername("admin").getPassword();
		assertThat(hash).startsWith("{pbkdf2-sha256}");
		assertThat(this.passwords.matches(ADMIN_PASSWORD, hash)).isTrue();
	}

}
