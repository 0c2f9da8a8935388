package org.northstar.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.northstar.ingest.BundleOutcome;
import org.northstar.ingest.BundleRejectedException;
import org.northstar.ingest.ImportListener;

/**
 * The import's progress on standard error: a bar redrawn in place on a terminal, a line
 * every few seconds when the output goes to a file or a pipe.
 */
final class ProgressBar implements ImportListener, AutoCloseable {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private final boolean terminal = System.console() != null;

	private final long startedAt = System.nanoTime();

	private final AtomicInteger files = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicLong resources = new AtomicLong();

	private long lastDrawn = -1;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "progress");
		thread.setDaemon(true);
		return thread;
	});

	ProgressBar(PrintStream out) {
		this.out = out;
		// Redrawn in place on a terminal; elsewhere a line a second at most, and only on
		// change.
		long period = this.terminal ? 200 : 1000;
		this.ticker.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void started(int fileCount) {
		this.files.set(fileCount);
	}

	@Override
	public void resourcesStored(int count) {
		this.resources.addAndGet(count);
	}

	@Override
	public void fileImported(String path, BundleOutcome outcome) {
		this.done.incrementAndGet();
	}

	@Override
	public void fileFailed(BundleRejectedException failure) {
		this.done.incrementAndGet();
		this.failed.incrementAndGet();
		synchronized (this) {
			if (this.terminal) {
				this.out.print("\r\033[K");
			}
			this.out.println("refused: " + failure.getMessage());
		}
	}

	private synchronized void draw() {
		int total = Math.max(1, this.files.get());
		int finished = Math.min(this.done.get(), total);
		long state = this.resources.get() * 31 + this.done.get();
		if (!this.terminal && state == this.lastDrawn) {
			return;
		}
		this.lastDrawn = state;
		double seconds = Math.max(0.001, (System.nanoTime() - this.startedAt) / 1e9);
		long stored = this.resources.get();
		String line = String.format("%d/%d files  %,d resources  %,.0f/s  %d failed", finished, this.files.get(),
				stored, stored / seconds, this.failed.get());
		if (this.terminal) {
			int filled = finished * WIDTH / total;
			this.out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + line + "\033[K");
		}
		else {
			this.out.println(line);
		}
		this.out.flush();
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		draw();
		if (this.terminal) {
			this.out.println();
		}
	}

}
