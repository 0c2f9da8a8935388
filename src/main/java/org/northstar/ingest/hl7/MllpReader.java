package org.northstar.ingest.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Reads MLLP frames ({@code <VT>} message {@code <FS><CR>}) off a connection, bounded in
 * size and in time, so that no sender can make the listener hold more than one message's
 * worth of memory or wait without end.
 *
 * <p>
 * Our own rather than HAPI's reader, which keeps reading a frame however large it grows,
 * knows only the socket's per-read timeout (a byte every few minutes keeps it waiting for
 * ever), and hands on whatever it had read as a message when that timeout fires
 * mid-frame.
 */
final class MllpReader {

	static final int START = 0x0b;

	static final int END = 0x1c;

	static final int CARRIAGE_RETURN = 0x0d;

	private final Socket socket;

	private final InputStream in;

	private final int maxMessage;

	private final byte[] buffer = new byte[16 * 1024];

	private int position;

	private int limit;

	MllpReader(Socket socket, int maxMessage) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.maxMessage = maxMessage;
	}

	/**
	 * A frame's content; when {@code tooLarge}, only its first {@code maxMessage} bytes,
	 * and the rest was not read.
	 */
	record Frame(byte[] content, boolean tooLarge) {
	}

	/**
	 * Waits up to {@code wait} for the next message to start, then up to
	 * {@code messageTimeout} from its start block for all of it.
	 * @return the frame, or {@code null} when the sender closed the connection between
	 * messages
	 * @throws Idle when no message started within {@code wait}
	 * @throws TooSlow when the message did not arrive whole within {@code messageTimeout}
	 * @throws Broken when the bytes are not an MLLP frame
	 */
	Frame next(Duration wait, Duration messageTimeout) throws IOException {
		if (this.position == this.limit) {
			this.socket.setSoTimeout(millis(wait));
			try {
				if (!fill()) {
					return null;
				}
			}
			catch (SocketTimeoutException ex) {
				throw new Idle(wait);
			}
		}
		long deadline = System.nanoTime() + messageTimeout.toNanos();
		int first = this.buffer[this.position++] & 0xff;
		if (first != START) {
			throw new Broken("a message must start with 0x0B, not 0x%02X".formatted(first));
		}
		ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
		while (true) {
			if (this.position == this.limit && !fill(deadline, messageTimeout)) {
				throw new Broken(
						"the connection was closed in the middle of a message, after " + content.size() + " bytes");
			}
			int end = indexOfEnd();
			int stop = end < 0 ? this.limit : end;
			int length = stop - this.position;
			if (content.size() + length > this.maxMessage) {
				content.write(this.buffer, this.position, this.maxMessage - content.size());
				return new Frame(content.toByteArray(), true);
			}
			content.write(this.buffer, this.position, length);
			this.position = stop;
			if (end >= 0) {
				this.position++;
				if (this.position == this.limit && !fill(deadline, messageTimeout)) {
					throw new Broken("the connection was closed between 0x1C and 0x0D");
				}
				int next = this.buffer[this.position++] & 0xff;
				if (next != CARRIAGE_RETURN) {
					throw new Broken("0x1C must be followed by 0x0D, not 0x%02X".formatted(next));
				}
				return new Frame(content.toByteArray(), false);
			}
		}
	}

	private int indexOfEnd() {
		for (int i = this.position; i < this.limit; i++) {
			if (this.buffer[i] == END) {
				return i;
			}
		}
		return -1;
	}

	/** Reads what the deadline leaves time for; every read gets only the time left. */
	private boolean fill(long deadline, Duration messageTimeout) throws IOException {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new TooSlow(messageTimeout);
		}
		this.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
		try {
			return fill();
		}
		catch (SocketTimeoutException ex) {
			throw new TooSlow(messageTimeout);
		}
	}

	private boolean fill() throws IOException {
		int read = this.in.read(this.buffer);
		if (read < 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	/**
	 * Reads and drops up to {@code bytes} of what the sender is still sending, for at
	 * most {@code time}: closing a socket with unread data resets the connection, and a
	 * reset can make the sender's system discard the ACK it has not read yet.
	 */
	void discard(int bytes, Duration time) {
		long deadline = System.nanoTime() + time.toNanos();
		int dropped = this.limit - this.position;
		this.position = this.limit;
		try {
			while (dropped < bytes) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				this.socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
				int read = this.in.read(this.buffer);
				if (read < 0) {
					return;
				}
				dropped += read;
			}
		}
		catch (IOException ex) {
			// the sender is gone or slow; either way there is nothing more to wait for
		}
	}

	/** {@code 30 s}, {@code 10 min}, {@code 500 ms}. */
	static String describe(Duration duration) {
		if (duration.toMillis() % 60_000 == 0 && duration.toMinutes() > 0) {
			return duration.toMinutes() + " min";
		}
		if (duration.toMillis() % 1000 == 0) {
			return duration.toSeconds() + " s";
		}
		return duration.toMillis() + " ms";
	}

	private static int millis(Duration duration) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
	}

	/** No message started in time. */
	static final class Idle extends IOException {

		Idle(Duration wait) {
			super("no message within " + describe(wait));
		}

	}

	/** A message started but did not arrive whole in time. */
	static final class TooSlow extends IOException {

		TooSlow(Duration messageTimeout) {
			super("a message took longer than " + describe(messageTimeout) + " to arrive");
		}

	}

	/** The bytes are not MLLP. */
	static final class Broken extends IOException {

		Broken(String reason) {
			super(reason);
		}

	}

}
