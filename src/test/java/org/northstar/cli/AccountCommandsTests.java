package org.northstar.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.security.ApiTokens;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code northstar user} and {@code northstar token} as parsed from a command line, run
 * against the test application's accounts: what they do, not how the application starts
 * (NorthstarCommandIT runs the launcher).
 */
class AccountCommandsTests extends NorthstarTest {

	private static final String ONE_TIME = "[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}";

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void createsAUserWithAOneTimePasswordAsTheLastLine() {
		this.accounts.ensureTeam("cli-team", "CLI team");

		String out = user("create", "cli-nurse", "--role", "COORDINATOR", "--role", "SUPERVISOR", "--team", "cli-team",
				"--name", "Nurse From The Command Line");

		String password = lastLine(out);
		assertThat(password).matches(ONE_TIME);
		assertThat(this.accounts.find("cli-nurse")).hasValueSatisfying(user -> {
			assertThat(user.roles()).containsExactlyInAnyOrder(Role.COORDINATOR, Role.SUPERVISOR);
			assertThat(user.team()).isEqualTo("cli-team");
			assertThat(user.displayName()).isEqualTo("Nurse From The Command Line");
			assertThat(user.mustChangePassword()).isTrue();
		});
		assertThat(this.passwords.matches(password, this.accounts.loadUserByUsername("cli-nurse").getPassword()))
			.isTrue();
		assertThat(user("list"))
			.containsPattern("cli-nurse\\s+COORDINATOR,SUPERVISOR\\s+cli-team\\s+enabled, " + "must choose a password");
	}

	@Test
	void resetsDisablesEnablesAndUnlocks() {
		this.accounts.create("cli-recover", "Recovered", "Original-pass-phrase-1", Set.of(Role.COORDINATOR), null);

		String password = lastLine(user("reset-password", "cli-recover"));
		assertThat(password).matches(ONE_TIME);
		assertThat(this.passwords.matches(password, this.accounts.loadUserByUsername("cli-recover").getPassword()))
			.isTrue();
		assertThat(user("disable", "cli-recover")).contains("Disabled 'cli-recover'");
		assertThat(this.accounts.find("cli-recover").orElseThrow().enabled()).isFalse();
		assertThat(user("enable", "cli-recover")).contains("Enabled 'cli-recover'");
		assertThat(this.accounts.find("cli-recover").orElseThrow().enabled()).isTrue();
		assertThat(user("unlock", "cli-recover")).contains("Unlocked 'cli-recover'");
	}

	@Test
	void refusesAnUnknownTeamAnUnknownUserAndAnUnknownRoleInOneLine() {
		assertThatThrownBy(() -> user("create", "cli-typo", "--role", "COORDINATOR", "--team", "no-such-team"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("There is no team 'no-such-team'");
		assertThatThrownBy(() -> user("disable", "nobody-at-all")).isInstanceOf(UserFacingException.class)
			.hasMessage("There is no user 'nobody-at-all'");
		assertThatThrownBy(() -> user("create", "cli-role", "--role", "NURSE"))
			.isInstanceOf(CommandLine.ParameterException.class);
	}

	@Test
	void listsAndRevokesTokensAndNeedsAPurposeToIssueOne() {
		this.accounts.create("cli-token-user", "Token User", "Original-pass-phrase-1", Set.of(Role.COORDINATOR), null);

		String token = lastLine(token("--user", "cli-token-user", "--purpose", "nightly export to the HIE"));
		assertThat(token).startsWith("ns_");
		assertThat(token("--list"))
			.containsPattern("cli-token-user .* user/\\*.read user/\\*.write\\s+nightly export to the HIE");
		long id = this.tokens.activeOf("cli-token-user").get(0).id();

		assertThat(token("--revoke", Long.toString(id))).contains("Revoked token " + id + " of cli-token-user");
		assertThat(this.tokens.authenticate(token)).isEmpty();
		assertThatThrownBy(() -> token("--user", "cli-token-user")).isInstanceOf(UserFacingException.class)
			.hasMessageContaining("--purpose");
		assertThatThrownBy(() -> token("--user", "cli-token-user", "--purpose", "a year", "--days", "365"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("at most 90 days");
		assertThatThrownBy(() -> token("--list", "--revoke", "1")).isInstanceOf(CommandLine.ParameterException.class);
	}

	@Test
	void createsAnIntegrationWithItsSourceAndGivesSystemWriteToItAlone() {
		this.accounts.create("cli-not-a-system", "Person", "Original-pass-phrase-1", Set.of(Role.ADMINISTRATOR), null);

		String out = user("create", "cli-lab-feed", "--role", "INTEGRATION", "--source", "cli-lab");

		assertThat(lastLine(out)).startsWith("northstar token --user cli-lab-feed --scope system/*.write");
		assertThat(this.accounts.find("cli-lab-feed")).hasValueSatisfying(system -> {
			assertThat(system.roles()).containsExactly(Role.INTEGRATION);
			assertThat(system.source()).isEqualTo("cli-lab");
			assertThat(system.mustChangePassword()).isFalse();
		});
		assertThat(user("list"))
			.containsPattern("cli-lab-feed\\s+INTEGRATION\\s+-\\s+enabled, writes as source cli-lab");
		assertThat(lastLine(token("--user", "cli-lab-feed", "--scope", "system/*.write", "--purpose", "lab results")))
			.startsWith("ns_");
		assertThatThrownBy(() -> token("--user", "cli-not-a-system", "--scope", "system/*.write", "--purpose", "x"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("only INTEGRATION accounts may hold it");
		assertThatThrownBy(() -> user("create", "cli-no-source", "--role", "INTEGRATION"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("An integration needs its source");
		assertThatThrownBy(() -> user("create", "cli-same-source", "--role", "INTEGRATION", "--source", "cli-lab"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("is another integration's");
		assertThatThrownBy(() -> user("create", "cli-feed-source", "--role", "INTEGRATION", "--source", "hl7:GENHOSP"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("HL7 feed's");
		assertThatThrownBy(() -> user("create", "cli-mixed", "--role", "INTEGRATION", "--role", "COORDINATOR",
				"--source", "cli-mixed"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("holds that role alone");
		assertThatThrownBy(() -> user("create", "cli-person-source", "--role", "COORDINATOR", "--source", "x"))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("people have none");
	}

	private String user(String... args) {
		CommandLine.ParseResult parsed = new CommandLine(new UserCommand()).parseArgs(args);
		UserCommand.AccountTask task = (UserCommand.AccountTask) parsed.subcommand().commandSpec().userObject();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		task.run(this.accounts, new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private String token(String... args) {
		TokenCommand command = new TokenCommand();
		new CommandLine(command).parseArgs(args);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		command.run(this.tokens, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String lastLine(String output) {
		String[] lines = output.strip().split("\n");
		return lines[lines.length - 1];
	}

}
