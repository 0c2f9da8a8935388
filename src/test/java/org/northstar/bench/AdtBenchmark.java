package org.northstar.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.northstar.ingest.hl7.Adt;

/**
 * The ADT feed benchmark: end-to-end messages per second against a running {@code serve}
 * (send, store, apply, commit, ACK received) over 1 and over 8 connections, with ACK
 * latency percentiles; and, as the ceiling, how fast HAPI alone parses the same messages
 * on one thread, configured as the listener configures it.
 *
 * <p>
 * Each visit is a realistic sequence (A01 admit, A02 transfer, A08 update, A03 discharge)
 * for a patient of a pool, so every message changes a patient and an encounter. The
 * client frames MLLP by hand to keep its own CPU use small: it shares the machine with
 * the server.
 *
 * <p>
 * Usage: {@code AdtBenchmark PORT [MESSAGES_PER_RUN [SERVER_PID DATA_DIR]]}. Prints one
 * line per run; given the server's pid and data directory, also the CPU time per message
 * of the server's JVM and of its PostgreSQL processes, read from {@code /proc}, and an
 * ACK that is 5 s late gets the server's threads dumped ({@code jcmd}) into
 * {@code target-bench}. {@code -DcoldOnly=true} stops after the cold phase
 * ({@code bench/adt-cold}).
 */
public final class AdtBenchmark {

	private static final byte START = 0x0b;

	private static final byte END = 0x1c;

	private static final String[] EVENTS = { "A01", "A02", "A08", "A03" };

	private static String serverPid;

	private static String dataDir;

	/** When each connection's message in flight was sent ({@link System#nanoTime}). */
	private static final Map<Thread, Long> inFlight = new ConcurrentHashMap<>();

	/** An ACK later than this gets the server's threads dumped, once per stall. */
	private static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(5);

	private AdtBenchmark() {
	}

