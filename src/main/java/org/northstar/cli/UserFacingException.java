package org.northstar.cli;

/** A failure whose message says all the user needs; shown without a stack trace. */
class UserFacingException extends RuntimeException {

	UserFacingException(String message) {
		super(message);
	}

}
