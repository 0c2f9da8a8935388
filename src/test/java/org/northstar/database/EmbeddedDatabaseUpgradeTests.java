package org.northstar.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data directory made before the embedded database had passwords: its server trusted
 * every local connection, and Northstar's tables belonged to the superuser.
 */
class EmbeddedDatabaseUpgradeTests {

	@Test
	void requiresPasswordsAndHandsTheTablesToNorthstarsRole(@TempDir Path parent) throws Exception {
		Path data = parent.resolve("data");
		Files.createDirectories(data);
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		// As the library made it, and as Northstar ran it until now.
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start()) {
			try (Connection connection = old.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create database northstar");
			}
			try (Connection connection = old.getDatabase("postgres", "northstar").getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create table patient (id bigserial primary key, family_name text)");
				statement.execute("insert into patient (family_name) values ('Kowalski')");
				statement.execute("create function shout(text) returns text language sql as 'select upper($1)'");
			}
		}

		try (DataDirectories.OpenDatabase database = DataDirectories.open(data)) {
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("insert into patient (family_name) values ('Nguyen')");
				assertThat(single(statement, "select count(*) from patient")).isEqualTo("2");
				assertThat(single(statement, "select shout('ok')")).isEqualTo("OK");
				assertThat(single(statement, "select rolsuper from pg_roles where rolname = current_user"))
					.isEqualTo("f");
			}
			String url = "jdbc:postgresql://localhost:" + DataDirectories.port(data) + "/northstar";
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
				.hasMessageContaining("password");
			try (Connection superuser = DataDirectories.connectAsSuperuser(data);
					Statement statement = superuser.createStatement()) {
				assertThat(single(statement,
						"select string_agg(distinct tableowner, ',') from pg_tables" + " where schemaname = 'public'"))
					.isEqualTo("northstar");
			}
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
		assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).isEqualTo(EmbeddedDatabase.PG_HBA);

		// and the next start finds it as it left it
		try (DataDirectories.OpenDatabase database = DataDirectories.open(data);
				Connection connection = database.connect();
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select count(*) from patient")).isEqualTo("2");
		}
	}

	@Test
	void tightensASecretFileRestoredReadableByOthers(@TempDir Path data) throws Exception {
		try (DataDirectories.OpenDatabase database = DataDirectories.open(data)) {
			// started once: the files exist
		}
		Path secret = data.resolve(DatabaseSecrets.APPLICATION_FILE);
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
		try (DataDirectories.OpenDatabase database = DataDirectories.open(data);
				Connection connection = database.connect()) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
	}

	@Test
	void saysSoWhenTheSuperusersPasswordFileIsLost(@TempDir Path data) throws Exception {
		try (DataDirectories.OpenDatabase database = DataDirectories.open(data)) {
			// started once: the server asks for passwords
		}
		Files.delete(data.resolve(DatabaseSecrets.SUPERUSER_FILE));

		assertThatThrownBy(() -> DataDirectories.open(data).close())
			.hasMessageContaining("its superuser's password file " + data.resolve(DatabaseSecrets.SUPERUSER_FILE))
			.hasMessageContaining("is missing. Restore it from the backup of the data directory.");
		assertThat(data.resolve(DatabaseSecrets.SUPERUSER_FILE)).doesNotExist();
	}

	private static String single(Statement statement, String sql) throws Exception {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
