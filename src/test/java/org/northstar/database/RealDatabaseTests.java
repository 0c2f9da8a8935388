package org.northstar.database;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by anything but {@code serve} without {@code --no-demo} is a real one,
 * as the tests' own is: no demo banner, and real data taken in (the feed and import tests
 * show that).
 */
class RealDatabaseTests extends NorthstarTest {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseKind kind;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Test
	void recordsItselfAsReal() {
		assertThat(this.kind).isEqualTo(DatabaseKind.REAL);
		assertThat(this.jdbc.sql("select kind from database_kind").query(String.class).single()).isEqualTo("REAL");
		this.kind.refuseRealData("Nothing is");
	}

	@Test
	void showsNoDemoBanner() {
		if (this.accounts.find("real-nurse").isEmpty()) {
			this.accounts.create("real-nurse", "Rae Nurse, RN", "a-long-real-password-1", Set.of(Role.COORDINATOR),
					null);
		}
		PageClient browser = new PageClient(this.port, "127.0.0.41");
		assertThat(browser.get("/login").body()).contains("Sign in").doesNotContain("demo-banner");
		browser.signIn("real-nurse", "a-long-real-password-1");
		assertThat(browser.get("/caseload").body()).contains("site-header").doesNotContain("demo-banner");
	}

}
