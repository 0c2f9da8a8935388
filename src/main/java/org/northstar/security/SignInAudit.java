package org.northstar.security;

import java.time.Instant;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every sign-in, successful or not, goes to the audit trail; repeated failures lock the
 * account for a while, which makes guessing passwords impractical.
 */
@Component
class SignInAudit {

	private final UserAccounts accounts;

	private final AuditTrail audit;

	SignInAudit(UserAccounts accounts, AuditTrail audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		String username = authentication.getName();
		this.accounts.recordSuccessfulLogin(username);
		String roles = this.accounts.find(username).map(UserAccount::roleNames).orElse(null);
		this.audit.record(new AuditRecord(username, roles, AuditAction.LOGIN, null, "signed in",
				address(authentication), Outcome.SUCCESS, false, null));
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Authentication authentication = event.getAuthentication();
		String username = authentication.getName();
		boolean locked = this.accounts.recordFailedLogin(username, Instant.now());
		// A name that is no account is often a password typed in the wrong box: the trail
		// keeps a keyed pseudonym of it, enough to see one name tried again and again.
		boolean known = this.accounts.find(username).isPresent();
		this.audit.record(
				new AuditRecord(known ? username : this.audit.pseudonym(username), null, AuditAction.LOGIN_FAILED, null,
						"sign-in refused" + (known ? "" : " for a username that is no account") + ": "
								+ event.getException().getMessage() + (locked ? " (account locked)" : ""),
						address(authentication), Outcome.FAILURE, false, null));
	}

	private static String address(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
	}

}
