package org.northstar.support;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.northstar.security.Actor;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.security.UserAccounts;

import org.springframework.context.ApplicationContext;

/**
 * Systems that write through {@code POST /fhir}: an INTEGRATION account per source, made
 * the first time a test needs it, and a token for it.
 */
public final class Integrations {

	private Integrations() {
	}

	/** The user name of the integration that writes as the source. */
	public static String username(String source) {
		String name = "sys-" + source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
		return name.length() > 32 ? name.substring(0, 32) : name;
	}

	/**
	 * A {@code system/*.write} token (with any other scopes asked) of the integration
	 * that writes as the source, made if it does not exist yet.
	 */
	public static synchronized String token(ApplicationContext context, String source, ApiScope... more) {
		UserAccounts accounts = context.getBean(UserAccounts.class);
		String username = username(source);
		if (accounts.find(username).isEmpty()) {
			accounts.createIntegration(username, "System writing as " + source, source, Actor.commandLine());
		}
		EnumSet<ApiScope> scopes = EnumSet.of(ApiScope.SYSTEM_WRITE);
		scopes.addAll(List.of(more));
		return context.getBean(ApiTokens.class)
			.issue(username, "tests writing as " + source, Duration.ofHours(1), scopes);
	}

}
