package org.northstar.ingest.hl7;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Running;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's promise under a crash: {@code serve} is killed with SIGKILL while a sender
 * streams admissions. After a restart, every message that was acknowledged is there, and
 * resending everything (as an interface engine does with what it has no ACK for) applies
 * each message exactly once.
 */
class AdtFeedCrashIT {

	private static final int MESSAGES = 400;

	private static final int KILL_AFTER_ACKS = 120;

	@Test
	void everyAckedMessageSurvivesAKillAndResendsApplyOnce(@TempDir Path data, @TempDir Path otherData)
			throws Exception {
		int hl7Port = freePort();
		Launcher launcher = new Launcher().env("NORTHSTAR_HL7_PORT", String.valueOf(hl7Port))
			.env("NORTHSTAR_ADMIN_PASSWORD", "crash-test-password");
		String token = launcher
			.run("token", "--user", "admin", "--purpose", "crash test", "--data-dir", data.toString())
			.lastLine();
		List<Adt> messages = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			messages.add(Adt.anAdmit()
				.from("EPIC", "CRASHHOSP")
				.forPatient("MRN-CRASH-" + (i % 50))
				.visit("V-CRASH-" + i)
				.controlId("CRASH-" + i));
		}

		Running first = serve(launcher, data);
		Map<String, String> acked = new ConcurrentHashMap<>();
		Thread sender = new Thread(() -> {
			try (MllpClient client = new MllpClient(hl7Port)) {
				for (Adt message : messages) {
					acked.put(message.controlId(), client.send(message.build()));
				}
			}
			catch (IllegalStateException ex) {
				// the server died under us: what has no ACK is resent below
			}
		});
		sender.start();
		while (acked.size() < KILL_AFTER_ACKS && sender.isAlive()) {
			Thread.sleep(5);
		}
		first.kill();
		sender.join(60_000);
		Map<String, String> ackedBeforeKill = new HashMap<>(acked);
		assertThat(ackedBeforeKill.size()).as("killed mid-stream").isBetween(KILL_AFTER_ACKS, MESSAGES - 1);

		Running second = serve(launcher, data);
		int httpPort;
		try {
			httpPort = httpPort(second);
			// token (like import) runs without a web server, so it must not try to take
			// the HL7 port the running server holds.
			assertThat(launcher
				.run("token", "--user", "admin", "--purpose", "crash test", "--data-dir", otherData.toString())
				.exitCode()).isZero();
			try (MllpClient client = new MllpClient(hl7Port)) {
				for (Adt message : messages) {
					String ack = client.send(message.build());
					assertThat(ack).as(message.controlId()).contains("MSA|AA|" + message.controlId());
					if (ackedBeforeKill.containsKey(message.controlId())) {
						assertThat(ack).as("a resend gets the first ACK back")
							.isEqualTo(ackedBeforeKill.get(message.controlId()));
					}
				}
			}
			JsonNode log = new ObjectMapper().readTree(HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(
							URI.create("http://localhost:" + httpPort + "/api/hl7/messages?status=APPLIED&limit=1000"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body());
			List<String> applied = new ArrayList<>();
			log.forEach(m -> applied.add(m.path("controlId").asText()));
			assertThat(applied).hasSize(MESSAGES).doesNotHaveDuplicates();
		}
		finally {
			second.stop();
		}

		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start(); Connection connection = postgres.getDatabase("postgres", "northstar").getConnection()) {
			assertThat(count(connection, "select count(*) from hl7_message")).isEqualTo(MESSAGES);
			assertThat(count(connection, "select count(*) from encounter where visit_number like 'V-CRASH-%'"))
				.isEqualTo(MESSAGES);
			assertThat(count(connection,
					"select count(*) from source_resource where resource_type = 'Encounter' and source = 'hl7:CRASHHOSP'"))
				.isEqualTo(MESSAGES);
			assertThat(count(connection, "select count(*) from patient where source = 'hl7:CRASHHOSP'"))
				.as("one patient per MRN, never a duplicate from a resend")
				.isEqualTo(50);
		}
	}

	private static Running serve(Launcher launcher, Path data) throws Exception {
		Running server = launcher.start("serve", "--port", "0", "--no-demo", "--data-dir", data.toString());
		server.awaitLine(line -> line.startsWith("  HL7 v2:    MLLP on port"), 180);
		return server;
	}

	private static int httpPort(Running server) throws InterruptedException {
		String line = server.awaitLine(l -> l.startsWith("Northstar is running at http://localhost:"), 10);
		return Integer.parseInt(line.replaceAll(".*localhost:(\\d+)/.*", "$1"));
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

}
