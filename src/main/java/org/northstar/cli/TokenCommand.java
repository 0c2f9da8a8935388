package org.northstar.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.northstar.security.AccountRefusedException;
import org.northstar.security.Actor;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiToken;
import org.northstar.security.ApiTokens;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
		description = { "Issues a bearer token for API clients acting as a user; prints it as the last line.",
				"With --list, shows the tokens that work now; with --revoke ID, ends one at once." })
class TokenCommand implements Callable<Integer> {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.systemDefault());

	@Mixin
	CommonOptions common;

	@ArgGroup(exclusive = true, multiplicity = "1")
	What what;

	static class What {

		@Option(names = "--user", paramLabel = "NAME", description = "Issue a token that acts as this user.")
		String user;

		@Option(names = "--list", description = "List the tokens that work now: id, user, purpose, scopes, "
				+ "issued, expires, last used.")
		boolean list;

		@Option(names = "--revoke", paramLabel = "ID", description = "Revoke the token with this id (see --list).")
		Long revoke;

	}

	@Option(names = "--purpose", paramLabel = "TEXT",
			description = "What the token is for, shown wherever tokens are listed (required with --user).")
	String purpose;

	@Option(names = "--days", defaultValue = "30", paramLabel = "N",
			description = "How many days the token is valid (default: ${DEFAULT-VALUE}; at most "
					+ "northstar.tokens.max-lifetime, 90 days unless configured).")
	int days;

	@Option(names = "--scope", paramLabel = "SCOPE",
			description = "What the token may do, SMART-style; repeat it or separate scopes by spaces: "
					+ "patient/*.read, user/*.read, user/*.write, system/*.read (administrators only), "
					+ "system/*.write (INTEGRATION accounts only: POST /fhir). " + "Default: user/*.read user/*.write.")
	List<String> scopes = new ArrayList<>();

	@Override
	public Integer call() {
		if (this.what.user != null) {
			checkIssueOptions();
		}
		try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
			return run(context.getBean(ApiTokens.class), System.out, System.err);
		}
	}

	/**
	 * Does the work with the application's tokens; separate from starting it, for tests.
	 */
	int run(ApiTokens tokens, PrintStream out, PrintStream err) {
		try {
			if (this.what.list) {
				list(tokens.active(), out);
				return 0;
			}
			if (this.what.revoke != null) {
				ApiToken revoked = tokens.revoke(this.what.revoke, Actor.commandLine());
				out.println("Revoked token " + revoked.id() + " of " + revoked.username() + " (" + revoked.purpose()
						+ "): it no longer works.");
				return 0;
			}
			Set<ApiScope> granted = checkIssueOptions();
			String token = tokens.issue(this.what.user, this.purpose, Duration.ofDays(this.days), granted,
					Actor.commandLine());
			err.println("Bearer token for '" + this.what.user + "' (" + this.purpose.strip() + "), valid " + this.days
					+ " days, scopes " + granted.stream().map(ApiScope::value).sorted().toList()
					+ ". Send it as 'Authorization: Bearer <token>':");
			out.println(token);
			return 0;
		}
		catch (AccountRefusedException ex) {
			throw new UserFacingException(ex.getMessage());
		}
	}

	private Set<ApiScope> checkIssueOptions() {
		if (this.purpose == null || this.purpose.isBlank()) {
			throw new UserFacingException(
					"Say what the token is for with --purpose \"...\" (for example \"nightly export to the HIE\")");
		}
		if (this.days < 1) {
			throw new UserFacingException("--days must be at least 1");
		}
		try {
			return this.scopes.isEmpty() ? ApiScope.DEFAULT : ApiScope.parseAll(this.scopes);
		}
		catch (IllegalArgumentException ex) {
			throw new UserFacingException(ex.getMessage());
		}
	}

	private static void list(List<ApiToken> tokens, PrintStream out) {
		if (tokens.isEmpty()) {
			out.println("No tokens work now.");
			return;
		}
		out.printf("%-5s %-16s %-17s %-17s %-17s %-34s %s%n", "ID", "USER", "ISSUED", "EXPIRES", "LAST USED", "SCOPES",
				"PURPOSE");
		for (ApiToken t : tokens) {
			out.printf("%-5d %-16s %-17s %-17s %-17s %-34s %s%n", t.id(), t.username(), WHEN.format(t.createdAt()),
					WHEN.format(t.expiresAt()), t.lastUsedAt() == null ? "never" : WHEN.format(t.lastUsedAt()),
					String.join(" ", t.scopes()), t.purpose());
		}
	}

}
