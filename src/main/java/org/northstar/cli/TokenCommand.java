package org.northstar.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
		description = "Issues a bearer token for API clients acting as a user; prints it as the last line.")
class TokenCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Option(names = "--user", required = true, paramLabel = "NAME", description = "The user the token acts as.")
	String user;

	@Option(names = "--days", defaultValue = "30", paramLabel = "N",
			description = "How many days the token is valid (default: ${DEFAULT-VALUE}).")
	int days;

	@Option(names = "--scope", paramLabel = "SCOPE",
			description = "What the token may do, SMART-style; repeat it or separate scopes by spaces: "
					+ "patient/*.read, user/*.read, user/*.write, system/*.read (administrators only). "
					+ "Default: user/*.read user/*.write.")
	List<String> scopes = new ArrayList<>();

	@Override
	public Integer call() {
		if (this.days < 1) {
			throw new UserFacingException("--days must be at least 1");
		}
		Set<ApiScope> granted;
		try {
			granted = this.scopes.isEmpty() ? ApiScope.DEFAULT : ApiScope.parseAll(this.scopes);
		}
		catch (IllegalArgumentException ex) {
			throw new UserFacingException(ex.getMessage());
		}
		try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
			String token;
			try {
				token = context.getBean(ApiTokens.class).issue(this.user, Duration.ofDays(this.days), granted);
			}
			catch (ApiTokens.UnknownUserException | IllegalArgumentException ex) {
				throw new UserFacingException(ex.getMessage());
			}
			System.err.println("Bearer token for '" + this.user + "', valid " + this.days + " days, scopes "
					+ granted.stream().map(ApiScope::value).sorted().toList()
					+ ". Send it as 'Authorization: Bearer <token>':");
			System.out.println(token);
			return 0;
		}
	}

}
