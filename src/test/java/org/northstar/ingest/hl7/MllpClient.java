package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.ActiveConnection;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * A sending system: HAPI's own MLLP client ({@link ActiveConnection}, {@code Initiator})
 * for well-formed messages, and a bare socket for what HAPI's client would refuse to send
 * (broken frames, trickled bytes).
 */
public final class MllpClient implements AutoCloseable {

	static final byte START = 0x0b;

	static final byte[] END = { 0x1c, 0x0d };

	private final HapiContext context;

	private final Connection connection;

	/** Its own threads: HAPI's default executor is shared by every context in the JVM. */
	private final ExecutorService executor = Executors.newCachedThreadPool();

	public MllpClient(int port) {
		// Generic messages: what is sent is what the test wrote, whatever its version.
		this.context = new DefaultHapiContext(new GenericModelClassFactory());
		this.context.setValidationContext(ValidationContextFactory.noValidation());
		this.context.setExecutorService(this.executor);
		try {
			// A connection of its own: the context's ConnectionHub would share one socket
			// between clients, and closing one client would cut off the others.
			ActiveConnection connection = new ActiveConnection(this.context.getPipeParser(),
					new MinLowerLayerProtocol(), new Socket("localhost", port), this.context.getExecutorService());
			connection.activate();
			this.connection = connection;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot connect to the HL7 listener on port " + port, ex);
		}
		this.connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
	}

	/** Sends one message and returns the ACK, in ER7 with segments ending in CR. */
	public String send(String message) {
		try {
			Message parsed = this.context.getPipeParser().parse(message);
			Message ack = this.connection.getInitiator().sendAndReceive(parsed);
			return ack.encode();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Sending failed: " + ex, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.executor.shutdownNow();
		}
	}

	/** Sends bytes as they are on a new socket and reads one framed reply. */
	static String sendRaw(int port, byte[] bytes) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(60_000);
			socket.getOutputStream().write(bytes);
			socket.getOutputStream().flush();
			return readFrame(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] frame(String message) {
		byte[] body = message.getBytes(StandardCharsets.UTF_8);
		byte[] framed = new byte[body.length + 3];
		framed[0] = START;
		System.arraycopy(body, 0, framed, 1, body.length);
		framed[body.length + 1] = END[0];
		framed[body.length + 2] = END[1];
		return framed;
	}

	/** One MLLP frame's content, or {@code null} when the server closed first. */
	static String readFrame(InputStream in) throws IOException {
		int b = in.read();
		if (b == -1) {
			return null;
		}
		if (b != START) {
			throw new IOException("Reply does not start with <VT>: " + b);
		}
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		while ((b = in.read()) != -1) {
			if (b == END[0]) {
				in.read();
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(b);
		}
		return null;
	}

	static void write(OutputStream out, byte[] bytes) throws IOException {
		out.write(bytes);
		out.flush();
	}

}
