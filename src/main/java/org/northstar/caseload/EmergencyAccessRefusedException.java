package org.northstar.caseload;

/**
 * The user's role may not break the glass: only the clinical roles named in
 * {@code northstar.access.break-the-glass-roles} may. The refusal is in the audit trail.
 */
public class EmergencyAccessRefusedException extends RuntimeException {

	EmergencyAccessRefusedException(String message) {
		super(message);
	}

}
