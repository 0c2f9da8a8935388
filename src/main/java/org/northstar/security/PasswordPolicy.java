package org.northstar.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a password a person chooses must be: at least 12 characters, not containing the
 * user name, not one of the 10,000 most common passwords (also with digits or symbols
 * added before or after, "Password2024!"), not a run of keys ("qwertyuiopas",
 * "123456789012") and not one character or word repeated. Generated one-time passwords
 * need no check.
 */
final class PasswordPolicy {

	static final int MINIMUM_LENGTH = 12;

	/**
	 * Long enough for any passphrase; a bound, so a sign-in cannot be made to hash
	 * megabytes.
	 */
	static final int MAXIMUM_LENGTH = 128;

	/** The rules as a person reads them, on the pages and in errors. */
	static final String RULES = "at least " + MINIMUM_LENGTH + " characters, not containing the user name, "
			+ "and not a common password";

	private static final Set<String> COMMON = load("/security/common-passwords.txt");

	/** Runs along a keyboard's rows and columns, the alphabet and the digits. */
	private static final List<String> SEQUENCES = List.of("1234567890qwertyuiopasdfghjklzxcvbnm",
			"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "abcdefghijklmnopqrstuvwxyz",
			"0123456789".repeat(4));

	private PasswordPolicy() {
	}

	/**
	 * @throws AccountRefusedException saying which rule the password breaks
	 */
	static void check(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
			throw new AccountRefusedException("A password needs at least " + MINIMUM_LENGTH + " characters.");
		}
		if (password.length() > MAXIMUM_LENGTH) {
			throw new AccountRefusedException("A password may have at most " + MAXIMUM_LENGTH + " characters.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			throw new AccountRefusedException("A password must not contain the user name.");
		}
		if (isCommon(lower)) {
			throw new AccountRefusedException(
					"That password is one of the most common passwords, which attackers try first: choose another.");
		}
		if (isSequence(lower)) {
			throw new AccountRefusedException(
					"A password must not be a run of keys or letters (\"qwertyuiop...\", \"123456...\"): choose another.");
		}
		if (isRepetition(lower)) {
			throw new AccountRefusedException("A password must not be one character or word repeated: choose another.");
		}
	}

	private static boolean isCommon(String lower) {
		if (COMMON.contains(lower)) {
			return true;
		}
		// "Password2024!" is "password" with what everyone adds to it.
		String core = lower.replaceAll("^[^\\p{L}]+", "").replaceAll("[^\\p{L}]+$", "");
		return core.length() >= 4 && COMMON.contains(core);
	}

	private static boolean isSequence(String lower) {
		for (String run : SEQUENCES) {
			if (run.contains(lower) || new StringBuilder(run).reverse().toString().contains(lower)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRepetition(String lower) {
		int length = lower.length();
		for (int unit = 1; unit <= length / 2; unit++) {
			if (length % unit == 0 && lower.substring(0, unit).repeat(length / unit).equals(lower)) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> load(String resource) {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The list of common passwords is missing: " + resource);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isEmpty()) {
					passwords.add(line.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		return Set.copyOf(passwords);
	}

}
