package org.northstar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code northstar} launcher script's own choices, checked with a stand-in for
 * {@code java} that prints the command line it was given.
 */
class LauncherScriptTests {

	@TempDir
	Path home;

	/** The script as in the repository, a built jar, and {@code java} on the path. */
	@BeforeEach
	void install() throws IOException {
		Files.copy(Path.of("northstar"), this.home.resolve("northstar"));
		Files.createDirectories(this.home.resolve("target"));
		Files.createFile(this.home.resolve("target/northstar.jar"));
		Path java = Files.writeString(Files.createDirectories(this.home.resolve("bin")).resolve("java"),
				"#!/bin/sh\necho \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@Test
	void servesWithTheParallelCollector() throws Exception {
		assertThat(launch(null, "serve", "--no-demo")).startsWith("-XX:+UseParallelGC ")
			.endsWith("-jar " + this.home.resolve("target/northstar.jar") + " serve --no-demo");
	}

	@Test
	void aCollectorNamedInJavaOptsIsTheOneUsed() throws Exception {
		assertThat(launch("-Xmx1g -XX:+UseG1GC", "serve")).startsWith("-Xmx1g -XX:+UseG1GC ")
			.doesNotContain("UseParallelGC");
		assertThat(launch("-Xmx1g", "serve")).startsWith("-XX:+UseParallelGC -Xmx1g ");
	}

	@Test
	void otherCommandsKeepTheJvmsCollector() throws Exception {
		assertThat(launch(null, "import", "bundle.json")).doesNotContain("UseParallelGC");
	}

	private String launch(String javaOpts, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", this.home.resolve("northstar").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PATH", this.home.resolve("bin") + ":" + System.getenv("PATH"));
		builder.environment().remove("JAVA_OPTS");
		if (javaOpts != null) {
			builder.environment().put("JAVA_OPTS", javaOpts);
		}
		Process process = builder.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.exitValue()).as(output).isZero();
		return output.replace("-Dnorthstar.home=" + this.home + " ", "");
	}

}
