package org.northstar.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * For tests that look into a data directory no Northstar process holds (after a crash,
 * say): its database started the way Northstar starts it, lock and settings included. And
 * for benchmarks that compare Northstar with a bare PostgreSQL: the same settings.
 */
public final class DataDirectories {

	private DataDirectories() {
	}

	/** The embedded PostgreSQL's server settings, durability first. */
	public static Map<String, String> serverSettings() {
		return EmbeddedDatabase.SERVER_SETTINGS;
	}

	/**
	 * The embedded superuser's password, read from the data directory as its owner (or
	 * root) can.
	 */
	public static String superuserPassword(Path dataDir) throws IOException {
		return Files.readString(dataDir.resolve(DatabaseSecrets.SUPERUSER_FILE)).strip();
	}

	/**
	 * A connection to a running Northstar's embedded database, as a superuser: what
	 * someone with the data directory can do.
	 */
	public static Connection connectAsSuperuser(Path dataDir) throws IOException, SQLException {
		return DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + port(dataDir) + "/" + EmbeddedDatabase.DATABASE_NAME,
				EmbeddedDatabase.SUPERUSER, superuserPassword(dataDir));
	}

	/** The port of the running server, from its postmaster.pid. */
	public static int port(Path dataDir) throws IOException {
		return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).strip());
	}

	public static OpenDatabase open(Path dataDir) throws IOException {
		return new OpenDatabase(EmbeddedDatabase.start(dataDir));
	}

	/** The embedded database of one data directory, running until closed. */
	public static final class OpenDatabase implements AutoCloseable {

		private final EmbeddedDatabase database;

		private OpenDatabase(EmbeddedDatabase database) {
			this.database = database;
		}

		/** As Northstar connects: its own role, not a superuser. */
		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.database.jdbcUrl(), EmbeddedDatabase.APPLICATION_ROLE,
					this.database.applicationPassword());
		}

		@Override
		public void close() throws IOException {
			this.database.close();
		}

	}

}
