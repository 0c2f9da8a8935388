package org.northstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Result;
import org.northstar.support.Launcher.Running;
import org.northstar.support.SyntheaPopulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code northstar} command as a user runs it: the packaged jar, in its own process.
 */
class NorthstarCommandIT {

	private static final Pattern OUTCOMES = Pattern
		.compile("created ([0-9,]+), updated ([0-9,]+), unchanged ([0-9,]+)");

	@Test
	void everyCommandExplainsItselfAndTakesADataDirectory() throws Exception {
		for (String command : List.of("serve", "import", "generate", "token", "user create", "user list",
				"audit verify", "link")) {
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
	void aKilledImportLeavesNothingHalfAppliedAndResumes(@TempDir Path data, @TempDir Path work) throws Exception {
		Path population = SyntheaPopulation.replicate(SyntheaPopulation.SAMPLE, work.resolve("population"), 4);
		int total = SyntheaPopulation.total(SyntheaPopulation.countByType(SyntheaPopulation.files(population)));
		int files = SyntheaPopulation.files(population).size();

		Running first = new Launcher().start("import", "--jobs", "2", "--data-dir", data.toString(),
				population.toString());
		first.awaitLine(line -> line.matches("([3-9]|[1-9][0-9]+)/" + files + " files.*"), 180);
		first.kill();
		assertThat(first.output()).doesNotContain("Imported ");

		Result resumed = new Launcher().run("import", "--data-dir", data.toString(), population.toString());
		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		Matcher outcomes = OUTCOMES.matcher(resumed.output());
		assertThat(outcomes.find()).as(resumed.output()).isTrue();
		// Files committed before the kill are skipped whole and every other file is
		// created whole:
		// a half-applied bundle would show up here as updated or unchanged resources.
		assertThat(resumed.output()).containsPattern("\\(([3-9]|[1-9][0-9]+) already imported, skipped\\)");
		assertThat(outcomes.group(2)).isEqualTo("0");
		assertThat(outcomes.group(3)).isEqualTo("0");
		int created = Integer.parseInt(outcomes.group(1).replace(",", ""));
		assertThat(created).isPositive().isLessThan(total);

		Result again = new Launcher().run("import", "--data-dir", data.toString(), population.toString());
		assertThat(again.output()).contains("Imported 0 file(s) (" + files + " already imported, skipped)");
	}

	@Test
	void importsA250MegabyteBundleWithA512MegabyteHeap(@TempDir Path data, @TempDir Path work) throws Exception {
		Path population = SyntheaPopulation.replicate(SyntheaPopulation.SAMPLE, work.resolve("population"), 24);
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
