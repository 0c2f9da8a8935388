package org.northstar.web;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.northstar.cli.DemoCaseload;
import org.northstar.support.Browser;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session ends after the configured idle time. Runs in its own application context, on
 * its own data directory, with a three-second idle timeout instead of the default fifteen
 * minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "northstar.admin-password=" + NorthstarTest.ADMIN_PASSWORD, "northstar.session.idle-timeout=3s",
				"northstar.hl7.port=0" })
class SessionExpiryBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void shortSessions(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = Files.createTempDirectory("northstar-expiry").toString();
		registry.add("northstar.data-dir", () -> dataDir);
		registry.add("northstar.db.url", () -> "");
	}

	@Test
	void anIdleSessionEndsAndTheCoordinatorSignsInAgain() throws InterruptedException {
		DemoCaseload.load(this.context);
		try (Browser browser = new Browser(this.port)) {
			browser.signIn("ana", "demo-ana-2026");
			assertThat(browser.heading()).isEqualTo("My caseload");

			Thread.sleep(4500);
			browser.open("/caseload");

			assertThat(browser.path()).startsWith("/login");
			assertThat(browser.text()).contains("Your session ended after a period of inactivity");
		}
	}

}
