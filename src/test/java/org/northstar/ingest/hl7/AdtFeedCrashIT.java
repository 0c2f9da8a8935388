package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.database.DataDirectories;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Running;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's promise under a crash: {@code serve} and its PostgreSQL are killed with
 * SIGKILL at the same moment while eight senders stream admissions. After a restart,
 * every message that was acknowledged is stored and applied, once; resending what had no
 * ACK (as an interface engine does) applies each of those once, and resending what had
 * one gets the first ACK back and changes nothing.
 */
class AdtFeedCrashIT {

	private static final int CONNECTIONS = 8;

	private static final int MESSAGES_PER_CONNECTION = 250;

	private static final int MESSAGES = CONNECTIONS * MESSAGES_PER_CONNECTION;

	private static final int PATIENTS = 50;

	private static final int KILL_AFTER_ACKS = 600;

	private static final String SENDER = "hl7:CRASHHOSP";

	@Test
	void everyAckedMessageSurvivesAKillOfServerAndDatabaseAndResendsApplyOnce(@TempDir Path data,
			@TempDir Path otherData) throws Exception {
		int hl7Port = freePort();
		Launcher launcher = new Launcher().env("NORTHSTAR_HL7_PORT", String.valueOf(hl7Port))
			.env("NORTHSTAR_ADMIN_PASSWORD", "crash-test-password");
		List<List<Adt>> feeds = new ArrayList<>();
		for (int c = 0; c < CONNECTIONS; c++) {
			List<Adt> feed = new ArrayList<>();
			for (int i = 0; i < MESSAGES_PER_CONNECTION; i++) {
				int n = c * MESSAGES_PER_CONNECTION + i;
				// Patients are shared across connections, as one hospital's feeds share
				// them.
				feed.add(Adt.anAdmit()
					.from("EPIC", "CRASHHOSP")
					.forPatient("MRN-CRASH-" + (n % PATIENTS))
					.visit("V-CRASH-" + n)
					.controlId("CRASH-" + n));
			}
			feeds.add(feed);
		}

		Running first = serve(launcher, data);
		Map<String, String> acked = new ConcurrentHashMap<>();
		ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
		List<Future<?>> sending = new ArrayList<>();
		for (List<Adt> feed : feeds) {
			sending.add(senders.submit(() -> sendUntilCut(hl7Port, feed, acked)));
		}
		while (acked.size() < KILL_AFTER_ACKS && sending.stream().anyMatch(f -> !f.isDone())) {
			Thread.sleep(1);
		}
		first.killWithItsDatabase(data);
		for (Future<?> f : sending) {
			f.get();
		}
		senders.shutdown();
		Map<String, String> ackedBeforeKill = new HashMap<>(acked);
		assertThat(ackedBeforeKill.size()).as("killed mid-stream").isBetween(KILL_AFTER_ACKS, MESSAGES - 1);
		assertThat(ackedBeforeKill.values()).allSatisfy(ack -> assertThat(ack).contains("MSA|AA|"));

		Running second = serve(launcher, data);
		try {
			assertThat(second.output()).as("the embedded database is durable").doesNotContain("DATA AT RISK");
			// token (like import) runs without a web server, so it must not try to take
			// the HL7 port the running server holds.
			assertThat(launcher.run("token", "--user", "admin", "--purpose", "test", "--data-dir", otherData.toString())
				.exitCode()).isZero();
			try (Connection db = connect(data)) {
				Map<String, String> stored = storedMessages(db);
				Set<String> lost = new HashSet<>(ackedBeforeKill.keySet());
				lost.removeAll(stored.keySet());
				Map<String, Long> visits = visitsStored(db);
				long duplicates = visits.values().stream().filter(n -> n > 1).count();
				System.out.printf(
						"AdtFeedCrashIT: %d of %d messages acknowledged before the kill; after the restart %d stored,"
								+ " %d acknowledged ones lost, %d visits stored more than once%n",
						ackedBeforeKill.size(), MESSAGES, stored.size(), lost.size(), duplicates);
				assertThat(lost).as("acknowledged before the kill, gone after the restart").isEmpty();
				for (String controlId : ackedBeforeKill.keySet()) {
					assertThat(stored.get(controlId)).as(controlId).isEqualTo("APPLIED");
					assertThat(visits.get(visitOf(controlId))).as("encounters of " + controlId).isEqualTo(1L);
				}
				assertThat(duplicates).isZero();
			}

			// The interface engine resends what it had no ACK for, on the same eight
			// connections, and then, to be sure, everything else.
			ExecutorService resenders = Executors.newFixedThreadPool(CONNECTIONS);
			List<Future<Map<String, String>>> resending = new ArrayList<>();
			for (List<Adt> feed : feeds) {
				List<Adt> unacked = feed.stream().filter(m -> !ackedBeforeKill.containsKey(m.controlId())).toList();
				List<Adt> ackedOnes = feed.stream().filter(m -> ackedBeforeKill.containsKey(m.controlId())).toList();
				resending.add(resenders.submit(() -> {
					Map<String, String> acks = new HashMap<>();
					try (MllpConnection connection = new MllpConnection(hl7Port)) {
						for (Adt message : unacked) {
							acks.put(message.controlId(), connection.send(message.build()));
						}
						for (Adt message : ackedOnes) {
							acks.put(message.controlId(), connection.send(message.build()));
						}
					}
					return acks;
				}));
			}
			for (Future<Map<String, String>> f : resending) {
				f.get().forEach((controlId, ack) -> {
					assertThat(ack).as(controlId).contains("MSA|AA|" + controlId);
					if (ackedBeforeKill.containsKey(controlId)) {
						assertThat(ack).as("a resend gets the first ACK back")
							.isEqualTo(ackedBeforeKill.get(controlId));
					}
				});
			}
			resenders.shutdown();

			try (Connection db = connect(data)) {
				Map<String, String> stored = storedMessages(db);
				assertThat(stored).hasSize(MESSAGES);
				assertThat(stored.values()).containsOnly("APPLIED");
				Map<String, Long> visits = visitsStored(db);
				assertThat(visits).hasSize(MESSAGES);
				assertThat(visits.values()).as("each message applied exactly once").containsOnly(1L);
				assertThat(count(db,
						"select count(*) from source_resource where resource_type = 'Encounter' and source = '" + SENDER
								+ "'"))
					.isEqualTo(MESSAGES);
				assertThat(count(db, "select count(*) from patient where source = '" + SENDER + "'"))
					.as("one patient per MRN, never a duplicate from a resend")
					.isEqualTo(PATIENTS);
			}
		}
		finally {
			second.stop();
		}
	}

