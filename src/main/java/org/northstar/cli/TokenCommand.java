package org.northstar.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

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

	@Override
	public Integer call() {
		if (this.days < 1) {
			throw new UserFacingException("--days must be at least 1");
		}
		try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
			String token;
			try {
				token = context.getBean(ApiTokens.class).issue(this.user, Duration.ofDays(this.days));
			}
			catch (ApiTokens.UnknownUserException ex) {
				throw new UserFacingException(ex.getMessage());
			}
			System.err.println("Bearer token for '" + this.user + "', valid " + this.days
					+ " days. Send it as 'Authorization: Bearer <token>':");
			System.out.println(token);
			return 0;
		}
	}

}
