package org.northstar.ingest.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.northstar.database.DatabaseKind;
import org.northstar.patient.Patients;
import org.northstar.reactions.Foreground;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.northstar.ingest.hl7.Adt.anAdmit;
import static org.northstar.ingest.hl7.Adt.anUpdate;

/**
 * The MLLP port as the network sees it: each attack the listener defends against, made
 * over a real socket. Most tests start a listener of their own with the settings under
 * test, on the application's inbox and database.
 */
class MllpDefencesTests extends NorthstarTest {

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AdtApplication application;

	@Autowired
	Patients patients;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Autowired
	Foreground foreground;

	private final List<MllpListener> started = new ArrayList<>();

	@AfterEach
	void stopListeners() {
		this.started.forEach(MllpListener::stop);
	}

	@Test
	void listensOnlyOnTheLoopbackUnlessToldOtherwise() throws Exception {
		assertThat(settings(Map.of()).bind()).isEqualTo("127.0.0.1");
		assertThat(this.listener.address().getHostAddress()).isEqualTo("127.0.0.1");

		// From another of this machine's own addresses, as a host on the network would.
		Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
		assumeThat(outside).as("a non-loopback IPv4 address on this machine").isPresent();
		try (Socket socket = new Socket()) {
			assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside.get(), this.listener.port()), 2000))
				.isInstanceOf(ConnectException.class);
		}
	}

	@Test
	void answersAnOversizedMessageWithArAndClosesWithoutReadingTheRest() throws Exception {
		Adt admit = anAdmit().from("EPIC", "HUGEHOSP").forPatient("MRN-HUGE-1");
		byte[] head = ("\u000b" + admit.build() + "ZNT|1|").getBytes(StandardCharsets.UTF_8);
		long total = 100L * 1024 * 1024;
		AtomicLong written = new AtomicLong();
		long start = System.nanoTime();
		try (Socket socket = new Socket("localhost", this.listener.port())) {
			socket.setSoTimeout(30_000);
			CompletableFuture<Throwable> sender = CompletableFuture.supplyAsync(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					out.write(head);
					byte[] filler = new byte[64 * 1024];
					Arrays.fill(filler, (byte) 'x');
					while (written.get() < total) {
						out.write(filler);
						written.addAndGet(filler.length);
					}
					return null;
				}
				catch (IOException ex) {
					return ex;
				}
			});

			String ack = MllpClient.readFrame(socket.getInputStream());
			assertThat(ack).contains("MSA|AR|" + admit.controlId() + "|message is larger than the 4 MB")
				.contains("NORTHSTAR_HL7_MAX_MESSAGE");
			assertThat(readToEnd(socket.getInputStream())).as("nothing after the AR").isEmpty();
			assertThat(sender.get(30, TimeUnit.SECONDS)).as("the sender was cut off").isInstanceOf(IOException.class);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(written.get()).as("bytes the sender got out before the connection was closed").isLessThan(total / 2);
		assertThat(took).isLessThan(Duration.ofSeconds(15));
		assertThat(count("EPIC|HUGEHOSP")).as("an oversized message is not stored").isZero();

		Adt small = anAdmit().from("EPIC", "HUGEHOSP").forPatient("MRN-HUGE-2");
		assertThat(MllpClient.sendRaw(this.listener.port(), MllpClient.frame(small.build())))
			.contains("MSA|AA|" + small.controlId());
	}

	@Test
	void acceptsAMessageOfExactlyTheLimitAndRefusesOneByteMore() throws Exception {
		MllpListener limited = listen(Map.of("max-message", "2KB"));
		String admit = anAdmit().from("EPIC", "LIMITHOSP").forPatient("MRN-LIMIT-1").build();
		String exactly = admit + "ZNT|" + "y".repeat(2048 - admit.length() - 5) + "\r";
		assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(2048);

		assertThat(MllpClient.sendRaw(limited.port(), MllpClient.frame(exactly))).contains("MSA|AA|");
		String oneMore = anAdmit().from("EPIC", "LIMITHOSP").forPatient("MRN-LIMIT-2").build();
		oneMore = oneMore + "ZNT|" + "y".repeat(2049 - oneMore.length() - 5) + "\r";
		assertThat(MllpClient.sendRaw(limited.port(), MllpClient.frame(oneMore))).contains("MSA|AR|")
			.contains("larger than the 2 KB");
	}

	@Test
	void cutsOffASenderThatTricklesAMessageAtTheMessageTimeout() throws Exception {
		MllpListener strict = listen(Map.of("message-timeout", "2s"));
		byte[] framed = MllpClient.frame(anAdmit().from("EPIC", "SLOWLORIS").forPatient("MRN-LORIS-1").build());
		try (Socket socket = new Socket("localhost", strict.port())) {
			long start = System.nanoTime();
			CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> readToEnd(input(socket)));
			OutputStream out = socket.getOutputStream();
			// A byte every 300 ms: each read is quick, the message never ends in time.
			try {
				for (int i = 0; i < framed.length && !reply.isDone(); i++) {
					out.write(framed[i]);
					out.flush();
					Thread.sleep(300);
				}
			}
			catch (IOException ex) {
				// cut off while writing: what the test waits for
			}
			assertThat(reply.get(10, TimeUnit.SECONDS)).as("no ACK for a message that never arrived").isEmpty();
			Duration held = Duration.ofNanos(System.nanoTime() - start);
			assertThat(held).isBetween(Duration.ofMillis(1800), Duration.ofSeconds(4));
		}
		assertThat(count("EPIC|SLOWLORIS")).isZero();
	}

	@Test
	void closesANewConnectionThatSendsNothingButLetsAnEngineWaitBetweenMessages() throws Exception {
		MllpListener strict = listen(Map.of("message-timeout", "1s", "idle-timeout", "1m"));
		try (Socket silent = new Socket("localhost", strict.port())) {
			long start = System.nanoTime();
			assertThat(readToEnd(input(silent))).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(3));
		}

		try (MllpClient engine = new MllpClient(strict.port())) {
			assertThat(engine.send(anUpdate().from("EPIC", "IDLEHOSP").forPatient("MRN-IDLE-1").build()))
				.contains("MSA|AA|");
			Thread.sleep(2500);
			assertThat(engine.send(anUpdate().from("EPIC", "IDLEHOSP").forPatient("MRN-IDLE-2").build()))
				.contains("MSA|AA|");
		}
	}

	@Test
	void cutsOffAClientThatDoesNotReadItsAcks() throws Exception {
		MllpListener strict = listen(Map.of("message-timeout", "1s"));
		// Each AR repeats the unsupported version it was sent, so a few fill the buffers.
		String version = "9".repeat(200_000);
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("localhost", strict.port()));
			long start = System.nanoTime();
			CompletableFuture<Throwable> sender = CompletableFuture.supplyAsync(() -> {
				try {
					for (int i = 0; i < 500; i++) {
						String message = "MSH|^~\\&|EPIC|DEAFHOSP|NORTHSTAR|NORTHSTAR|20260115120000||ADT^A01|DEAF-" + i
								+ "-" + System.nanoTime() + "|P|" + version + "\r";
						socket.getOutputStream().write(MllpClient.frame(message));
					}
					return null;
				}
				catch (IOException ex) {
					return ex;
				}
			});
			assertThat(sender.get(60, TimeUnit.SECONDS)).as("the server closed the connection")
				.isInstanceOf(IOException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	void closesConnectionsBeyondTheCapAndAcceptsAgainWhenOneEnds() throws Exception {
		MllpListener capped = listen(Map.of("max-connections", "2"));
		MllpClient first = new MllpClient(capped.port());
		try (MllpClient second = new MllpClient(capped.port())) {
			assertThat(first.send(anUpdate().from("EPIC", "CAPHOSP").forPatient("MRN-CAP-1").build()))
				.contains("MSA|AA|");
			assertThat(second.send(anUpdate().from("EPIC", "CAPHOSP").forPatient("MRN-CAP-2").build()))
				.contains("MSA|AA|");

			try (Socket third = new Socket("localhost", capped.port())) {
				long start = System.nanoTime();
				try {
					third.getOutputStream()
						.write(MllpClient.frame(anUpdate().from("EPIC", "CAPHOSP").forPatient("MRN-CAP-3").build()));
				}
				catch (IOException ex) {
					// already closed
				}
				assertThat(readToEnd(input(third))).as("no ACK beyond the cap").isEmpty();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			}

			first.close();
			Adt later = anUpdate().from("EPIC", "CAPHOSP").forPatient("MRN-CAP-4");
			assertThat(sendWhenAccepted(capped.port(), later)).contains("MSA|AA|" + later.controlId());
		}
	}

	@Test
	void closesAConnectionFromAnAddressNotAllowedAndServesOneThatIs() throws Exception {
		MllpListener elsewhere = listen(Map.of("allowed-addresses", "198.51.100.0/24, 2001:db8::/32"));
		Adt admit = anAdmit().from("EPIC", "ADDRHOSP").forPatient("MRN-ADDR-1");
		try (Socket socket = new Socket("localhost", elsewhere.port())) {
			long start = System.nanoTime();
			try {
				socket.getOutputStream().write(MllpClient.frame(admit.build()));
			}
			catch (IOException ex) {
				// already closed
			}
			assertThat(readToEnd(input(socket))).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		assertThat(count("EPIC|ADDRHOSP")).isZero();

		MllpListener here = listen(Map.of("allowed-addresses", "10.0.0.0/8,127.0.0.0/8"));
		assertThat(MllpClient.sendRaw(here.port(), MllpClient.frame(admit.build())))
			.contains("MSA|AA|" + admit.controlId());
	}

	@Test
	void rejectsAMessageFromAFacilityNotAllowedAndKeepsItForTheAdministrator() {
		MllpListener listed = listen(Map.of("allowed-facilities", "allowhosp,LAB|PARTHOSP"));

		Adt stranger = anAdmit().from("EPIC", "STRANGEHOSP").forPatient("MRN-STRANGE-1");
		assertThat(MllpClient.sendRaw(listed.port(), MllpClient.frame(stranger.build())))
			.contains("MSA|AR|" + stranger.controlId() + "|MSH-4 sending facility 'STRANGEHOSP' (MSH-3 'EPIC') is not"
					+ " one this Northstar accepts messages from")
			.contains("ERR||MSH^1^4|103^Table value not found^HL70357|E");
		assertThat(this.jdbc.sql("select status, error_reason from hl7_message where sender = 'EPIC|STRANGEHOSP'")
			.query((rs, n) -> rs.getString(1) + ": " + rs.getString(2))
			.single()).startsWith("REJECTED: MSH-4 sending facility 'STRANGEHOSP'");
		assertThat(this.jdbc.sql("select count(*) from patient_identifier where value = 'MRN-STRANGE-1'")
			.query(Long.class)
			.single()).as("nothing of it applied").isZero();

		Adt wrongApplication = anAdmit().from("EPIC", "PARTHOSP").forPatient("MRN-PART-1");
		assertThat(MllpClient.sendRaw(listed.port(), MllpClient.frame(wrongApplication.build()))).contains("MSA|AR|");
		Adt lab = anAdmit().from("LAB", "PARTHOSP").forPatient("MRN-PART-2");
		assertThat(MllpClient.sendRaw(listed.port(), MllpClient.frame(lab.build()))).contains("MSA|AA|");
		Adt allowed = anAdmit().from("EPIC", "ALLOWHOSP").forPatient("MRN-ALLOW-1");
		assertThat(MllpClient.sendRaw(listed.port(), MllpClient.frame(allowed.build()))).contains("MSA|AA|");
	}

	@Test
	void refusesToStartOnASettingItCannotHonour() {
		assertThatThrownBy(() -> listen(Map.of("allowed-addresses", "hospital.example.org")))
			.hasMessageContaining("'hospital.example.org' in NORTHSTAR_HL7_ALLOWED_ADDRESSES is not an IP address");
		assertThatThrownBy(() -> listen(Map.of("allowed-facilities", "A|B|C")))
			.hasMessageContaining("'A|B|C' in NORTHSTAR_HL7_ALLOWED_FACILITIES");
		assertThatThrownBy(() -> listen(Map.of("tls.enabled", "true")))
			.hasMessageContaining("NORTHSTAR_HL7_TLS_KEY_STORE is not set");
	}

	/** Retries while the listener has not yet seen the closed connection end. */
	private static String sendWhenAccepted(int port, Adt message) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (true) {
			try (Socket socket = new Socket("localhost", port)) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(MllpClient.frame(message.build()));
				String ack = MllpClient.readFrame(socket.getInputStream());
				if (ack != null || System.nanoTime() > deadline) {
					return ack;
				}
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Not accepted again within 10 s", ex);
				}
			}
			Thread.sleep(100);
		}
	}

	private MllpListener listen(Map<String, String> overrides) {
		Hl7Properties settings = settings(overrides);
		MllpListener listener = new MllpListener(new Hl7Inbox(this.jdbc, this.template, this.transactions,
				this.application, settings, this.patients, this.events, this.clock, DatabaseKind.REAL, this.foreground),
				settings);
		listener.start();
		this.started.add(listener);
		return listener;
	}

	/** The listener's settings as Spring binds them: the defaults, and these. */
	static Hl7Properties settings(Map<String, String> overrides) {
		Map<String, String> properties = new HashMap<>();
		properties.put("northstar.hl7.port", "0");
		overrides.forEach((name, value) -> properties.put("northstar.hl7." + name, value));
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("northstar.hl7",
				Hl7Properties.class);
	}

	private long count(String sender) {
		return this.jdbc.sql("select count(*) from hl7_message where sender = ?")
			.param(sender)
			.query(Long.class)
			.single();
	}

	private static InputStream input(Socket socket) {
		try {
			socket.setSoTimeout(20_000);
			return socket.getInputStream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Everything the server sends until it closes the connection (a reset counts). */
	static byte[] readToEnd(InputStream in) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server kept the connection open", ex);
		}
		catch (IOException ex) {
			// reset by the server: closed
		}
		return bytes.toByteArray();
	}

}
