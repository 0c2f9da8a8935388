package org.northstar.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A data directory for a test application that is deleted when the test JVM ends. Each
 * one holds an embedded PostgreSQL cluster of about 300 MB: left behind, a day of test
 * runs filled a build machine's disk.
 */
public final class TestDataDirectory {

	/** How long to wait for the application's database to stop before deleting anyway. */
	private static final long STOP_WAIT_MILLIS = 60_000;

	private TestDataDirectory() {
	}

	/** A new, empty directory whose name starts with the prefix. */
	public static Path create(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory), "delete " + directory));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes the directory once its database has stopped. Spring closes the application,
	 * and with it the embedded PostgreSQL, in a shutdown hook of its own that runs at the
	 * same time as this one; the server's pid file goes when it has stopped.
	 */
	private static void delete(Path directory) {
		Path pidFile = directory.resolve("postgres").resolve("postmaster.pid");
		long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
		try {
			while (Files.exists(pidFile) && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
			}
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | UncheckedIOException ex) {
			// A file that vanished while walking: what is left is in the temporary
			// directory.
		}
	}

}
