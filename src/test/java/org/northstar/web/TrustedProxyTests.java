package org.northstar.web;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient.Response;
import org.northstar.support.PageClient;
import org.northstar.support.TestDataDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Northstar behind a TLS proxy at 127.0.12.2: the proxy's forwarded headers give the
 * client's address and scheme; anyone else's are ignored. Runs in its own application
 * context, on its own data directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "northstar.admin-password=" + NorthstarTest.ADMIN_PASSWORD, "northstar.hl7.port=0",
				"northstar.trusted-proxies=127.0.12.2" })
class TrustedProxyTests {

	private static final String PROXY = "127.0.12.2";

	private static final String PASSWORD = "Harbour-lantern-quiet-31";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	AuditTrail audit;

	@DynamicPropertySource
	static void ownDataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = TestDataDirectory.create("northstar-proxy").toString();
		registry.add("northstar.data-dir", () -> dataDir);
		registry.add("northstar.db.url", () -> "");
	}

	@Test
	void theTrustedProxyGivesTheClientsAddressToTheAuditTrailAndMakesCookiesSecure() {
		this.accounts.create("behind-proxy", "Behind Proxy", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient client = new PageClient(this.port, PROXY).header("X-Forwarded-For", "198.51.100.7")
			.header("X-Forwarded-Proto", "https");

		Response login = client.get("/login");
		client.signIn("behind-proxy", PASSWORD);

		assertThat(login.header("Set-Cookie"))
			.anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
		assertThat(lastSignInAddress("behind-proxy")).isEqualTo("198.51.100.7");
	}

	@Test
	void aClientBehindTheProxyCannotPutAnotherAddressBeforeItsOwn() {
		this.accounts.create("prepends", "Prepends", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient client = new PageClient(this.port, PROXY).header("X-Forwarded-For", "203.0.113.66, 198.51.100.8")
			.header("X-Forwarded-Proto", "https");

		client.signIn("prepends", PASSWORD);

		assertThat(lastSignInAddress("prepends")).isEqualTo("198.51.100.8");
	}

	@Test
	void aClientThatIsNotTheProxyCannotSpoofItsAddressOrScheme() {
		this.accounts.create("spoofer", "Spoofer", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient client = new PageClient(this.port, "127.0.12.3").header("X-Forwarded-For", "198.51.100.9")
			.header("X-Forwarded-Proto", "https");

		Response login = client.get("/login");
		client.signIn("spoofer", PASSWORD);

		assertThat(login.header("Set-Cookie")).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
		assertThat(lastSignInAddress("spoofer")).isEqualTo("127.0.12.3");
	}

	private String lastSignInAddress(String user) {
		return this.audit
			.search(new AuditQuery(user, true, null, AuditAction.LOGIN, false, null, null, "time", true, 0, 1))
			.get(0)
			.record()
			.address();
	}

}
