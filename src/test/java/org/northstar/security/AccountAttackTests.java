package org.northstar.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditTrail;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PageClient.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The accounts as an attacker tries them: each test makes the attempt the way it would be
 * made from outside, over HTTP, and expects it to fail. Each test signs in from its own
 * loopback address, so that its failed sign-ins are throttled apart from the rest.
 */
class AccountAttackTests extends NorthstarTest {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private static final String PASSWORD = "Lantern-river-orchard-7";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	private final Actor admin = new Actor("admin", "ADMINISTRATOR", "127.0.0.1");

	@Test
	void aDisabledUsersOpenSessionEndsOnItsNextRequest() {
		String user = coordinator();
		PageClient page = client();
		assertThat(page.signIn(user, PASSWORD).redirectsTo("/")).isTrue();
		assertThat(page.get("/caseload").status()).isEqualTo(200);

		this.accounts.disable(user, this.admin);

		assertThat(page.get("/caseload").redirectsTo("/login?ended")).isTrue();
		assertThat(page.get("/caseload").redirectsTo("/login")).isTrue();
		assertThat(lastAuditOf(user).record().detail())
			.isEqualTo("session ended on its next request: account disabled");
	}

	@Test
	void aDisabledUsersTokenIsRefusedAtOnceAndStaysRevokedWhenEnabledAgain() throws Exception {
		String user = administrator();
		String token = this.tokens.issue(user, "attack test", Duration.ofDays(1), Set.of(ApiScope.USER_READ));
		assertThat(api(token, "/api/hl7/messages")).isEqualTo(200);

		this.accounts.disable(user, this.admin);
		assertThat(api(token, "/api/hl7/messages")).isEqualTo(401);

		this.accounts.enable(user, this.admin);
		assertThat(api(token, "/api/hl7/messages")).isEqualTo(401);
	}

	@Test
	void aRoleTakenAwayEndsTheSessionOnItsNextRequestAndNarrowsTheToken() throws Exception {
		String user = administrator();
		String token = this.tokens.issue(user, "attack test", Duration.ofDays(1), Set.of(ApiScope.USER_READ));
		PageClient page = client();
		page.signIn(user, PASSWORD);
		assertThat(page.get("/admin/users").status()).isEqualTo(200);

		this.accounts.changeRoles(user, Set.of(Role.COORDINATOR), null, this.admin);

		assertThat(page.get("/admin/users").redirectsTo("/login?ended")).isTrue();
		assertThat(api(token, "/api/hl7/messages")).isEqualTo(403);
		page.signIn(user, PASSWORD);
		assertThat(page.get("/admin/users").status()).isEqualTo(403);
		assertThat(page.get("/caseload").status()).isEqualTo(200);
	}

	@Test
	void aSignInWhileLockedDoesNotExtendTheLock() {
		String user = coordinator();
		PageClient page = client();
		for (int i = 0; i < UserAccounts.LOCKOUT_THRESHOLD; i++) {
			page.signIn(user, "wrong-password-" + i);
		}
		Instant lockedUntil = this.accounts.find(user).orElseThrow().lockedUntil();
		assertThat(lockedUntil).isAfter(Instant.now());

		Response wrong = page.signIn(user, "wrong-password-again");
		Response right = page.signIn(user, PASSWORD);

		assertThat(wrong.redirectsTo("/login?error")).isTrue();
		assertThat(right.redirectsTo("/login?error")).isTrue();
		assertThat(this.accounts.find(user).orElseThrow().lockedUntil()).isEqualTo(lockedUntil);
	}

	@Test
	void everyFailedSignInGetsTheSameAnswerWhetherOrNotTheAccountExists() {
		String locked = coordinator();
		String disabled = coordinator();
		String known = coordinator();
		PageClient page = client();
		for (int i = 0; i < UserAccounts.LOCKOUT_THRESHOLD; i++) {
			page.signIn(locked, "wrong-password-" + i);
		}
		this.accounts.disable(disabled, this.admin);

		Response unknownUser = page.signIn("nobody-" + NEXT.incrementAndGet(), PASSWORD);
		Response wrongPassword = page.signIn(known, "wrong-password");
		Response lockedAccount = page.signIn(locked, PASSWORD);
		Response disabledAccount = page.signIn(disabled, PASSWORD);

		for (Response answer : new Response[] { unknownUser, wrongPassword, lockedAccount, disabledAccount }) {
			assertThat(answer.status()).isEqualTo(302);
			assertThat(answer.location()).isEqualTo("/login?error");
		}
		String shown = page.get("/login?error").body();
		assertThat(shown).contains("Sign-in failed. Check your user name and password, or ask your administrator.")
			.doesNotContainIgnoringCase("locked")
			.doesNotContainIgnoringCase("disabled");
	}

	@Test
	void failedSignInsFromOneAddressAreThrottledWhateverAccountTheyTry() {
		String user = coordinator();
		PageClient attacker = client();
		for (int i = 0; i < 20; i++) {
			attacker.signIn("guess-" + NEXT.incrementAndGet(), "password-guess-" + i);
		}

		assertThat(attacker.signIn(user, PASSWORD).redirectsTo("/login?error")).isTrue();
		assertThat(lastAuditOf(user).record().detail()).startsWith("sign-in refused without checking the password");
		// The account itself is not locked: the same user from another address gets in.
		assertThat(client().signIn(user, PASSWORD).redirectsTo("/")).isTrue();
	}

