package org.northstar.caseload;

/**
 * The user may not make this linkage decision; the message says why, without naming a
 * patient the user may not see.
 */
public class LinkageRefusedException extends RuntimeException {

	public LinkageRefusedException(String message) {
		super(message);
	}

}
