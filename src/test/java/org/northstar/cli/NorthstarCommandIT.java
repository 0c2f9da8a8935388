package org.northstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.database.DataDirectories;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Result;
import org.northstar.support.Launcher.Running;
import org.northstar.support.SyntheaPopulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code northstar} command as a user runs it: the packaged jar, in its own process.
 */
class NorthstarCommandIT {

	@Test
	void everyCommandExplainsItselfAndTakesADataDirectory() throws Exception {
		for (String command : List.of("serve", "import", "generate", "token", "user create", "user list",
				"audit verify", "audit checkpoint", "link")) {
			Result help = new Launcher().run((command + " --help").split(" "));
			assertThat(help.exitCode()).as(command).isZero();
			assertThat(help.output()).as(command).contains("Usage: northstar " + command).contains("--data-dir");
		}
		assertThat(new Launcher().run("serve", "--help").output()).contains("--port");
	}

	@Test
	void issuesATokenAsTheLastLineAndRefusesUnknownUsers(@TempDir Path data) throws Exception {
		Result token = new Launcher().run("token", "--user", "admin", "--purpose", "CLI test", "--data-dir",
				data.toString());
		assertThat(token.exitCode()).as(token.output()).isZero();
		assertThat(token.lastLine()).matches("ns_[A-Za-z0-9_-]{43}");
		assertThat(token.output()).contains("Administrator account created: user 'admin', one-time password '");

		Result unknown = new Launcher().run("token", "--user", "nobody", "--purpose", "CLI test", "--data-dir",
				data.toString());
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.lastLine()).isEqualTo("northstar: There is no user 'nobody'");
	}

	@Test
	void issuesATokenWithTheScopesAskedForAndRefusesUnknownOnes(@TempDir Path data) throws Exception {
		Result scoped = new Launcher().run("token", "--user", "admin", "--purpose", "CLI test", "--scope",
				"patient/*.read system/*.read", "--data-dir", data.toString());
		assertThat(scoped.exitCode()).as(scoped.output()).isZero();
		assertThat(scoped.output()).contains("scopes [patient/*.read, system/*.read]");

		Result unknown = new Launcher().run("token", "--user", "admin", "--purpose", "CLI test", "--scope",
				"user/Observation.read", "--data-dir", data.toString());
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.lastLine()).contains("Unknown scope 'user/Observation.read'");
	}

	@Test
	void managesUsersAndTokensWithoutTheWeb(@TempDir Path data) throws Exception {
		Result created = new Launcher().run("user", "create", "nurse", "--role", "COORDINATOR", "--name", "A Nurse",
				"--data-dir", data.toString());
		assertThat(created.exitCode()).as(created.output()).isZero();
		assertThat(created.lastLine()).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");

		Result listed = new Launcher().run("user", "list", "--data-dir", data.toString());
		assertThat(listed.output()).containsPattern("admin\\s+ADMINISTRATOR\\s+-\\s+enabled, must choose a password")
			.containsPattern("nurse\\s+COORDINATOR\\s+-\\s+enabled, must choose a password")
			.doesNotContain("one-time password '");

		assertThat(new Launcher()
			.run("token", "--user", "nurse", "--purpose", "care app pilot", "--data-dir", data.toString())
			.exitCode()).isZero();
		assertThat(new Launcher().run("token", "--list", "--data-dir", data.toString()).output())
			.containsPattern("1\\s+nurse .* care app pilot");
		Result revoked = new Launcher().run("token", "--revoke", "1", "--data-dir", data.toString());
		assertThat(revoked.exitCode()).as(revoked.output()).isZero();
		assertThat(revoked.lastLine()).isEqualTo("Revoked token 1 of nurse (care app pilot): it no longer works.");
	}

	@Test
	void auditVerifyDetectsARecordChangedDirectlyInTheDatabase(@TempDir Path data) throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(new Launcher()
				.run("token", "--user", "admin", "--purpose", "CLI test", "--data-dir", data.toString())
				.exitCode()).isZero();
		}
		Result intact = new Launcher().run("audit", "verify", "--data-dir", data.toString());
		assertThat(intact.exitCode()).as(intact.output()).isZero();
		// The administrator's creation, then the three tokens.
		assertThat(intact.lastLine()).isEqualTo("Audit trail intact: 4 records verified.");

		// Someone with database access edits the second record, bypassing the append-only
		// trigger.
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setConnectConfig("password", DataDirectories.superuserPassword(data))
			.start();
				Connection connection = postgres.getDatabase("postgres", "northstar").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter table audit_event disable trigger audit_event_append_only");
			statement.execute("update audit_event set detail = 'API bearer token issued, valid 1 days' where seq = 2");
			statement.execute("alter table audit_event enable trigger audit_event_append_only");
		}

		Result broken = new Launcher().run("audit", "verify", "--data-dir", data.toString());
		assertThat(broken.exitCode()).isEqualTo(1);
		assertThat(broken.lastLine()).isEqualTo(
				"Audit trail BROKEN at record 2: record 2 was changed after it was written. Records 1 to 1 are intact.");
	}

	@Test
	void auditVerifyWithACheckpointDetectsRecordsCutOffTheEnd(@TempDir Path data, @TempDir Path vault)
			throws Exception {
		for (int i = 0; i < 4; i++) {
			assertThat(
					new Launcher().run("token", "--user", "admin", "--purpose", "test", "--data-dir", data.toString())
						.exitCode())
				.isZero();
		}
		Result checkpoint = new Launcher().run("audit", "checkpoint", "--out", vault.toString(), "--data-dir",
				data.toString());
		assertThat(checkpoint.exitCode()).as(checkpoint.output()).isZero();
		assertThat(checkpoint.lastLine()).startsWith("Audit checkpoint written to " + vault.toAbsolutePath())
			.contains("5 records, the last 5");
		assertThat(Files.readAllLines(data.resolve("audit.key")).get(0)).hasSizeGreaterThanOrEqualTo(44);
		assertThat(Files.getPosixFilePermissions(data.resolve("audit.key"))).containsExactlyInAnyOrder(
				java.nio.file.attribute.PosixFilePermission.OWNER_READ,
				java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

		// The administrator's creation and four tokens. A database superuser switches the
		// guards off and removes the last three records.
		database(data, "alter table audit_event disable trigger user", "delete from audit_event where seq >= 3",
				"alter table audit_event enable trigger user");

		Result chainOnly = new Launcher().run("audit", "verify", "--data-dir", data.toString());
		assertThat(chainOnly.exitCode()).as("what is left still chains").isZero();
		Result withCheckpoint = new Launcher().run("audit", "verify", "--checkpoint", vault.toString(), "--data-dir",
				data.toString());
		assertThat(withCheckpoint.exitCode()).isEqualTo(1);
		assertThat(withCheckpoint.lastLine())
			.startsWith("Audit trail BROKEN at record 3: records 3 to 5 are missing:"
					+ " the trail ends at record 2, but the checkpoint of ")
			.endsWith("recorded 5 records. Records 1 to 2 are intact.");
	}

	@Test
	void auditCheckpointPostsToAUrlAndFailsWhenRefused(@TempDir Path data) throws Exception {
		assertThat(new Launcher().run("token", "--user", "admin", "--purpose", "test", "--data-dir", data.toString())
			.exitCode()).isZero();
		List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
		com.sun.net.httpserver.HttpServer collector = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
		collector.createContext("/checkpoints", exchange -> {
			received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(201, -1);
			exchange.close();
		});
		collector.createContext("/refuses", exchange -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		collector.start();
		try {
			String base = "http://127.0.0.1:" + collector.getAddress().getPort();
			Result posted = new Launcher().run("audit", "checkpoint", "--url", base + "/checkpoints", "--data-dir",
					data.toString());
			assertThat(posted.exitCode()).as(posted.output()).isZero();
			assertThat(received).hasSize(1);
			assertThat(received.get(0)).contains("\"type\" : \"northstar-audit-checkpoint\"")
				.contains("\"seq\" : 2")
				.contains("\"count\" : 2")
				.contains("\"signature\"");

			Result refused = new Launcher().run("audit", "checkpoint", "--url", base + "/refuses", "--data-dir",
					data.toString());
			assertThat(refused.exitCode()).isEqualTo(1);
			assertThat(refused.output()).contains("failed: HTTP 503");
		}
		finally {
			collector.stop(0);
		}
	}

	@Test
	void commandLineImportsAndLinkRunsAreAudited(@TempDir Path data) throws Exception {
		Result imported = new Launcher().run("import", "--source", "audited-ehr", "--data-dir", data.toString(),
				SyntheaPopulation.SAMPLE.toString());
		assertThat(imported.exitCode()).as(imported.output()).isZero();
		Result linked = new Launcher().run("link", "--data-dir", data.toString());
		assertThat(linked.exitCode()).as(linked.output()).isZero();

		List<String> audited = database(data,
				"select username || ' ' || role || ' ' || action || ' ' || outcome || ' ' || detail from audit_event"
						+ " where role = 'COMMAND_LINE' order by seq");
		String user = "os:" + System.getProperty("user.name");
		int files = SyntheaPopulation.files(SyntheaPopulation.SAMPLE).size();
		assertThat(audited).filteredOn(line -> line.contains("command-line import of ")).hasSize(files);
		assertThat(audited).allSatisfy(line -> assertThat(line).startsWith(user + " COMMAND_LINE "));
		assertThat(audited).anySatisfy(line -> assertThat(line)
			.contains("CREATE SUCCESS command-line import from source 'audited-ehr': " + files + " file(s) imported"));
		assertThat(audited).last().asString().contains("LINK SUCCESS command-line link over every record");
		assertThat(new Launcher().run("audit", "verify", "--data-dir", data.toString()).exitCode()).isZero();
	}

	/**
	 * Runs statements on the stopped server's embedded database; the rows of the last.
	 */
	private static List<String> database(Path data, String... statements) throws Exception {
		List<String> rows = new ArrayList<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setConnectConfig("password", DataDirectories.superuserPassword(data))
			.start();
				Connection connection = postgres.getDatabase("postgres", "northstar").getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				if (statement.execute(sql)) {
					rows.clear();
					try (ResultSet rs = statement.getResultSet()) {
						while (rs.next()) {
							rows.add(rs.getString(1));
						}
					}
				}
			}
		}
		return rows;
	}

	@Test
	void serveAndImportTakeTurnsOnOneDataDirectory(@TempDir Path data) throws Exception {
		Running server = new Launcher().env("NORTHSTAR_ADMIN_PASSWORD", "turns-password")
			.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		try {
			server.awaitLine(line -> line.startsWith("Northstar is running at http://localhost:"), 120);

			Result refused = new Launcher().run("import", "--data-dir", data.toString(),
					SyntheaPopulation.SAMPLE.toString());
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
			assertThat(refused.lastLine()).startsWith("northstar: The data directory " + data.toAbsolutePath())
				.contains("is in use by another Northstar process (pid " + server.process().pid());
		}
		finally {
			server.stop();
		}
		Result imported = new Launcher().run("import", "--data-dir", data.toString(),
				SyntheaPopulation.SAMPLE.toString());
		assertThat(imported.exitCode()).as(imported.output()).isZero();
		assertThat(imported.output())
			.contains("Imported " + SyntheaPopulation.files(SyntheaPopulation.SAMPLE).size() + " file(s)");
	}

	@Test
	void importsA250MegabyteBundleWithA512MegabyteHeap(@TempDir Path data, @TempDir Path work) throws Exception {
		Path population = SyntheaPopulation.replicate(SyntheaPopulation.SAMPLE, work.resolve("population"), 48);
		Path big = SyntheaPopulation.merge(SyntheaPopulation.patientFiles(population), work.resolve("big.json"),
				250L << 20);
		assertThat(Files.size(big)).isGreaterThanOrEqualTo(250L << 20);
		int resources = SyntheaPopulation.total(SyntheaPopulation.countByType(List.of(big)));
		Launcher smallHeap = new Launcher().jvm("-Xmx512m");
		List<String> shared = new ArrayList<>(List.of("import", "--data-dir", data.toString()));
		SyntheaPopulation.sharedFiles(population).forEach(f -> shared.add(f.toString()));
		assertThat(smallHeap.run(shared.toArray(String[]::new)).exitCode()).isZero();

		Result result = smallHeap.run("import", "--data-dir", data.toString(), big.toString());

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains(String.format("created %,d, updated 0, unchanged 0", resources));
	}

	@Test
	void runsOnAnExternalPostgres(@TempDir Path data, @TempDir Path external) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(external).start()) {
			Launcher launcher = new Launcher().env("NORTHSTAR_DB_URL", postgres.getJdbcUrl("postgres", "postgres"))
				.env("NORTHSTAR_DB_USER", "postgres")
				.env("NORTHSTAR_DB_PASSWORD", "");
			Result result = launcher.run("import", "--data-dir", data.toString(), SyntheaPopulation.SAMPLE.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
			// zonky's defaults, which Northstar's embedded database overrides
			assertThat(result.output()).contains("DATA AT RISK: The external PostgreSQL runs with fsync=off")
				.contains("DATA AT RISK: The external PostgreSQL runs with synchronous_commit=off");

			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select count(*) from patient")) {
				rs.next();
				assertThat(rs.getInt(1)).isEqualTo(SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).size());
			}
			assertThat(data.resolve("postgres")).doesNotExist();
		}
	}

}
