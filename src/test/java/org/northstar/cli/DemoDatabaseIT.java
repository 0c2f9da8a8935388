package org.northstar.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Result;
import org.northstar.support.Launcher.Running;
import org.northstar.support.SyntheaPopulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} makes a new embedded database a demo, {@code serve --no-demo} a real one,
 * and each stays what it was made: the packaged jar, as a user runs it.
 */
class DemoDatabaseIT {

	@Test
	void serveMakesADemoThatRefusesImportsAndStaysADemo(@TempDir Path data) throws Exception {
		Running server = new Launcher().env("NORTHSTAR_ADMIN_PASSWORD", "demo-it-password")
			.start("serve", "--port", "0", "--data-dir", data.toString());
		try {
			server.awaitLine(line -> line.startsWith("  Stop with Ctrl-C."), 240);
			assertThat(server.output()).contains("Loaded the demo caseload")
				.contains("a DEMO database, invented patients only")
				.contains("ana    / demo-ana-2026");
		}
		finally {
			server.stop();
		}
		assertThat(new Launcher().run("user", "list", "--data-dir", data.toString()).output())
			.containsPattern("(?m)^ana\\s")
			.containsPattern("(?m)^carla\\s");

		Result imported = new Launcher().run("import", "--data-dir", data.toString(),
				SyntheaPopulation.SAMPLE.toString());
		assertThat(imported.exitCode()).as(imported.output()).isEqualTo(2);
		assertThat(imported.lastLine()).startsWith("northstar: Imports are refused: this is a demo database")
			.contains("'northstar serve --no-demo --data-dir DIR' with a new, empty DIR");
		assertThat(imported.output()).doesNotContain("Imported ");

		Result noDemo = new Launcher().run("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		assertThat(noDemo.exitCode()).as(noDemo.output()).isEqualTo(2);
		assertThat(noDemo.output()).contains("northstar: --no-demo, but the database in " + data.toAbsolutePath()
				+ " was created as a demo, and a demo stays a demo");
	}

	@Test
	void noDemoMakesARealDatabaseWithoutTheDemoSignIns(@TempDir Path data) throws Exception {
		Running server = new Launcher().env("NORTHSTAR_ADMIN_PASSWORD", "real-it-password")
			.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		try {
			server.awaitLine(line -> line.startsWith("  Stop with Ctrl-C."), 240);
			assertThat(server.output()).contains(": real patients")
				.doesNotContain("demo caseload")
				.doesNotContain("demo-ana-2026");
		}
		finally {
			server.stop();
		}
		Result users = new Launcher().run("user", "list", "--data-dir", data.toString());
		assertThat(users.output()).containsPattern("(?m)^admin\\s").doesNotContainPattern("(?m)^(ana|ben|carla)\\s");

		// and a later plain 'serve' keeps it real, without the demo
		Running again = new Launcher().start("serve", "--port", "0", "--data-dir", data.toString());
		try {
			again.awaitLine(line -> line.startsWith("  Stop with Ctrl-C."), 240);
			assertThat(again.output()).contains(": real patients").doesNotContain("demo caseload");
		}
		finally {
			again.stop();
		}
	}

}
