package org.northstar.caseload;

/**
 * A caseload assignment that may not be made; the message says why, in words for the
 * person who asked for it.
 */
public class AssignmentRefusedException extends RuntimeException {

	public AssignmentRefusedException(String message) {
		super(message);
	}

}
