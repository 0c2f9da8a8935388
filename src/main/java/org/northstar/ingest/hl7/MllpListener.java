package org.northstar.ingest.hl7;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

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
 * The port is meant for one hospital's interface engine, and everything else that reaches
 * it is kept from costing more than a moment: it listens on the loopback unless told
 * otherwise; a connection from an address not on the list is closed at once; more
 * connections than the cap are closed at once; a message larger than the limit is
 * answered AR and its connection closed without reading the rest; a message must arrive
 * whole within the message timeout of its start block, and a new connection must start
 * one within it too (and finish its TLS handshake), so a slow or silent client holds a
 * thread for no longer; a client that does not read its ACK is cut off after the same
 * time. Only a connection that has sent a message may then wait the longer idle timeout
 * for the next.
 *
 * <p>
 * A frame that cannot be read (truncated, no start block, or too slow) closes the
 * connection without an ACK: there is no message to answer, and the sender resends on a
 * new connection.
 */
public class MllpListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

	/** How much a sender of a too-large message may still send while its AR goes out. */
	private static final int DISCARD_BYTES = 64 * 1024;

	/**
	 * Connections the primer applies its made-up visits on: each warms its own database
	 * session (cached plans, server-side prepared statements) as well as the code.
	 */
	private static final int PRIMER_THREADS = 4;

	private static final Duration DISCARD_TIME = Duration.ofSeconds(1);

	private final Hl7Inbox inbox;

	private final Hl7Properties properties;

	private final AllowedAddresses allowedAddresses;

	private final MllpTls tls;

	private final int maxMessage;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connectionNumber = new AtomicInteger();

	private volatile ServerSocket serverSocket;

	private volatile ExecutorService workers;

	private volatile ScheduledExecutorService watchdog;

	private volatile Semaphore permits;

	/**
	 * @throws IllegalArgumentException or {@link IllegalStateException} naming the
	 * setting that is wrong, so that {@code serve} refuses to start rather than listen
	 * more openly than configured
	 */
	MllpListener(Hl7Inbox inbox, Hl7Properties properties) {
		this.inbox = inbox;
		this.properties = properties;
		this.allowedAddresses = AllowedAddresses.of(properties.allowedAddresses());
		this.tls = properties.tls().enabled() ? MllpTls.of(properties.tls()) : null;
		long max = properties.maxMessage().toBytes();
		if (max < 1 || max > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"NORTHSTAR_HL7_MAX_MESSAGE must be between 1 byte and 2 GB, not " + properties.maxMessage());
		}
		this.maxMessage = (int) max;
	}

	/** The port the listener is bound to, once started: how tests find a random port. */
	public int port() {
		return running().getLocalPort();
	}

	/** The address the listener is bound to, once started: the loopback by default. */
	public InetAddress address() {
		return running().getInetAddress();
	}

	/** Whether the listener speaks MLLP over TLS. */
	public boolean tls() {
		return this.tls != null;
	}

	private ServerSocket running() {
		ServerSocket socket = this.serverSocket;
		if (socket == null) {
			throw new IllegalStateException("The HL7 listener is not running");
		}
		return socket;
	}

	@Override
	public void start() {
		prime();
		String where = this.properties.bind() + ":" + this.properties.port();
		try {
			InetAddress address = InetAddress.getByName(this.properties.bind());
			ServerSocket socket = (this.tls != null) ? this.tls.serverSocket() : new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(address, this.properties.port()), 100);
			this.serverSocket = socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen for HL7 on " + where
					+ " (set NORTHSTAR_HL7_BIND and NORTHSTAR_HL7_PORT, or NORTHSTAR_HL7_ENABLED=false): "
					+ ex.getMessage(), ex);
		}
		this.permits = new Semaphore(this.properties.maxConnections());
		this.workers = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "hl7-mllp-" + this.connectionNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "hl7-mllp-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		Thread acceptor = new Thread(this::accept, "hl7-mllp-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		log.info("Listening for HL7 v2 (MLLP) on {}:{}, {}, from {}", address().getHostAddress(), port(),
				this.tls != null ? this.tls.describe() : "plain TCP", this.allowedAddresses);
	}

	/** A primer that fails costs only speed: the port opens anyway. */
	private void prime() {
		if (this.properties.primer().isZero()) {
			return;
		}
		long start = System.nanoTime();
		try {
			int read = this.inbox.prime(this.properties.primer(), PRIMER_THREADS);
			log.info("Read {} made-up HL7 messages in {} ms before opening the port, so the first real ones find"
					+ " the reading compiled", read, (System.nanoTime() - start) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("Could not prime the HL7 reading; the first messages will be slower", ex);
		}
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
			if (!this.allowedAddresses.allows(connection.getInetAddress())) {
				log.warn("Refusing HL7 connection from {}: not in NORTHSTAR_HL7_ALLOWED_ADDRESSES",
						connection.getRemoteSocketAddress());
				closeQuietly(connection);
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
		Duration messageTimeout = this.properties.messageTimeout();
		// Until it has sent a message, a connection may wait only as long as a message
		// may
		// take: a client that connects and says nothing is not an interface engine.
		Duration wait = messageTimeout;
		try {
			connection.setTcpNoDelay(true);
			if (connection instanceof SSLSocket secure) {
				handshake(secure, messageTimeout);
			}
			MllpReader reader = new MllpReader(connection, this.maxMessage);
			OutputStream out = connection.getOutputStream();
			while (true) {
				MllpReader.Frame frame = reader.next(wait, messageTimeout);
				if (frame == null) {
					return;
				}
				Charset charset = MessageCharset.of(frame.content(), this.properties.charset());
				String message = MessageCharset.decode(frame.content(), charset);
				if (frame.tooLarge()) {
					refuseTooLarge(connection, reader, out, message, charset);
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
				write(connection, out, ack, charset);
				wait = this.properties.idleTimeout();
			}
		}
		catch (MllpReader.Idle ex) {
			log.debug("HL7 connection from {} sent {}; closing it", connection.getRemoteSocketAddress(),
					ex.getMessage());
		}
		catch (MllpReader.TooSlow ex) {
			log.warn("HL7 connection from {}: {} (NORTHSTAR_HL7_MESSAGE_TIMEOUT); closing it without an ACK",
					connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (MllpReader.Broken ex) {
			log.warn("HL7 connection from {} sent an unreadable MLLP frame ({}); closing it",
					connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (SSLException ex) {
			log.warn("HL7 connection from {} failed TLS: {}", connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (SocketException ex) {
			log.debug("HL7 connection from {} closed: {}", connection.getRemoteSocketAddress(), ex.getMessage());
		}
		catch (IOException ex) {
			log.info("HL7 connection from {} ended: {}", connection.getRemoteSocketAddress(), ex.getMessage());
		}
	}

	private void handshake(SSLSocket connection, Duration timeout) throws IOException {
		connection.setSoTimeout((int) timeout.toMillis());
		ScheduledFuture<?> guard = cutOffAfter(connection, timeout, "did not finish its TLS handshake");
		try {
			connection.startHandshake();
		}
		finally {
			guard.cancel(false);
		}
		try {
			log.info("HL7 connection from {} over TLS as {}", connection.getRemoteSocketAddress(),
					connection.getSession().getPeerPrincipal().getName());
		}
		catch (SSLPeerUnverifiedException ex) {
			log.info("HL7 connection from {} over TLS without a client certificate",
					connection.getRemoteSocketAddress());
		}
	}

	/**
	 * Answers AR from what was read of the message, so the sender's engine shows why, and
	 * closes the connection: reading on would mean taking in whatever the sender chose to
	 * send.
	 */
	private void refuseTooLarge(Socket connection, MllpReader reader, OutputStream out, String head, Charset charset)
			throws IOException {
		Header header = Header.read(head);
		String limit = describe(this.maxMessage);
		log.warn(
				"HL7 message {} from {} ({}) is larger than {} (NORTHSTAR_HL7_MAX_MESSAGE); answered AR, not stored,"
						+ " connection closed",
				header.controlId(), header.sender(), connection.getRemoteSocketAddress(), limit);
		write(connection, out, Acks.reject(header, new Hl7Error(207, null, "message is larger than the " + limit
				+ " this Northstar accepts (NORTHSTAR_HL7_MAX_MESSAGE); it was neither read to its end nor stored")),
				charset);
		try {
			connection.shutdownOutput();
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the AR is out; the close below ends the connection either way
		}
		reader.discard(DISCARD_BYTES, DISCARD_TIME);
	}

	/**
	 * Writes one framed ACK; a client that does not read it within the message timeout is
	 * cut off, since a blocked write would otherwise hold the thread for ever.
	 */
	private void write(Socket connection, OutputStream out, String ack, Charset charset) throws IOException {
		byte[] body = ack.getBytes(charset);
		byte[] frame = new byte[body.length + 3];
		frame[0] = MllpReader.START;
		System.arraycopy(body, 0, frame, 1, body.length);
		frame[body.length + 1] = MllpReader.END;
		frame[body.length + 2] = MllpReader.CARRIAGE_RETURN;
		ScheduledFuture<?> guard = cutOffAfter(connection, this.properties.messageTimeout(), "did not read its ACK");
		try {
			out.write(frame);
			out.flush();
		}
		finally {
			guard.cancel(false);
		}
	}

	private ScheduledFuture<?> cutOffAfter(Socket connection, Duration timeout, String what) {
		return this.watchdog.schedule(() -> {
			log.warn("HL7 connection from {} {} within {} (NORTHSTAR_HL7_MESSAGE_TIMEOUT); closing it",
					connection.getRemoteSocketAddress(), what, MllpReader.describe(timeout));
			closeQuietly(connection);
		}, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** {@code 4 MB}, {@code 64 KB}, {@code 1000 bytes}. */
	static String describe(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		if (bytes % 1024 == 0) {
			return bytes / 1024 + " KB";
		}
		return bytes + " bytes";
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
			catch (IOException | UnsupportedOperationException ex) {
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
		this.watchdog.shutdownNow();
		this.serverSocket = null;
		log.info("HL7 listener stopped");
	}

	@Override
	public boolean isRunning() {
		return this.serverSocket != null;
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing is best effort; the peer sees the connection end either way
		}
	}

}
