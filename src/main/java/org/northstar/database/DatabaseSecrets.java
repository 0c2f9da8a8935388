package org.northstar.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's passwords, each generated on the first start into a file of
 * the data directory that only its owner may read (0600): the superuser's, used only to
 * set the server up at start, and the application role's, which Flyway and Northstar
 * connect with. Whoever can read these files can read the database files themselves, so
 * they add no exposure; what they stop is every other local user and process reaching the
 * server through its TCP port.
 *
 * @param superuser the password of {@code postgres}
 * @param application the password of the role Northstar runs as
 */
record DatabaseSecrets(String superuser, String application) {

	/** The superuser's password, for an operator (or a test) who must open the server. */
	static final String SUPERUSER_FILE = "postgres-superuser.secret";

	static final String APPLICATION_FILE = "postgres-northstar.secret";

	static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Logger log = LoggerFactory.getLogger(DatabaseSecrets.class);

	@Override
	public String toString() {
		return "DatabaseSecrets[hidden]";
	}

	static DatabaseSecrets in(Path dataDir) {
		return new DatabaseSecrets(readOrGenerate(dataDir.resolve(SUPERUSER_FILE)),
				readOrGenerate(dataDir.resolve(APPLICATION_FILE)));
	}

	private static String readOrGenerate(Path file) {
		try {
			if (!Files.exists(file)) {
				try {
					return generate(file);
				}
				catch (FileAlreadyExistsException ex) {
					// another start got there first; read what it wrote
				}
			}
			restrictToOwner(file);
			String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
			if (secret.isEmpty()) {
				throw new IllegalStateException("The database password file " + file.toAbsolutePath()
						+ " is empty; restore it from a backup of the data directory");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the database password file " + file.toAbsolutePath(), ex);
		}
	}

	private static String generate(Path file) throws IOException {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		// URL-safe letters only: no quote or backslash to escape in SQL or in initdb's
		// password file.
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
		return secret;
	}

	/** A copy restored from a backup may have come back readable by others. */
	private static void restrictToOwner(Path file) throws IOException {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (!permissions.equals(OWNER_ONLY)) {
				Files.setPosixFilePermissions(file, OWNER_ONLY);
				log.warn("The database password file {} was {}; made it readable by its owner only",
						file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
			}
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: its ACLs are the operator's
		}
	}

}
