package org.northstar.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the packaged Northstar jar as a separate process, as a user would: the jar itself,
 * or through the {@code northstar} launcher at the repository's root ({@link #script}).
 */
public final class Launcher {

	public static final Path JAR = Path.of("target/northstar.jar");

	private final List<String> jvmOptions = new ArrayList<>();

	private final Map<String, String> environment = new java.util.HashMap<>();

	private boolean script;

	/** A free HL7 port unless a test names one: 2575 may be taken on a shared machine. */
	public Launcher() {
		this.environment.put("NORTHSTAR_HL7_PORT", "0");
	}

	public Launcher jvm(String... options) {
		this.jvmOptions.addAll(List.of(options));
		return this;
	}

	public Launcher env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/**
	 * Runs the {@code northstar} launcher instead of the jar; JVM options go to it as
	 * {@code JAVA_OPTS}.
	 */
	public Launcher script() {
		this.script = true;
		return this;
	}

	/** Runs to the end and returns the exit status and everything printed. */
	public Result run(String... args) throws IOException, InterruptedException {
		Running running = start(args);
		if (!running.process.waitFor(5, TimeUnit.MINUTES)) {
			running.process.destroyForcibly();
			throw new AssertionError("northstar " + String.join(" ", args) + " did not finish in 5 minutes");
		}
		running.reader.join();
		return new Result(running.process.exitValue(), running.output());
	}

	public Running start(String... args) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: run the integration tests with './mvnw verify'");
		}
		List<String> command = new ArrayList<>();
		if (this.script) {
			command.addAll(List.of("bash", "northstar"));
		}
		else {
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(this.jvmOptions);
			command.addAll(List.of("-jar", JAR.toString()));
		}
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (this.script && !this.jvmOptions.isEmpty()) {
			builder.environment().put("JAVA_OPTS", String.join(" ", this.jvmOptions));
		}
		builder.environment().putAll(this.environment);
		return new Running(builder.start());
	}

	public record Result(int exitCode, String output) {

		public String lastLine() {
			String[] lines = this.output.strip().split("\n");
			return lines[lines.length - 1];
		}

	}

	/** A process still running; its output is collected as it comes. */
	public static final class Running {

		private final Process process;

		private final StringBuffer output = new StringBuffer();

		private final Thread reader;

		Running(Process process) {
			this.process = process;
			this.reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						synchronized (this.output) {
							this.output.append(line).append('\n');
							this.output.notifyAll();
						}
					}
				}
				catch (IOException ex) {
					// the process is gone; what it printed is kept
				}
			});
			this.reader.setDaemon(true);
			this.reader.start();
		}

		/** Waits until a line matches, or fails after the timeout. */
		public String awaitLine(Predicate<String> wanted, long timeoutSeconds) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			synchronized (this.output) {
				while (true) {
					for (String line : this.output.toString().split("\n")) {
						if (wanted.test(line)) {
							return line;
						}
					}
					long left = deadline - System.nanoTime();
					if (left <= 0 || (!this.process.isAlive() && !this.reader.isAlive())) {
						throw new AssertionError(
								"No such line within " + timeoutSeconds + " s; output:\n" + this.output);
					}
					this.output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 500_000_000L))));
				}
			}
		}

		public String output() {
			return this.output.toString();
		}

		public Process process() {
			return this.process;
		}

		/** SIGKILL: the process gets no chance to clean up. */
		public void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

		/**
		 * A power cut, as near as a test comes to one: SIGKILL at the same moment to this
		 * process and to every process of the embedded PostgreSQL it runs in
		 * {@code dataDir}, so that neither gets to flush or shut down anything. What was
		 * only in the database's memory (WAL not yet written) is lost; what the operating
		 * system holds is not, so this shows a commit reported before it was written, not
		 * one reported before it was synced to disk.
		 */
		public void killWithItsDatabase(Path dataDir) throws IOException, InterruptedException {
			long postmaster = Long
				.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8)
					.get(0)
					.trim());
			// pg_ctl starts the postmaster in a session of its own, so its process group
			// is
			// the server with all its children, and one kill(2) of the group reaches them
			// all at once. Were the group ours, the signal would kill the test too.
			String stat = Files.readString(Path.of("/proc", Long.toString(postmaster), "stat"));
			long group = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
			if (group != postmaster) {
				throw new IllegalStateException("PostgreSQL (pid " + postmaster + ") is in process group " + group
						+ ", not its own: killing the group could kill the test");
			}
			Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + postmaster,
					Long.toString(this.process.pid()))
				.redirectErrorStream(true)
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException(
						"kill failed: " + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			this.process.waitFor();
			ProcessHandle.of(postmaster).ifPresent(server -> server.onExit().join());
		}

		/** SIGTERM, as Ctrl-C or a service manager would stop it. */
		public int stop() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			return this.process.exitValue();
		}

	}

}