	/**
	 * Sends one feed in order, each message after the previous one's ACK, until the
	 * server goes away.
	 */
	private static void sendUntilCut(int port, List<Adt> feed, Map<String, String> acked) {
		try (MllpConnection connection = new MllpConnection(port)) {
			for (Adt message : feed) {
				acked.put(message.controlId(), connection.send(message.build()));
			}
		}
		catch (IOException ex) {
			// the server died under us: what has no ACK is resent after the restart
		}
	}

	/** Status by control id of the crash test's messages. */
	private static Map<String, String> storedMessages(Connection db) throws Exception {
		Map<String, String> stored = new HashMap<>();
		try (Statement statement = db.createStatement();
				ResultSet rs = statement
					.executeQuery("select control_id, status from hl7_message where control_id like 'CRASH-%'")) {
			while (rs.next()) {
				assertThat(stored.put(rs.getString(1), rs.getString(2))).as("stored twice: " + rs.getString(1))
					.isNull();
			}
		}
		return stored;
	}

	/** Encounters per visit number of the crash test's visits. */
	private static Map<String, Long> visitsStored(Connection db) throws Exception {
		Map<String, Long> visits = new HashMap<>();
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery(
						"select visit_number, count(*) from encounter where visit_number like 'V-CRASH-%' group by 1")) {
			while (rs.next()) {
				visits.put(rs.getString(1), rs.getLong(2));
			}
		}
		return visits;
	}

	private static String visitOf(String controlId) {
		return "V-" + controlId;
	}

	/** Straight to the embedded PostgreSQL of the running server, as its owner. */
	private static Connection connect(Path data) throws Exception {
		return DataDirectories.connectAsSuperuser(data);
	}

	private static Running serve(Launcher launcher, Path data) throws Exception {
		Running server = launcher.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		server.awaitLine(line -> line.startsWith("  HL7 v2:    MLLP on port"), 180);
		return server;
	}

	private static long count(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A sender on a bare socket: it notices at once when the server is killed, where
	 * HAPI's client would wait out its reply timeout.
	 */
	private static final class MllpConnection implements AutoCloseable {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		MllpConnection(int port) throws IOException {
			this.socket = new Socket("localhost", port);
			this.socket.setSoTimeout(60_000);
			this.out = this.socket.getOutputStream();
			this.in = this.socket.getInputStream();
		}

		String send(String message) throws IOException {
			MllpClient.write(this.out, MllpClient.frame(message));
			String ack = MllpClient.readFrame(this.in);
			if (ack == null) {
				throw new IOException("connection closed before the ACK");
			}
			return ack;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
