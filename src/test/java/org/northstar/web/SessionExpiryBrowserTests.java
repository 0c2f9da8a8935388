package org.northstar.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.northstar.cli.DemoCaseload;
import org.northstar.patient.PatientQuery;
import org.northstar.patient.Patients;
import org.northstar.support.Browser;
import org.northstar.support.NorthstarTest;
import org.northstar.support.TestDataDirectory;

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
		String dataDir = TestDataDirectory.create("northstar-expiry").toString();
		registry.add("northstar.data-dir", () -> dataDir);
		registry.add("northstar.db.url", () -> "");
	}

	@Test
	void anIdleSessionEndsAndTheCoordinatorSignsInAgain() {
		DemoCaseload.load(this.context);
		try (Browser browser = new Browser(this.port)) {
			browser.signIn("ana", "demo-ana-2026");
			assertThat(browser.heading()).startsWith("Today");

			// The page leaves itself when the session has ended: no patient stays on
			// screen.
			browser.awaitPath("/login?expired");
			assertThat(browser.text()).contains("Your session ended after a period of inactivity")
				.doesNotContain("Chen");

			browser.signIn("ana", "demo-ana-2026");
			assertThat(browser.path()).startsWith("/today");
		}
	}

	@Test
	void theCoordinatorIsWarnedBeforeTheSessionEndsAndStaysSignedIn() throws InterruptedException {
		DemoCaseload.load(this.context);
		try (Browser browser = new Browser(this.port)) {
			browser.signIn("ana", "demo-ana-2026");
			assertThat(browser.find("#session-warning").isDisplayed()).isFalse();

			// Warned half-way through a session this short, a minute before a longer one.
			browser.awaitVisible("#session-warning");
			assertThat(browser.find("#session-warning").getText()).contains("signed out in a minute");
			browser.find("#session-warning button.stay").click();
			Thread.sleep(2500);

			// More than three seconds since the page loaded, less since staying signed
			// in.
			browser.open("/review");
			assertThat(browser.path()).startsWith("/review");
		}
	}

	@Test
	void whatWasTypedIsKeptThroughTheSessionEndingAndSigningInAgain() {
		DemoCaseload.load(this.context);
		String robert = this.context.getBean(Patients.class)
			.search(new PatientQuery(null, null, null, null, "Johnson", null, null, null, null, null, 0, 1))
			.patients()
			.get(0)
			.value()
			.toString();
		try (Browser browser = new Browser(this.port)) {
			browser.signIn("ana", "demo-ana-2026").open("/patients/" + robert);
			browser.find("#reason-PATIENT_CALLED").click();
			browser.type("#reason", "She rang about her new inhaler");

			// The page reloads when the session has ended, and the server asks for a
			// sign-in.
			browser.awaitPath("/login?expired");
			browser.signIn("ana", "demo-ana-2026");

			assertThat(browser.path()).startsWith("/patients/" + robert);
			assertThat(browser.find("#reason").getAttribute("value")).isEqualTo("She rang about her new inhaler");
			assertThat(browser.find("#reason-PATIENT_CALLED").isSelected()).isTrue();
		}
	}

}
