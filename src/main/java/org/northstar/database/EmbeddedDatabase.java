package org.northstar.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Northstar runs for itself, its files under
 * {@code <data-dir>/postgres}. Started only while this process holds the data directory
 * lock.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE_NAME = "northstar";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private final DataDirectoryLock lock;

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres) {
		this.lock = lock;
		this.postgres = postgres;
	}

	static EmbeddedDatabase start(Path dataDir) throws IOException {
		DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
		try {
			Path pgData = dataDir.resolve("postgres");
			stopOrphanedServer(pgData);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(pgData)
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				// Bulk imports write in large transactions; fewer checkpoints keep them
				// fast.
				.setServerConfig("max_wal_size", "4GB")
				.setServerConfig("shared_buffers", "256MB")
				.setServerConfig("max_connections", "60")
				.start();
			createDatabaseIfMissing(postgres);
			return new EmbeddedDatabase(lock, postgres);
		}
		catch (IOException | RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", DATABASE_NAME);
	}

	/**
	 * A Northstar process killed with SIGKILL leaves its PostgreSQL running. We hold the
	 * lock, so no live Northstar owns that server: shut it down cleanly before starting
	 * our own.
	 */
	private static void stopOrphanedServer(Path pgData) throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty()) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (NumberFormatException ex) {
			return;
		}
		Optional<ProcessHandle> server = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		if (server.isEmpty()) {
			return;
		}
		log.warn("Stopping PostgreSQL (pid {}) left behind by a Northstar process that did not exit cleanly", pid);
		server.get().destroy();
		try {
			server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running in " + pgData
					+ " did not stop within 60 s; stop it by hand", ex);
		}
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE_NAME + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("create database " + DATABASE_NAME);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the Northstar database in the embedded PostgreSQL", ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.postgres.close();
		}
		finally {
			this.lock.close();
		}
	}

}
