package org.northstar.database;

import java.io.IOException;
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

	public static OpenDatabase open(Path dataDir) throws IOException {
		return new OpenDatabase(EmbeddedDatabase.start(dataDir));
	}

	/** The embedded database of one data directory, running until closed. */
	public static final class OpenDatabase implements AutoCloseable {

		private final EmbeddedDatabase database;

		private OpenDatabase(EmbeddedDatabase database) {
			this.database = database;
		}

		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.database.jdbcUrl(), "postgres", "");
		}

		@Override
		public void close() throws IOException {
			this.database.close();
		}

	}

}
