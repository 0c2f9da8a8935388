package org.northstar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Result;
import org.northstar.support.Launcher.Running;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code northstar} launcher at the repository's root: it runs the jar extracted into
 * plain jars, extracts it again after a build, and on Java 25 and later starts
 * {@code serve} from an ahead-of-time cache that it makes once.
 */
class LauncherIT {

	private static final Path APP = Path.of("target/northstar-app");

	private static final Path EXTRACTED = APP.resolve("northstar.jar");

	/** The tests' own Java: 17 in CI. */
	private static final String TEST_JAVA = System.getProperty("java.home");

	@Test
	void runsTheJarExtractedAndExtractsItAgainAfterABuild(@TempDir Path data) throws Exception {
		Result users = launcher(TEST_JAVA).run("user", "list", "--data-dir", data.toString());
		assertThat(users.exitCode()).as(users.output()).isZero();
		assertThat(users.output()).containsPattern("admin\\s+ADMINISTRATOR");
		assertThat(APP.resolve("lib")).isDirectoryContaining(jar -> jar.getFileName().toString().startsWith("hapi-"));
		FileTime extracted = Files.getLastModifiedTime(EXTRACTED);

		assertThat(launcher(TEST_JAVA).run("serve", "--help").exitCode()).isZero();
		assertThat(Files.getLastModifiedTime(EXTRACTED)).as("not extracted again without a build").isEqualTo(extracted);

		// A build writes a newer jar: the launcher extracts it anew, in place of the old.
		Path leftOver = Files.createFile(APP.resolve("from-the-last-build"));
		Files.setLastModifiedTime(Launcher.JAR, FileTime.from(Instant.now()));
		assertThat(launcher(TEST_JAVA).run("serve", "--help").exitCode()).isZero();
		assertThat(leftOver).doesNotExist();
		assertThat(EXTRACTED).exists();
		assertThat(caches()).as("only serve makes a cache").isEmpty();
	}

	@Test
	void servesFromAnAheadOfTimeCacheMadeOnceOnJava25AndLater(@TempDir Path data) throws Exception {
		Optional<Path> jdk = javaAtLeast(25);
		assumeTrue(jdk.isPresent(), "no Java 25 or later in /usr/lib/jvm");
		// As after a build: no cache, and no failed attempt at one.
		for (Path file : inApp(".*\\.aot(\\.failed)?")) {
			Files.delete(file);
		}

		Running server = launcher(jdk.get().toString()).env("NORTHSTAR_ADMIN_PASSWORD", "launcher-password")
			.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		try {
			server.awaitLine(line -> line.contains("HL7 v2:    MLLP on port"), 240);
			assertThat(server.output()).contains("Making the ahead-of-time cache for Java 25");
			List<Path> caches = caches();
			assertThat(caches).hasSize(1);
			// The cache is mapped into the server's memory: the JVM took it.
			Path cache = caches.get(0).toAbsolutePath();
			assertThat(Files.readString(Path.of("/proc", Long.toString(server.process().pid()), "maps")))
				.contains(cache.toString());
			// The cache's own start used a throw-away database, not this one.
			assertThat(Files.readString(APP.resolve("northstar-aot.log"))).doesNotContain(data.toString());
		}
		finally {
			server.stop();
		}
	}

	private static Launcher launcher(String javaHome) {
		return new Launcher().script().env("JAVA_HOME", javaHome);
	}

	private static List<Path> caches() throws IOException {
		return inApp(".*\\.aot");
	}

	/** The files of the extracted application whose names match. */
	private static List<Path> inApp(String names) throws IOException {
		if (!Files.isDirectory(APP)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(APP)) {
			return files.filter(file -> file.getFileName().toString().matches(names)).toList();
		}
	}

	/** A JDK of at least that version among the system's, by its {@code release} file. */
	private static Optional<Path> javaAtLeast(int version) throws IOException {
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		Pattern major = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
		try (Stream<Path> homes = Files.list(jvms)) {
			for (Path home : homes.sorted().toList()) {
				Path release = home.resolve("release");
				if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
					Matcher matcher = major.matcher(Files.readString(release));
					if (matcher.find() && Integer.parseInt(matcher.group(1)) >= version) {
						return Optional.of(home);
					}
				}
			}
		}
		return Optional.empty();
	}

}
