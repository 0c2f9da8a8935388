package org.northstar.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

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
 * The password comes from {@code NORTHSTAR_ADMIN_PASSWORD}, or is generated and printed
 * once.
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
		boolean generated = this.configuredPassword.isBlank();
		String password = generated ? generatePassword() : this.configuredPassword;
		this.accounts.create(USERNAME, "Administrator", password, Set.of(Role.ADMINISTRATOR), null);
		log.info("Created the administrator account '{}'", USERNAME);
		if (generated) {
			System.out.println("Administrator account created: user 'admin', password '" + password
					+ "' (shown only this once; set NORTHSTAR_ADMIN_PASSWORD to choose it)");
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
