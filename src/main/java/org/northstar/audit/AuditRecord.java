package org.northstar.audit;

import java.util.Objects;

import org.northstar.shared.PatientId;

/**
 * One thing that happened, to be recorded.
 *
 * @param username who did it; null when unknown (a failed login for no such user is
 * recorded under a keyed pseudonym of the name tried, {@link AuditTrail#pseudonym})
 * @param role the roles they acted in
 * @param patient whose data it touched, if any
 * @param detail what was touched, in words and identifiers
 * @param address the client's network address
 * @param emergency access granted by breaking the glass
 * @param reason the reason given for emergency access
 */
public record AuditRecord(String username, String role, AuditAction action, PatientId patient, String detail,
		String address, Outcome outcome, boolean emergency, String reason) {

	public AuditRecord {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(detail, "detail");
		Objects.requireNonNull(outcome, "outcome");
	}

	/** How it ended. */
	public enum Outcome {

		SUCCESS, DENIED, FAILURE

	}

}
