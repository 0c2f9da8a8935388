package org.northstar.web;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
 * What a user sees when the address is wrong, not theirs to open, or carries a value that
 * cannot be read: what happened, in words, and the way back; never that the server
 * failed.
 */
class ErrorPagesTests extends NorthstarTest {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final String PASSWORD = "Juniper-harbour-lamp-19";

	private static final String SERVER_FAILED = "on our side";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Test
	void anAddressThatLeadsNowhereIsNotFound() {
		PageClient page = signedIn(Role.COORDINATOR);

		Response missing = page.get("/no/such/page");

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("Not found").contains("href=\"/caseload\"").doesNotContain(SERVER_FAILED);
		Response noPatient = page.get("/patients/not-a-patient-id");
		assertThat(noPatient.status()).isEqualTo(404);
		assertThat(noPatient.body()).contains("There is no patient not-a-patient-id").doesNotContain(SERVER_FAILED);
	}

	@Test
	void aPageForAnotherRoleIsNotAllowed() {
		PageClient page = signedIn(Role.COORDINATOR);

		Response admin = page.get("/admin/users");

		assertThat(admin.status()).isEqualTo(403);
		assertThat(admin.body()).contains("Not allowed").contains("href=\"/caseload\"").doesNotContain(SERVER_FAILED);
	}

	@Test
	void aMalformedQueryValueIsABadRequestThatNamesTheParameter() {
		PageClient admin = signedIn(Role.ADMINISTRATOR);

		Response page = admin.get("/admin/audit?page=abc");
		Response date = admin.get("/admin/audit?from=yesterday");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Bad request").contains("page").contains("abc").doesNotContain(SERVER_FAILED);
		assertThat(date.status()).isEqualTo(400);
		assertThat(date.body()).contains("from").contains("yesterday").doesNotContain(SERVER_FAILED);

		PageClient coordinator = signedIn(Role.COORDINATOR);
		Response timeline = coordinator.get("/patients/00000000-0000-0000-0000-000000000001?from=31/12/2025");
		assertThat(timeline.status()).isEqualTo(400);
		assertThat(timeline.body()).contains("from").contains("31/12/2025").doesNotContain(SERVER_FAILED);
		Response caseload = coordinator.get("/caseload?page=two");
		assertThat(caseload.status()).isIn(200, 400);
		assertThat(caseload.body()).doesNotContain(SERVER_FAILED);
	}

	@Test
	void aValueIsEscapedWhereTheErrorPageNamesIt() {
		PageClient admin = signedIn(Role.ADMINISTRATOR);

		Response page = admin.get("/admin/audit?page=%3Cscript%3Ealert(1)%3C/script%3E");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;");
	}

	private PageClient signedIn(Role role) {
		String name = "errors-" + NEXT.incrementAndGet() + "-u";
		this.accounts.create(name, "Error Pages " + role, PASSWORD, Set.of(role), null);
		// Accepting HTML, as a browser does.
		PageClient page = new PageClient(this.port, "127.0.10." + (2 + NEXT.get() % 250)).header("Accept",
				"text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.signIn(name, PASSWORD).status()).isEqualTo(302);
		return page;
	}

}
