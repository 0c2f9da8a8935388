package org.northstar.security;

/**
 * Who changes an account or a token, as the audit trail records them.
 *
 * @param username the administrator or user; {@code os:<os user>} at the command line
 * @param roles the roles they act in, as the audit trail writes them;
 * {@code COMMAND_LINE} at the command line
 * @param address the client's network address; {@code localhost} at the command line
 */
public record Actor(String username, String roles, String address) {

	public static Actor of(UserAccount user, String address) {
		return new Actor(user.username(), user.roleNames(), address);
	}

	/**
	 * Someone at the server's command line: whoever may run {@code northstar} there may
	 * already read the data directory, so they are trusted as an administrator, and
	 * recorded under their operating-system name.
	 */
	public static Actor commandLine() {
		return new Actor("os:" + System.getProperty("user.name", "unknown"), "COMMAND_LINE", "localhost");
	}

}
