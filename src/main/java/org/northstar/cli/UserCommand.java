package org.northstar.cli;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.northstar.security.AccountRefusedException;
import org.northstar.security.Actor;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * User accounts without the web pages: for setting up a new installation and for recovery
 * (the only administrator locked out or disabled). Whoever can run this can read the data
 * directory already; each change is audited under their operating-system user name.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
		description = "Manages user accounts without the web pages, for set-up and recovery. Changes are audited.",
		subcommands = { UserCommand.Create.class, UserCommand.ResetPassword.class, UserCommand.Disable.class,
				UserCommand.Enable.class, UserCommand.Unlock.class, UserCommand.ListUsers.class })
class UserCommand {

	/**
	 * Starts the application for one change, and reports a refused change in one line.
	 */
	abstract static class AccountTask implements Callable<Integer> {

		@Mixin
		CommonOptions common;

		@Override
		public Integer call() {
			try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
				return run(context.getBean(UserAccounts.class), System.out);
			}
		}

		/**
		 * Does the work with the application's accounts; separate from starting it, for
		 * tests.
		 */
		int run(UserAccounts accounts, PrintStream out) {
			try {
				change(accounts, Actor.commandLine(), out);
				return 0;
			}
			catch (AccountRefusedException ex) {
				throw new UserFacingException(ex.getMessage());
			}
		}

		abstract void change(UserAccounts accounts, Actor actor, PrintStream out);

	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Creates a user with a one-time password, printed as the last line.",
					"They choose their own password when they first sign in.",
					"With --role INTEGRATION --source SOURCE, a system's account, which has no password." })
	static class Create extends AccountTask {

		@Parameters(paramLabel = "NAME", description = "The user name: 2 to 32 lower-case letters, digits, . - _")
		String username;

		@Option(names = "--role", required = true, paramLabel = "ROLE",
				description = { "COORDINATOR, SUPERVISOR, CARE_TEAM_MEMBER or ADMINISTRATOR; repeat for several.",
						"INTEGRATION, alone and with --source, for a system that writes through POST /fhir." })
		List<Role> roles;

		@Option(names = "--source", paramLabel = "SOURCE",
				description = "An INTEGRATION's source: what it writes is kept under this name, whatever it says.")
		String source;

		@Option(names = "--team", paramLabel = "TEAM", description = "The code of an existing team.")
		String team;

		@Option(names = "--name", paramLabel = "FULL NAME", description = "The person's full name (default: NAME).")
		String displayName;

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			if (this.roles.contains(Role.INTEGRATION)) {
				if (this.roles.stream().anyMatch(r -> r != Role.INTEGRATION) || this.team != null) {
					throw new AccountRefusedException(
							"An INTEGRATION account is a system's: it holds that role alone, in no team.");
				}
				accounts.createIntegration(this.username, this.displayName == null ? this.username : this.displayName,
						this.source, actor);
				out.println("Created the integration '" + this.username + "' for the source '" + this.source.strip()
						+ "'. It never signs in to pages; issue its token with:");
				out.println("northstar token --user " + this.username + " --scope system/*.write --purpose \"...\"");
				return;
			}
			if (this.source != null) {
				throw new AccountRefusedException("--source names an INTEGRATION's source; people have none.");
			}
			String password = accounts.createWithOneTimePassword(this.username,
					this.displayName == null ? this.username : this.displayName, EnumSet.copyOf(this.roles), this.team,
					actor);
			out.println("Created '" + this.username + "'. One-time password (they choose their own at the first "
					+ "sign-in):");
			out.println(password);
		}

	}

	@Command(name = "reset-password", mixinStandardHelpOptions = true,
			description = { "Gives a user a one-time password, printed as the last line, and lifts a lockout.",
					"Their open sessions end; they choose a new password at the next sign-in." })
	static class ResetPassword extends AccountTask {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			String password = accounts.resetPassword(this.username, actor);
			out.println("Reset the password of '" + this.username + "'. One-time password (they choose their own at "
					+ "the next sign-in):");
			out.println(password);
		}

	}

	@Command(name = "disable", mixinStandardHelpOptions = true,
			description = "Disables a user: their open sessions end at once and their API tokens are revoked.")
	static class Disable extends AccountTask {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			int revoked = accounts.disable(this.username, actor);
			out.println("Disabled '" + this.username + "'; " + revoked + " API token(s) revoked.");
		}

	}

	@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled user.")
	static class Enable extends AccountTask {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			accounts.enable(this.username, actor);
			out.println("Enabled '" + this.username + "'.");
		}

	}

	@Command(name = "unlock", mixinStandardHelpOptions = true,
			description = "Lifts the lockout that failed sign-ins put on a user.")
	static class Unlock extends AccountTask {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			accounts.unlock(this.username, actor);
			out.println("Unlocked '" + this.username + "'.");
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Lists the users: name, roles, team and state.")
	static class ListUsers extends AccountTask {

		@Override
		void change(UserAccounts accounts, Actor actor, PrintStream out) {
			out.printf("%-16s %-40s %-12s %s%n", "USER", "ROLES", "TEAM", "STATE");
			for (UserAccount user : accounts.all()) {
				out.printf("%-16s %-40s %-12s %s%n", user.username(), user.roleNames(),
						user.team() == null ? "-" : user.team(), state(user));
			}
		}

		private static String state(UserAccount user) {
			List<String> state = new java.util.ArrayList<>();
			state.add(user.enabled() ? "enabled" : "disabled");
			if (user.source() != null) {
				state.add("writes as source " + user.source());
			}
			if (user.isLocked()) {
				state.add("locked");
			}
			if (user.mustChangePassword()) {
				state.add("must choose a password");
			}
			return state.stream().collect(Collectors.joining(", "));
		}

	}

}
