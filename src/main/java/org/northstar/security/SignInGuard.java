package org.northstar.security;

import java.time.Instant;
import java.util.Optional;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a sign-in with a password, and records what came of it.
 * <ul>
 * <li>An address with too many recent failures is refused before any password is checked
 * ({@link SignInThrottle}).</li>
 * <li>The password is checked even for a locked or disabled account, so that the time an
 * answer takes does not tell them apart from a wrong password or an unknown user.</li>
 * <li>An {@link Role#INTEGRATION} account never signs in, whatever its password.</li>
 * <li>Five failures in a row lock the account; a sign-in while it is locked does not
 * extend the lock.</li>
 * <li>Every attempt goes to the audit trail with the reason. A name that is not a user's
 * is recorded only as a keyed pseudonym, enough to see one name tried again and again:
 * people type their password into the name field.</li>
 * </ul>
 * Whatever the reason, the person signing in is told the same thing (the page's failure
 * handler), so that a failure does not say whether the account exists.
 */
class SignInGuard implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final UserAccounts accounts;

	private final SignInThrottle throttle;

	private final AuditTrail audit;

	SignInGuard(UserAccounts accounts, PasswordEncoder encoder, SignInThrottle throttle, AuditTrail audit) {
		this.passwords = new DaoAuthenticationProvider(accounts);
		this.passwords.setPasswordEncoder(encoder);
		this.passwords.setUserDetailsPasswordService(accounts);
		this.accounts = accounts;
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		Instant now = Instant.now();
		String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		Optional<UserAccount> account = this.accounts.find(attempt.getName());
		String username = account.map(UserAccount::username).orElse(null);
		String audited = account.isPresent() ? username : this.audit.pseudonym(attempt.getName());
		if (address != null && this.throttle.refuses(address, now)) {
			record(audited, null,
					"sign-in refused without checking the password: too many failed sign-ins from " + address, address,
					Outcome.DENIED);
			throw new AddressThrottledException();
		}
		try {
			Authentication signedIn = this.passwords.authenticate(attempt);
			if (account.get().isIntegration()) {
				// A system's account has no password anyone was told; should one match
				// anyway, a system still has no business on the pages.
				throw new IntegrationSignInException();
			}
			this.accounts.recordSuccessfulLogin(username);
			record(username, account.get().roleNames(), "signed in", address, Outcome.SUCCESS);
			return signedIn;
		}
		catch (AuthenticationException ex) {
			String reason;
			if (account.isEmpty()) {
				reason = "no such user (the name typed is recorded as a pseudonym: it may be a password)";
			}
			else if (ex instanceof LockedException) {
				reason = "account locked until " + account.get().lockedUntil() + " after failed sign-ins";
			}
			else if (ex instanceof IntegrationSignInException) {
				reason = "an INTEGRATION account never signs in to pages";
			}
			else if (ex instanceof DisabledException) {
				reason = "account disabled";
			}
			else if (ex instanceof BadCredentialsException) {
				reason = "wrong password" + (this.accounts.recordFailedLogin(username, now)
						? "; account locked for " + UserAccounts.LOCKOUT.toMinutes() + " minutes after "
								+ UserAccounts.LOCKOUT_THRESHOLD + " failures in a row"
						: "");
			}
			else {
				reason = ex.getClass().getSimpleName();
			}
			if (address != null && this.throttle.recordFailure(address, now)) {
				reason += "; address " + address + " refused for a while after too many failed sign-ins";
			}
			record(audited, null, "sign-in refused: " + reason, address, Outcome.FAILURE);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private void record(String username, String roles, String what, String address, Outcome outcome) {
		AuditAction action = outcome == Outcome.SUCCESS ? AuditAction.LOGIN : AuditAction.LOGIN_FAILED;
		this.audit.record(new AuditRecord(username, roles, action, null, what, address, outcome, false, null));
	}

	/** A system's account tried the sign-in page. */
	static final class IntegrationSignInException extends AuthenticationException {

		IntegrationSignInException() {
			super("An integration account cannot sign in to pages");
		}

	}

	/** Sign-ins from this address are refused for now. */
	static final class AddressThrottledException extends AuthenticationException {

		AddressThrottledException() {
			super("Too many failed sign-ins from this address");
		}

	}

}
