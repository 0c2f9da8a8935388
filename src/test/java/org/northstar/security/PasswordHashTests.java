package org.northstar.security;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords are stored as PBKDF2-HMAC-SHA256 hashes, as ONC's (d)(12) asks. */
class PasswordHashTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void storesNewPasswordsAsSaltedPbkdf2Hashes() {
		this.accounts.create("hash-new", "New", "Same-password-twice-1", Set.of(Role.COORDINATOR), null);
		this.accounts.create("hash-other", "Other", "Same-password-twice-1", Set.of(Role.COORDINATOR), null);

		String one = hash("hash-new");
		String other = hash("hash-other");
		assertThat(one).startsWith("{pbkdf2-sha256}");
		assertThat(one).isNotEqualTo(other);
	}

	@Test
	void aBcryptHashFromBeforeIsReplacedAtTheNextSignInAndTheSessionGoesOn() {
		this.accounts.create("hash-old", "Old", "placeholder-password-1", Set.of(Role.COORDINATOR), null);
		// As a database from before stored it: bcrypt, without the name of the algorithm.
		this.jdbc.sql("update app_user set password_hash = ? where username = 'hash-old'")
			.param(new BCryptPasswordEncoder(12).encode("Hashed-with-bcrypt-9"))
			.update();
		PageClient page = new PageClient(this.port, "127.0.0.3");

		assertThat(page.signIn("hash-old", "Hashed-with-bcrypt-9").redirectsTo("/")).isTrue();

		assertThat(hash("hash-old")).startsWith("{pbkdf2-sha256}");
		assertThat(page.get("/caseload").status()).isEqualTo(200);
		assertThat(page.forget().signIn("hash-old", "Hashed-with-bcrypt-9").redirectsTo("/")).isTrue();
	}

	private String hash(String username) {
		return this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(username)
			.query(String.class)
			.single();
	}

}
