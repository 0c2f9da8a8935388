package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.hl7v2.llp.HL7Reader;
import ca.uhn.hl7v2.llp.HL7Writer;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Accepts MLLP connections and answers each message with its ACK, one message at a time
 * per connection, as MLLP's original mode requires. A thread per connection: the work is
 * a database transaction, so threads mostly wait, and interface engines keep a few
 * long-lived connections.
 *
 * <p>
 * Framing is HAPI's ({@link MinLowerLayerProtocol}). A frame that cannot be read
 * (truncated, no start block) closes the connection without an ACK: there is no message
 * to answer, and the sender resends on a new connection.
 */
public class MllpListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

	/** A connection that sends nothing for this long is closed; senders reconnect. */
	private static final int IDLE_TIMEOUT_MILLIS = (int) TimeUnit.MINUTES.toMillis(10);

	private final Hl7Inbox inbox;

	private final Hl7Properties properties;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connectionNumber = new AtomicInteger();

	private volatile ServerSocket serverSocket;

	private volatile ExecutorService workers;

	private volatile Semaphore permits;

	MllpListener(Hl7Inbox inbox, Hl7Properties properties) {
		this.inbox = inbox;
		this.properties = properties;
	}

	/** The port the listener is bound to, once started: how tests find a random port. */
	public int port() {
		ServerSocket socket = this.serverSocket;
		if (socket == null) {
			throw new IllegalStateException("The HL7 listener is not running");
		}
		return socket.getLocalPort();
	}

	@Override
	public void start() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(this.properties.port()), 100);
			this.serverSocket = socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen for HL7 on port " + this.properties.port()
					+ " (set NORTHSTAR_HL7_PORT, or NORTHSTAR_HL7_ENABLED=false): " + ex.getMessage(), ex);
		}
		this.permits = new Semaphore(this.properties.maxConnections());
		this.workers = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "hl7-mllp-" + this.connectionNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		Thread acceptor = new Thread(this::accept, "hl7-mllp-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		log.info("Listening for HL7 v2 (MLLP) on port {}", port());
	}

	private void accept() {
		ServerSocket socket = this.serverSocket;
		while (!socket.isClosed()) {
			Socket connection;
			try {
				connection = socket.accept();
			}
			catch (IOException ex) {
				if (!socket.isClosed()) {
					log.warn("HL7 listener could not accept a connection", ex);
				}
				continue;
			}
			if (!this.permits.tryAcquire()) {
				log.warn("Refusing HL7 connection from {}: {} connections already open",
						connection.getRemoteSocketAddress(), this.properties.maxConnections());
				closeQuietly(connection);
				continue;
			}
			this.connections.add(connection);
			this.workers.execute(() -> {
				try {
					serve(connection);
				}
				finally {
					this.connections.remove(connection);
					this.permits.release();
					closeQuietly(connection);
				}
			});
		}
	}

	private void serve(Socket connection) {
		try {
			connection.setTcpNoDelay(true);
			connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
			// MSH-18 decides when present; otherwise the configured charset, not HAPI's
			// US-ASCII, which would turn every accented name into question marks.
			MinLowerLayerProtocol mllp = new MinLowerLayerProtocol(true);
			mllp.setCharset(this.properties.charset());
			HL7Reader reader = mllp.getReader(connection.getInputStream());
			HL7Writer writer = mllp.getWriter(connection.getOutputStream());
			while (true) {
				String message = reader.getMessage();
				if (message == null) {
					return;
				}
				String ack;
				try {
					ack = this.inbox.receive(message);
				}
				catch (RuntimeException ex) {
					// Not stored, so not acknowledged: closing tells the sender to
					// resend.
					log.error("HL7 message from {} could not be stored; closing the connection without an ACK",
							connection.getRemoteSocketAddress(), ex);
					return;
				}
				writer.writeMessage(ack);
			}
		}
		catch (LLPException ex) {
			log.warn("HL7 connection from {} sent an unreadable MLLP frame ({}); closing it",
					connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (SocketException ex) {
			log.debug("HL7 connection from {} closed: {}", connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (IOException ex) {
			log.info("HL7 connection from {} ended: {}", connection.getRemoteSocketAddress(), ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ServerSocket socket = this.serverSocket;
		if (socket == null) {
			return;
		}
		closeQuietly(socket);
		// Read no more, but let a message being applied commit and get its ACK out.
		this.connections.forEach(connection -> {
			try {
				connection.shutdownInput();
			}
			catch (IOException ex) {
				closeQuietly(connection);
			}
		});
		this.workers.shutdown();
		try {
			this.workers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.connections.forEach(MllpListener::closeQuietly);
		this.serverSocket = null;
		log.info("HL7 listener stopped");
	}

	@Override
	public boolean isRunning() {
		return this.serverSocket != null;
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing is best effort; the peer sees the connection end either way
		}
	}

}
