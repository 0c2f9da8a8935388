package org.northstar.web;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/** The signed-in user of the current request, and where they are calling from. */
@Component
class CurrentUser {

	private final UserAccounts accounts;

	private final AuditTrail audit;

	CurrentUser(UserAccounts accounts, AuditTrail audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	UserAccount get() {
		return this.accounts.signedIn()
			.orElseThrow(() -> new IllegalStateException("The signed-in user has no account"));
	}

	/**
	 * Records in the audit trail what the user did, for pages that need no patient access
	 * decision ({@code PatientAccess} records those).
	 * @param patient the patient concerned, or {@code null}
	 */
	void audit(UserAccount user, AuditAction action, PatientId patient, String what, HttpServletRequest request) {
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what, address(request),
				AuditRecord.Outcome.SUCCESS, false, null));
	}

	/** Records in the audit trail that the user was refused something. */
	void auditRefused(UserAccount user, AuditAction action, PatientId patient, String what,
			HttpServletRequest request) {
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what, address(request),
				AuditRecord.Outcome.DENIED, false, null));
	}

	static String address(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
