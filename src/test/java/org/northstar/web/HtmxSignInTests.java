package org.northstar.web;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An htmx request without a signed-in session, as the caseload's search sends one after
 * the session ended: the browser must be sent to the sign-in page, not handed the sign-in
 * page to put in the table, and come back to the page afterwards.
 */
class HtmxSignInTests extends NorthstarTest {

	private static final String PASSWORD = "Orchard-violin-morning-27";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Test
	void anHtmxRequestWithAnExpiredSessionSendsTheBrowserToSignInAndBackToItsPage() {
		this.accounts.create("htmx-expired", "Htmx Expired", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient page = new PageClient(this.port, "127.0.15.2").header("Cookie", "JSESSIONID=ENDED0123456789")
			.header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost:" + this.port + "/caseload?q=Ch");

		Response search = page.get("/caseload?q=Che");

		assertThat(search.status()).isEqualTo(401);
		assertThat(search.header("HX-Redirect")).containsExactly("/login?expired");
		assertThat(search.body()).doesNotContain("password");
		page.header("Cookie", null).header("HX-Request", null).header("HX-Current-URL", null);
		Response signedIn = page.signIn("htmx-expired", PASSWORD);
		assertThat(signedIn.location()).startsWith("/caseload?q=Ch&continue");
	}

	@Test
	void anHtmxRequestWithoutASessionIsSentToSignIn() {
		PageClient page = new PageClient(this.port, "127.0.15.3").header("HX-Request", "true")
			.header("HX-Current-URL", "https://elsewhere.example/phish");

		Response search = page.get("/caseload?q=Che");

		assertThat(search.status()).isEqualTo(401);
		assertThat(search.header("HX-Redirect")).containsExactly("/login");
	}

	@Test
	void aPageRequestedAfterTheSessionEndedIsShownAfterSigningIn() {
		this.accounts.create("page-expired", "Page Expired", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient page = new PageClient(this.port, "127.0.15.4").header("Cookie", "JSESSIONID=ENDED9876543210")
			.header("Accept", "text/html");

		assertThat(page.get("/review").redirectsTo("/login?expired")).isTrue();
		page.header("Cookie", null);

		assertThat(page.signIn("page-expired", PASSWORD).location()).startsWith("/review");
	}

	@Test
	void staySignedInKeepsTheSessionAlive() {
		this.accounts.create("keep-alive", "Keep Alive", PASSWORD, Set.of(Role.COORDINATOR), null);
		PageClient page = new PageClient(this.port, "127.0.15.5");
		page.signIn("keep-alive", PASSWORD);

		Response caseload = page.get("/caseload");
		assertThat(caseload.body()).contains("data-session-seconds=\"900\"").contains("id=\"session-warning\"");
		assertThat(page.get("/session/keep-alive").status()).isEqualTo(204);
	}

}