	@Test
	void aPasswordTypedIntoTheNameFieldIsNotRecorded() {
		String typed = "Secret-typed-in-the-name-field-" + NEXT.incrementAndGet();

		client().signIn(typed, "anything-at-all");

		assertThat(
				this.audit.search(new AuditQuery(null, null, Instant.now().minusSeconds(60), null, "time", true, 200)))
			.isNotEmpty()
			.noneMatch(e -> typed.equals(e.record().username()) || e.record().detail().contains(typed));
	}

	@Test
	void aResetPasswordMustBeChangedBeforeAnythingElse() {
		String user = coordinator();
		PageClient page = client();
		page.signIn(user, PASSWORD);
		String oneTime = this.accounts.resetPassword(user, this.admin);
		assertThat(page.get("/caseload").redirectsTo("/login?ended")).isTrue();
		assertThat(page.signIn(user, PASSWORD).redirectsTo("/login?error")).isTrue();

		page.signIn(user, oneTime);

		assertThat(page.get("/caseload").redirectsTo("/account/password")).isTrue();
		assertThat(page.get("/tokens").redirectsTo("/account/password")).isTrue();
		assertThat(page.get("/account/password").body()).contains("Choose your own password before you go on");
		Response weak = page.post("/account/password",
				Map.of("current", oneTime, "password", "password1234", "repeat", "password1234"));
		assertThat(weak.redirectsTo("/account/password")).isTrue();
		assertThat(page.get("/account/password").body()).contains("most common passwords");
		assertThat(page.get("/caseload").redirectsTo("/account/password")).isTrue();

		Response chosen = page.post("/account/password",
				Map.of("current", oneTime, "password", "Quiet-harbour-lamp-42", "repeat", "Quiet-harbour-lamp-42"));

		assertThat(chosen.redirectsTo("/")).isTrue();
		assertThat(page.get("/caseload").status()).isEqualTo(200);
		assertThat(this.accounts.find(user).orElseThrow().mustChangePassword()).isFalse();
	}

	@Test
	void aGeneratedAdministratorPasswordMustBeChangedAtTheFirstSignIn() {
		String name = "admin-generated-" + NEXT.incrementAndGet();
		String generated = this.accounts.createAdministrator(name, "").orElseThrow();
		PageClient page = client();

		assertThat(page.signIn(name, generated).redirectsTo("/")).isTrue();

		assertThat(page.get("/admin/users").redirectsTo("/account/password")).isTrue();
		assertThat(this.accounts.createAdministrator("admin-configured-" + NEXT.incrementAndGet(),
				"Configured-by-the-operator-1"))
			.isEmpty();
	}

	@Test
	void changingOnesOwnPasswordEndsTheOtherSessionsButNotThisOne() {
		String user = coordinator();
		PageClient here = client();
		PageClient elsewhere = client();
		here.signIn(user, PASSWORD);
		elsewhere.signIn(user, PASSWORD);
		here.get("/account/password");

		Response changed = here.post("/account/password", Map.of("current", PASSWORD, "password",
				"Copper-kettle-morning-9", "repeat", "Copper-kettle-morning-9"));

		assertThat(changed.redirectsTo("/account/password")).isTrue();
		assertThat(here.get("/caseload").status()).isEqualTo(200);
		assertThat(elsewhere.get("/caseload").redirectsTo("/login?ended")).isTrue();
	}

	@Test
	void aWrongCurrentPasswordOnThePasswordPageCountsAsAFailedSignIn() {
		String user = coordinator();
		PageClient page = client();
		page.signIn(user, PASSWORD);
		for (int i = 0; i < UserAccounts.LOCKOUT_THRESHOLD; i++) {
			page.get("/account/password");
			page.post("/account/password", Map.of("current", "guess-" + i, "password", "Copper-kettle-morning-9",
					"repeat", "Copper-kettle-morning-9"));
		}

		assertThat(this.accounts.find(user).orElseThrow().isLocked()).isTrue();
	}

	@Test
	void revokedExpiredAndTooOldTokensAreRefused() throws Exception {
		String user = administrator();
		String revoked = this.tokens.issue(user, "revoked", Duration.ofDays(1), Set.of(ApiScope.USER_READ));
		String expired = this.tokens.issue(user, "expired", Duration.ofDays(1), Set.of(ApiScope.USER_READ));
		String tooOld = this.tokens.issue(user, "too old", Duration.ofDays(90), Set.of(ApiScope.USER_READ));
		for (String token : new String[] { revoked, expired, tooOld }) {
			assertThat(api(token, "/api/hl7/messages")).isEqualTo(200);
		}

		long id = this.tokens.activeOf(user)
			.stream()
			.filter(t -> t.purpose().equals("revoked"))
			.findFirst()
			.orElseThrow()
			.id();
		this.tokens.revoke(id, this.admin);
		this.jdbc
			.sql("update api_token set expires_at = now() - interval '1 second' where purpose = 'expired' "
					+ "and username = ?")
			.param(user)
			.update();
		// Issued before the maximum lifetime was lowered to what it is now, for a year.
		this.jdbc
			.sql("update api_token set created_at = ?, expires_at = now() + interval '275 days' "
					+ "where purpose = 'too old' and username = ?")
			.params(Timestamp.from(Instant.now().minus(Duration.ofDays(91))), user)
			.update();

		for (String token : new String[] { revoked, expired, tooOld }) {
			assertThat(api(token, "/api/hl7/messages")).isEqualTo(401);
		}
		assertThat(this.tokens.activeOf(user)).isEmpty();
	}

