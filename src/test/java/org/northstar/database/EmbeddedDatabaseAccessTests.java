package org.northstar.database;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who can reach the embedded PostgreSQL, and what Northstar's own connection may do
 * there: attacks by another local user or process, and by a flaw in Northstar that lets
 * SQL through.
 */
class EmbeddedDatabaseAccessTests extends NorthstarTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void refusesAConnectionWithoutThePassword() throws Exception {
		String url = "jdbc:postgresql://localhost:" + DataDirectories.port(dataDir()) + "/northstar";
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
			.hasMessageContaining("password");
		assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
			.hasMessageContaining("password");
		assertThatThrownBy(() -> DriverManager.getConnection(url, "northstar", "").close())
			.hasMessageContaining("password");
	}

	@Test
	void refusesAConnectionWithAWrongPassword() throws Exception {
		String url = "jdbc:postgresql://localhost:" + DataDirectories.port(dataDir()) + "/northstar";
		assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
			.hasMessageContaining("password authentication failed for user \"postgres\"");
		assertThatThrownBy(() -> DriverManager.getConnection(url, "northstar", "northstar").close())
			.hasMessageContaining("password authentication failed for user \"northstar\"");
		// the right one works, so the refusals above were about the password
		try (var connection = DataDirectories.connectAsSuperuser(dataDir())) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void runsAsARoleThatOwnsItsTablesButIsNoSuperuser() {
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("northstar");
		assertThat(this.jdbc
			.sql("select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles"
					+ " where rolname = current_user")
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(this.jdbc.sql("select count(*) from pg_tables where schemaname = 'public'")
			.query(Integer.class)
			.single()).isGreaterThan(20);
		assertThat(this.jdbc
			.sql("select string_agg(tablename, ', ') from pg_tables where schemaname = 'public'"
					+ " and tableowner <> 'northstar'")
			.query(String.class)
			.optional()).isEmpty();
	}

	@Test
	void northstarsConnectionCannotReachTheServersProgramsFilesOrSettings() {
		assertRefused("copy (select 1) to program 'id'", "permission denied");
		assertRefused("select pg_read_file('postgresql.conf')", "permission denied");
		assertRefused("alter system set fsync = off", "permission denied");
		// With triggers off for the session, the audit trail's guards would not fire.
		assertRefused("set session_replication_role = replica", "permission denied");
		assertRefused("alter role northstar superuser", "permission denied");
		assertRefused("create role intruder superuser login password 'x'", "permission denied");
	}

	@Test
	void keepsTheDataDirectoryAndThePasswordsToTheirOwner() throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir()))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir().resolve("postgres"))))
			.isEqualTo("rwx------");
		for (String secret : new String[] { DatabaseSecrets.SUPERUSER_FILE, DatabaseSecrets.APPLICATION_FILE }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir().resolve(secret))))
				.as(secret)
				.isEqualTo("rw-------");
			assertThat(Files.readString(dataDir().resolve(secret)).strip()).as(secret).hasSize(43);
		}
		assertThat(Files.readString(dataDir().resolve("postgres/pg_hba.conf"))).isEqualTo(EmbeddedDatabase.PG_HBA)
			.doesNotContain("trust");
	}

	private void assertRefused(String sql, String message) {
		assertThatThrownBy(() -> this.jdbc.sql(sql).query().singleValue()).as(sql)
			.rootCause()
			.hasMessageContaining(message);
	}

}
