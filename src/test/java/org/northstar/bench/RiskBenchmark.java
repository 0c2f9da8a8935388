package org.northstar.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.northstar.NorthstarApplication;
import org.northstar.risk.RiskScores;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * LACE and HOSPITAL for a whole population from scratch, in people per second: the demo
 * Synthea sample imported and replicated in SQL to the wanted size (as
 * {@link WorkspaceBenchmark} builds it), every score deleted, then
 * {@link RiskScores#recomputeAll} in batches.
 *
 * <p>
 * Usage: {@code RiskBenchmark [people] [batch] [data-dir] [runs] [jobs]}; prints one line
 * per figure. A data directory that already holds the population is reused as it is.
 */
public final class RiskBenchmark {

	private RiskBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-risk-bench");
		int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		int jobs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.admin-password=bench-password-2026")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			if (count(jdbc, "select count(*) from patient") < people) {
				WorkspaceBenchmark.populate(context, jdbc, people);
			}
			System.out.printf(
					"population: %d patient records, %d encounters (%d inpatient stays), %d conditions,"
							+ " %d observations (built in %.0f s)%n",
					count(jdbc, "select count(*) from patient"), count(jdbc, "select count(*) from encounter"),
					count(jdbc, "select count(*) from encounter where class_code = 'IMP' and period_end is not null"),
					count(jdbc, "select count(*) from condition"), count(jdbc, "select count(*) from observation"),
					(System.nanoTime() - started) / 1e9);
			RiskScores risks = context.getBean(RiskScores.class);
			for (int run = 1; run <= runs; run++) {
				// From scratch: the reactions to the import scored the sample already.
				jdbc.sql("truncate risk_assessment").update();
				long start = System.nanoTime();
				long javaCpu = javaCpuNanos();
				long runtimeCpu = jitAndGcCpuNanos();
				long databaseCpu = databaseCpuNanos(dataDir);
				RiskScores.Run result = risks.recomputeAll(batch, jobs, null);
				double seconds = (System.nanoTime() - start) / 1e9;
				double javaMs = (javaCpuNanos() - javaCpu) / 1e6;
				double runtimeMs = (jitAndGcCpuNanos() - runtimeCpu) / 1e6;
				double databaseMs = (databaseCpuNanos(dataDir) - databaseCpu) / 1e6;
				System.out.printf(
						"run %d: %d people (%d records) scored in %.2f s: %.0f people/s; %d scores written"
								+ " (batch %d, %d jobs, %d cores)%n",
						run, result.people(), result.records(), seconds, result.people() / seconds, result.written(),
						batch, jobs, Runtime.getRuntime().availableProcessors());
				// CPU rather than time: on a shared machine it is what the run itself
				// cost,
				// and two fully busy cores at this cost would score 2 / (ms per person)
				// people per millisecond.
				double perPerson = (javaMs + databaseMs) / result.people();
				// Without the JIT compiler and the collector: in a run this short they
				// weigh far more than in one over 100,000 people.
				double perPersonWarm = (javaMs - runtimeMs + databaseMs) / result.people();
				System.out.printf(
						"run %d CPU: %.0f ms Java (%.0f of it JIT and GC), %.0f ms PostgreSQL: %.3f ms per person"
								+ " (%.3f without JIT and GC), at most %.0f people/s on 2 fully busy cores (%.0f)%n",
						run, javaMs, runtimeMs, databaseMs, perPerson, perPersonWarm, 2 * 1000 / perPerson,
						2 * 1000 / perPersonWarm);
			}
		}
	}

	/** CPU time of this JVM, every thread. */
	private static long javaCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** CPU time of this JVM's JIT compiler and garbage collector threads. */
	private static long jitAndGcCpuNanos() throws IOException {
		Path tasks = Path.of("/proc/self/task");
		if (!Files.isDirectory(tasks)) {
			return 0;
		}
		long ticks = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					if (name.matches("C\\d CompilerThre.*") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
						String stat = Files.readString(thread.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (IOException | RuntimeException ex) {
					// ended while being read
				}
			}
		}
		return ticks * 10_000_000L;
	}

	/**
	 * CPU time of the embedded PostgreSQL: the postmaster, its live processes (backends,
	 * WAL writer, checkpointer) and those it has reaped (parallel workers), from
	 * {@code /proc}; 0 where there is no {@code /proc}.
	 */
	private static long databaseCpuNanos(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postgres/postmaster.pid");
		if (!Files.exists(pidFile) || !Files.isDirectory(Path.of("/proc"))) {
			return 0;
		}
		String postmaster = Files.readAllLines(pidFile).get(0).strip();
		long ticks = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				String[] stat;
				try {
					String line = Files.readString(process.resolve("stat"));
					// After the command, which may hold spaces, in parentheses.
					stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
				}
				catch (IOException ex) {
					continue; // ended meanwhile
				}
				String pid = process.getFileName().toString();
				// Fields from the state (3rd): ppid 4th, utime 14th, stime 15th,
				// cutime 16th, cstime 17th.
				if (pid.equals(postmaster)) {
					ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13])
							+ Long.parseLong(stat[14]);
				}
				else if (stat[1].equals(postmaster)) {
					ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
				}
			}
		}
		// Linux's USER_HZ: 100 ticks a second.
		return ticks * 10_000_000L;
	}

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