	@Test
	void aTokenNamesItsPurposeAndLivesNoLongerThanTheMaximum() {
		String user = coordinator();

		assertThatThrownBy(() -> this.tokens.issue(user, " ", Duration.ofDays(1)))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("purpose");
		assertThatThrownBy(() -> this.tokens.issue(user, "a year", Duration.ofDays(91)))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("at most 90 days");
		this.tokens.issue(user, "nightly export", Duration.ofDays(90));
		assertThat(this.tokens.activeOf(user)).singleElement().satisfies(token -> {
			assertThat(token.purpose()).isEqualTo("nightly export");
			assertThat(token.scopes()).containsExactly("user/*.read", "user/*.write");
		});
	}

	@Test
	void aUserSeesAndRevokesOnlyTheirOwnTokens() throws Exception {
		String user = coordinator();
		String other = administrator();
		this.tokens.issue(user, "mine", Duration.ofDays(1));
		String theirs = this.tokens.issue(other, "theirs", Duration.ofDays(1), Set.of(ApiScope.USER_READ));
		long theirId = this.tokens.activeOf(other).get(0).id();
		PageClient page = client();
		page.signIn(user, PASSWORD);

		String list = page.get("/tokens").body();
		assertThat(list).contains("mine").doesNotContain("theirs");
		page.post("/tokens/" + theirId + "/revoke", Map.of());

		assertThat(api(theirs, "/api/hl7/messages")).isEqualTo(200);
	}

	@Test
	void aTeamMustBeOneThatExists() {
		String user = coordinator();

		assertThatThrownBy(() -> this.accounts.changeRoles(user, Set.of(Role.COORDINATOR), "nroth", this.admin))
			.isInstanceOf(AccountRefusedException.class)
			.hasMessageContaining("There is no team 'nroth'");
		assertThatThrownBy(() -> this.accounts.createWithOneTimePassword("typo-" + NEXT.incrementAndGet(), "Typo",
				Set.of(Role.COORDINATOR), "sotuh", this.admin))
			.isInstanceOf(AccountRefusedException.class);
		assertThat(this.accounts.teams()).extracting(Team::code).doesNotContain("nroth", "sotuh");
	}

	@Test
	void userAndTokenChangesAreAuditedWithWhoDidThemAndNoPassword() {
		String user = "audited-" + NEXT.incrementAndGet();
		String oneTime = this.accounts.createWithOneTimePassword(user, "Audited User", Set.of(Role.COORDINATOR), null,
				this.admin);
		String reset = this.accounts.resetPassword(user, this.admin);
		String token = this.tokens.issue(user, "audit check", Duration.ofDays(1));
		this.accounts.disable(user, this.admin);

		var records = this.audit
			.search(new AuditQuery("admin", null, Instant.now().minusSeconds(60), null, "time", true, 200));
		assertThat(records).extracting(e -> e.record().detail())
			.anyMatch(d -> d.startsWith("user " + user + " created with roles [COORDINATOR]"))
			.anyMatch(d -> d.startsWith("user " + user + ": password reset"))
			.anyMatch(d -> d.startsWith("user " + user + ": disabled") && d.contains("1 API token(s) revoked"));
		assertThat(
				this.audit.search(new AuditQuery(null, null, Instant.now().minusSeconds(60), null, "time", true, 500)))
			.extracting(e -> e.record().detail())
			.anyMatch(d -> d.contains("issued for " + user + ": purpose 'audit check'"))
			.noneMatch(d -> d.contains(oneTime) || d.contains(reset) || d.contains(token));
	}

	private String coordinator() {
		String name = "attack-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Attack Test", PASSWORD, Set.of(Role.COORDINATOR), null);
		return name;
	}

	private String administrator() {
		String name = "attack-admin-" + NEXT.incrementAndGet();
		this.accounts.create(name, "Attack Test", PASSWORD, Set.of(Role.ADMINISTRATOR), null);
		return name;
	}

	/** A client from an address no other test uses. */
	private PageClient client() {
		int n = ADDRESSES.incrementAndGet();
		return new PageClient(this.port, "127.0." + (1 + n / 250) + "." + (2 + n % 250));
	}

	private AuditEntry lastAuditOf(String user) {
		return this.audit.search(new AuditQuery(user, null, null, null, "time", true, 1)).get(0);
	}

	private int api(String token, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode();
	}

}
