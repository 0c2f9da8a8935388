package org.northstar.ingest.hl7;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MLLP framing on a real loopback connection, without the application. */
class MllpReaderTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private ServerSocket server;

	private Socket sender;

	private Socket receiver;

	@BeforeEach
	void connect() throws Exception {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.sender = new Socket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		this.receiver = this.server.accept();
	}

	@AfterEach
	void close() throws Exception {
		this.sender.close();
		this.receiver.close();
		this.server.close();
	}

	@Test
	void readsFramesSentTogetherOneByOne() throws Exception {
		send("\u000bMSH|one\r\u001c\r\u000bMSH|two\r\u001c\r");
		MllpReader reader = new MllpReader(this.receiver, 1024);

		assertThat(text(reader.next(WAIT, WAIT))).isEqualTo("MSH|one\r");
		assertThat(text(reader.next(WAIT, WAIT))).isEqualTo("MSH|two\r");
		this.sender.shutdownOutput();
		assertThat(reader.next(WAIT, WAIT)).as("closed between messages").isNull();
	}

	@Test
	void readsAFrameSplitAcrossManyWrites() throws Exception {
		MllpReader reader = new MllpReader(this.receiver, 1024);
		Thread writer = new Thread(() -> {
			try {
				for (String part : new String[] { "\u000b", "MSH|", "split", "\r\u001c", "\r" }) {
					send(part);
					Thread.sleep(20);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();

		assertThat(text(reader.next(WAIT, WAIT))).isEqualTo("MSH|split\r");
		writer.join();
	}

	@Test
	void stopsReadingAtTheLimitAndKeepsTheStartForTheAr() throws Exception {
		send("\u000bMSH|^~\\&|EPIC|GENHOSP|||||ADT^A01|BIG-1|P|2.5\r" + "x".repeat(5000));
		MllpReader reader = new MllpReader(this.receiver, 100);

		MllpReader.Frame frame = reader.next(WAIT, WAIT);

		assertThat(frame.tooLarge()).isTrue();
		assertThat(frame.content()).hasSize(100);
		assertThat(Header.read(text(frame)).controlId()).isEqualTo("BIG-1");
	}

	@Test
	void refusesBytesThatAreNotAFrame() throws Exception {
		send("MSH|no start block\r\u001c\r");
		assertThatThrownBy(() -> new MllpReader(this.receiver, 1024).next(WAIT, WAIT))
			.isInstanceOf(MllpReader.Broken.class)
			.hasMessageContaining("must start with 0x0B, not 0x4D");
	}

	@Test
	void refusesAnEndBlockWithoutItsCarriageReturn() throws Exception {
		send("\u000bMSH|x\r\u001c\n");
		assertThatThrownBy(() -> new MllpReader(this.receiver, 1024).next(WAIT, WAIT))
			.isInstanceOf(MllpReader.Broken.class)
			.hasMessageContaining("0x1C must be followed by 0x0D, not 0x0A");
	}

	@Test
	void refusesAFrameCutOffByTheSender() throws Exception {
		send("\u000bMSH|half");
		this.sender.shutdownOutput();
		assertThatThrownBy(() -> new MllpReader(this.receiver, 1024).next(WAIT, WAIT))
			.isInstanceOf(MllpReader.Broken.class)
			.hasMessageContaining("closed in the middle of a message, after 8 bytes");
	}

	@Test
	void givesUpOnAMessageThatDoesNotArriveWholeInTime() throws Exception {
		send("\u000bMSH|slow");
		MllpReader reader = new MllpReader(this.receiver, 1024);
		long start = System.nanoTime();

		assertThatThrownBy(() -> reader.next(WAIT, Duration.ofMillis(300))).isInstanceOf(MllpReader.TooSlow.class)
			.hasMessageContaining("longer than 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
				Duration.ofSeconds(2));
	}

	@Test
	void givesUpWaitingForAMessageToStart() throws Exception {
		MllpReader reader = new MllpReader(this.receiver, 1024);

		assertThatThrownBy(() -> reader.next(Duration.ofMillis(200), WAIT)).isInstanceOf(MllpReader.Idle.class);
	}

	@Test
	void readsTheCharacterSetMsh18NamesAndFallsBackOnTheConfiguredOne() {
		byte[] latin1 = "MSH|^~\\&|EPIC|GENHOSP|||||ADT^A08|C1|P|2.5||||||8859/1\rPID|1||1||Müller^Zoë\r"
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] unnamed = "MSH|^~\\&|EPIC|GENHOSP|||||ADT^A08|C2|P|2.5\rPID|1||1||Müller^Zoë\r"
			.getBytes(StandardCharsets.UTF_8);
		byte[] unknown = "MSH|^~\\&|EPIC|GENHOSP|||||ADT^A08|C3|P|2.5||||||KLINGON~8859/1\r"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(MessageCharset.of(latin1, StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(MessageCharset.decode(latin1, MessageCharset.of(latin1, StandardCharsets.UTF_8)))
			.contains("Müller^Zoë");
		assertThat(MessageCharset.of(unnamed, StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.UTF_8);
		assertThat(MessageCharset.of(unnamed, Charset.forName("windows-1252")))
			.isEqualTo(Charset.forName("windows-1252"));
		assertThat(MessageCharset.of(unknown, StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.UTF_8);
	}

	private void send(String text) throws Exception {
		OutputStream out = this.sender.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String text(MllpReader.Frame frame) {
		return new String(frame.content(), StandardCharsets.UTF_8);
	}

}
