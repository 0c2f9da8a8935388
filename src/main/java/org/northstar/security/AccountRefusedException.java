package org.northstar.security;

/**
 * A change to an account or a token that was refused, with a message that says why in
 * words for the person who asked (an administrator, a user choosing a password, an
 * operator at the command line). Nothing was changed.
 */
public class AccountRefusedException extends RuntimeException {

	public AccountRefusedException(String message) {
		super(message);
	}

}