	/**
	 * Watches the messages in flight: when an ACK is {@link #LATE_NANOS} late, dumps the
	 * server's threads ({@code jcmd PID Thread.print}) beside the benchmark's log and
	 * says so, so that a stall can be explained afterwards.
	 */
	private static void watchForLateAcks() {
		if (serverPid == null) {
			return;
		}
		Thread watchdog = new Thread(() -> {
			Set<Long> dumped = new HashSet<>();
			while (true) {
				// One dump per stall: every message late now is covered by it.
				long now = System.nanoTime();
				long newlyLate = inFlight.values()
					.stream()
					.filter(sent -> now - sent > LATE_NANOS && dumped.add(sent))
					.mapToLong(sent -> now - sent)
					.max()
					.orElse(0);
				if (newlyLate > 0) {
					dumpServerThreads(newlyLate / 1_000_000);
				}
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "late-ack-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

	private static void dumpServerThreads(long waitedMillis) {
		Path dump = Path.of("target-bench", "late-ack-" + System.currentTimeMillis() + ".txt");
		try {
			Files.createDirectories(dump.getParent());
			Process jcmd = new ProcessBuilder("jcmd", serverPid, "Thread.print").redirectErrorStream(true)
				.redirectOutput(dump.toFile())
				.start();
			jcmd.waitFor(30, TimeUnit.SECONDS);
			System.out.printf("adt-bench late ACK: waited %d ms so far; the server's threads are in %s%n", waitedMillis,
					dump.toAbsolutePath());
		}
		catch (IOException | InterruptedException ex) {
			System.out.printf("adt-bench late ACK: waited %d ms so far; no thread dump: %s%n", waitedMillis, ex);
		}
	}

	/**
	 * CPU seconds used so far by the server's JVM ([0]), by the PostgreSQL processes of
	 * its data directory ([1]), and by the JVM's JIT compiler threads, part of [0] ([2]);
	 * zeros when the server is not known.
	 */
	private static double[] serverCpu() throws IOException {
		double[] seconds = new double[3];
		if (serverPid == null) {
			return seconds;
		}
		// The postmaster names the data directory; its backends are its children.
		Map<String, String[]> stats = new HashMap<>();
		Set<String> postmasters = new HashSet<>();
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String pid = proc.getFileName().toString();
					String stat = Files.readString(proc.resolve("stat"));
					stats.put(pid, stat.substring(stat.lastIndexOf(')') + 2).split(" "));
					if (!pid.equals(serverPid) && Files.readString(proc.resolve("cmdline")).contains(dataDir)) {
						postmasters.add(pid);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended while being read
				}
			}
		}
		try (var threads = Files.list(Path.of("/proc", serverPid, "task"))) {
			for (Path thread : threads.toList()) {
				try {
					if (Files.readString(thread.resolve("comm")).strip().matches("C\\d CompilerThre.*")) {
						String stat = Files.readString(thread.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						seconds[2] += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended while being read
				}
			}
		}
		stats.forEach((pid, fields) -> {
			// fields from the state on: ppid is the 2nd, utime and stime the 12th and
			// 13th,
			// in clock ticks of 1/100 s
			double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
			if (pid.equals(serverPid)) {
				seconds[0] += cpu;
			}
			else if (postmasters.contains(pid) || postmasters.contains(fields[1])) {
				seconds[1] += cpu;
			}
		});
		return seconds;
	}

	/**
	 * CPU used so far by this client's own JVM: on the same two cores it takes its share
	 * of what the server could have had.
	 */
	private static long clientCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int perRun = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
		String run = Long.toString(System.currentTimeMillis(), 36);
		if (args.length > 3) {
			serverPid = args[2];
			dataDir = args[3];
		}
		watchForLateAcks();

		// Cold: the first messages after 'serve' has started, over 8 connections, before
		// any warm-up: what a hospital's backlog meets after a restart.
		int cold = Integer.parseInt(System.getProperty("cold", "2000"));
		if (cold > 0) {
			endToEnd("cold", port, 8, messagesFor("cold-" + run, 8, cold), true);
		}
		if (Boolean.getBoolean("coldOnly")) {
			return; // bench/adt-cold: one cold phase per server start
		}
		parseOnly(messages("parse-" + run, 0, 20_000), 20_000);
		// Warm-up: JIT on both sides (the server's hot path runs through Spring, JDBC,
		// HAPI v2 and HAPI FHIR), connection pool, caches. Not reported. On two busy
		// cores the server's C2 compiler needs about this many messages to catch up:
		// with 8,000 it still took a fifth of the server's CPU in the measured runs.
		int warmup = Integer.parseInt(System.getProperty("warmup", "64000"));
		endToEnd("warmup", port, 8, messagesFor("warm-" + run, 8, warmup), false);
		analyze();
		settle();
		System.out.println("adt-bench warmed up");
		if (dataDir != null) {
			commitBaseline(messagesFor("commit-" + run, 8, perRun));
		}
		endToEnd("warm", port, 1, messagesFor("one-" + run, 1, perRun / 4), true);
		endToEnd("warm", port, 8, messagesFor("eight-" + run, 8, perRun), true);
	}

	/**
	 * The database started empty, so the plans PostgreSQL cached for the feed's
	 * statements during the warm-up were made for tables of a few rows (sequential
	 * scans); they last until autovacuum analyzes the tables, within a minute or two of a
	 * real feed starting. The benchmark measures that steady state without waiting: it
	 * analyzes the embedded database once after the warm-up.
	 */
	private static void analyze() throws Exception {
		if (dataDir == null) {
			return;
		}
		try (var connection = database(); var statement = connection.createStatement()) {
			statement.execute("analyze");
		}
	}

	/**
	 * Waits until the server has been idle for a while: the warm-up's reactions done, and
	 * the work a server does once after it starts (the FHIR validator is built once the
	 * feed has been quiet for 5 s) finished, so the warm runs measure the steady state
	 * rather than whatever start-up work they happen to meet. Idle: the server's JVM and
	 * PostgreSQL used under a twentieth of a core in each of 8 seconds in a row. Gives up
	 * after 3 minutes, and says so.
	 */
	private static void settle() throws Exception {
		if (serverPid == null) {
			return;
		}
		long started = System.nanoTime();
		double[] before = serverCpu();
		int quietSeconds = 0;
		while (quietSeconds < 8) {
			if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
				System.out.println("adt-bench not settled after 180 s; measuring anyway");
				return;
			}
			Thread.sleep(1000);
			double[] now = serverCpu();
			double used = now[0] - before[0] + now[1] - before[1];
			quietSeconds = used < 0.05 ? quietSeconds + 1 : 0;
			before = now;
		}
		System.out.printf("adt-bench settled after %.0f s%n", (System.nanoTime() - started) / 1e9);
	}

	private static void parseOnly(List<String> messages, int count) throws Exception {
		HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
		context.setValidationContext(ValidationContextFactory.noValidation());
		PipeParser parser = context.getPipeParser();
		for (int i = 0; i < 5000; i++) {
			parser.parse(messages.get(i % messages.size()));
		}
		long started = System.nanoTime();
		for (int i = 0; i < count; i++) {
			parser.parse(messages.get(i % messages.size()));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("adt-bench run=parse-only threads=1 messages=%d seconds=%.2f rate=%.0f%n", count, seconds,
				count / seconds);
	}

	/**
	 * The floor under a durable ACK, measured beside the feed in the same run: 8
	 * connections each storing its messages' text, one row and one synchronous commit per
	 * message, in the server's own database. What the feed adds is parsing, matching,
	 * applying and the ACK round trip.
	 */
	private static void commitBaseline(List<List<String>> work) throws Exception {
		try (var connection = database(); var statement = connection.createStatement()) {
			statement.execute("create table if not exists bench_commit (id bigserial primary key, body text)");
		}
		ExecutorService pool = Executors.newFixedThreadPool(work.size());
		long started = System.nanoTime();
		List<Future<long[]>> results = new ArrayList<>();
		for (List<String> messages : work) {
			results.add(pool.submit(() -> {
				long[] latencies = new long[messages.size()];
				try (var connection = database();
						var insert = connection.prepareStatement("insert into bench_commit (body) values (?)")) {
					for (int i = 0; i < latencies.length; i++) {
						long sent = System.nanoTime();
						insert.setString(1, messages.get(i));
						insert.executeUpdate();
						latencies[i] = System.nanoTime() - sent;
					}
				}
				return latencies;
			}));
		}
		List<long[]> latencies = new ArrayList<>();
		for (Future<long[]> result : results) {
			latencies.add(result.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		pool.shutdown();
		try (var connection = database(); var statement = connection.createStatement()) {
			statement.execute("drop table bench_commit");
		}
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		System.out.printf(
				"adt-bench run=commit-baseline connections=%d messages=%d seconds=%.2f rate=%.0f p50_ms=%.1f p99_ms=%.1f%n",
				work.size(), all.length, seconds, all.length / seconds, percentile(all, 0.50), percentile(all, 0.99));
	}

	/** One list of messages per connection; each connection owns its patients. */
	private static List<List<String>> messagesFor(String prefix, int connections, int total) {
		List<List<String>> lists = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			lists.add(messages(prefix + "-c" + c, c, total / connections));
		}
		return lists;
	}

	private static List<String> messages(String prefix, int connection, int count) {
		List<String> messages = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int visit = i / EVENTS.length;
			String event = EVENTS[i % EVENTS.length];
			String time = String.format("202601%02d%02d%02d00", 1 + (visit % 28), 8 + (i % EVENTS.length), visit % 60);
			Adt message = Adt.anEvent(event)
				.from("BENCH", "BENCHHOSP")
				.forPatient(prefix + "-P" + (visit % 200))
				.visit(prefix + "-V" + visit)
				.controlId(prefix + "-" + i)
				.at(time)
				.location(event.equals("A02") ? "ICU^" + (visit % 20) + "^A" : "4W^401^A");
			if (event.equals("A03")) {
				message.dischargeDisposition("01").dischargedAt(time);
			}
			messages.add(message.build());
		}
		return messages;
	}

	private static void endToEnd(String name, int port, int connections, List<List<String>> work, boolean report)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		double[] cpuBefore = serverCpu();
		long clientBefore = clientCpuNanos();
		long started = System.nanoTime();
		List<Future<long[]>> results = new ArrayList<>();
		for (List<String> messages : work) {
			results.add(pool.submit(() -> send(port, messages)));
		}
		List<long[]> latencies = new ArrayList<>();
		for (Future<long[]> result : results) {
			latencies.add(result.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		double[] cpuAfter = serverCpu();
		long clientNanos = clientCpuNanos() - clientBefore;
		pool.shutdown();
		// Reactions (tasks, notifications) run after each commit and may trail the ACKs:
		// the next run starts once they are done, and their lag and cost are reported.
		double lag = awaitReactions();
		double[] cpuSettled = serverCpu();
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		if (report) {
			System.out.printf(
					"adt-bench run=end-to-end phase=%s connections=%d messages=%d seconds=%.2f rate=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
					name, connections, all.length, seconds, all.length / seconds, percentile(all, 0.50),
					percentile(all, 0.99), all[all.length - 1] / 1e6);
			if (serverPid != null) {
				System.out.printf(
						"adt-bench run=cpu phase=%s connections=%d jvm_ms_per_msg=%.2f (jit_compiler_ms_per_msg=%.2f) postgres_ms_per_msg=%.2f client_ms_per_msg=%.2f%n",
						name, connections, (cpuAfter[0] - cpuBefore[0]) * 1000 / all.length,
						(cpuAfter[2] - cpuBefore[2]) * 1000 / all.length,
						(cpuAfter[1] - cpuBefore[1]) * 1000 / all.length, clientNanos / 1e6 / all.length);
			}
			if (lag >= 0) {
				System.out.printf(
						"adt-bench run=reactions phase=%s connections=%d done_after_last_ack_s=%.1f with_reactions_jvm_ms_per_msg=%.2f postgres_ms_per_msg=%.2f%n",
						name, connections, lag, (cpuSettled[0] - cpuBefore[0]) * 1000 / all.length,
						(cpuSettled[1] - cpuBefore[1]) * 1000 / all.length);
			}
		}
	}

	/**
	 * Waits until no reaction is waiting or running.
	 * @return seconds waited, or -1 when the database is not known
	 */
	private static double awaitReactions() throws Exception {
		if (dataDir == null) {
			return -1;
		}
		long started = System.nanoTime();
		try (var connection = database(); var statement = connection.createStatement()) {
			while (true) {
				try (var rs = statement
					.executeQuery("select count(*) from event_publication where status is distinct from 'FAILED'")) {
					rs.next();
					if (rs.getLong(1) == 0) {
						return (System.nanoTime() - started) / 1e9;
					}
				}
				Thread.sleep(100);
			}
		}
	}

	private static java.sql.Connection database() throws Exception {
		return org.northstar.database.DataDirectories.connectAsSuperuser(Path.of(dataDir));
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	private static long[] send(int port, List<String> messages) throws IOException {
		long[] latencies = new long[messages.size()];
		try (Socket socket = new Socket("localhost", port)) {
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
			for (int i = 0; i < messages.size(); i++) {
				byte[] body = messages.get(i).getBytes(StandardCharsets.UTF_8);
				byte[] frame = new byte[body.length + 3];
				frame[0] = START;
				System.arraycopy(body, 0, frame, 1, body.length);
				frame[body.length + 1] = END;
				frame[body.length + 2] = '\r';
				long sent = System.nanoTime();
				inFlight.put(Thread.currentThread(), sent);
				out.write(frame);
				out.flush();
				String ack = readFrame(in);
				latencies[i] = System.nanoTime() - sent;
				inFlight.remove(Thread.currentThread());
				if (ack == null || !ack.contains("MSA|AA|")) {
					throw new IllegalStateException("Not accepted: " + messages.get(i) + "\n-> " + ack);
				}
			}
		}
		return latencies;
	}

	private static String readFrame(InputStream in) throws IOException {
		int b = in.read();
		if (b != START) {
			return null;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream(256);
		while ((b = in.read()) != -1) {
			if (b == END) {
				in.read();
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(b);
		}
		return null;
	}

}
