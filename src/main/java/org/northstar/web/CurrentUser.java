package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user of the current request, and where they are calling from. */
@Component
class CurrentUser {

	private final UserAccounts accounts;

	CurrentUser(UserAccounts accounts) {
		this.accounts = accounts;
	}

	UserAccount get() {
		String name = SecurityContextHolder.getContext().getAuthentication().getName();
		return this.accounts.find(name).orElseThrow(() -> new IllegalStateException("No account for " + name));
	}

	static String address(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
