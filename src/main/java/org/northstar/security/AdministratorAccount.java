package org.northstar.security;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure every database has an administrator, {@code admin}, from its first start.
 * The password comes from {@code NORTHSTAR_ADMIN_PASSWORD}, or is generated, printed once
 * and must be changed at the first sign-in.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdministratorAccount implements ApplicationRunner {

	static final String USERNAME = "admin";

	private static final Logger log = LoggerFactory.getLogger(AdministratorAccount.class);

	private final UserAccounts accounts;

	private final String configuredPassword;

	AdministratorAccount(UserAccounts accounts, @Value("${northstar.admin-password:}") String configuredPassword) {
		this.accounts = accounts;
		this.configuredPassword = configuredPassword;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.accounts.find(USERNAME).isPresent()) {
			return;
		}
		Optional<String> generated = this.accounts.createAdministrator(USERNAME, this.configuredPassword);
		log.info("Created the administrator account '{}'", USERNAME);
		generated.ifPresent(password -> System.out.println("Administrator account created: user '" + USERNAME
				+ "', one-time password '" + password + "' (shown only this once: choose your own at the first"
				+ " sign-in; or set NORTHSTAR_ADMIN_PASSWORD before the first start)"));
	}

}
