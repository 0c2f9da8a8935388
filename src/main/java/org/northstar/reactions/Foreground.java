package org.northstar.reactions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Work someone is waiting for, which reactions give way to: an HL7 message whose sender
 * waits for its ACK. A reaction about to start waits while such work is running, up to
 * {@code northstar.reactions.give-way} (250 ms), then runs anyway.
 *
 * <p>
 * A feed that leaves the server idle between messages, as a hospital's does, delays no
 * reaction: each starts in the next gap. A burst that keeps both cores busy (a backlog
 * sent again after an interface engine was down) is applied first, and its reactions
 * follow it: the sender's queue drains sooner, and the records are current sooner, which
 * is what the reactions read. Meanwhile a few reactions a second still run, and those
 * that do not fit in the queue wait in the event publication registry, as any would. A
 * reaction that has been queued for 30 seconds gives way no longer: a feed busy for that
 * long is a load to share, not a burst to let through, and its reactions must keep up.
 *
 * <p>
 * Background work that cannot stop halfway once begun, such as building the FHIR
 * validator, waits instead until nothing has run for a while ({@link #awaitIdle}).
 */
@Component
public class Foreground {

	private final AtomicInteger running = new AtomicInteger();

	/** When work someone waits for last ended ({@link System#nanoTime}). */
	private volatile long lastEnded = System.nanoTime();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition quiet = this.lock.newCondition();

	/** Runs work someone is waiting for. */
	public <T> T run(Supplier<T> work) {
		this.running.incrementAndGet();
		try {
			return work.get();
		}
		finally {
			this.lastEnded = System.nanoTime();
			if (this.running.decrementAndGet() == 0) {
				this.lock.lock();
				try {
					this.quiet.signalAll();
				}
				finally {
					this.lock.unlock();
				}
			}
		}
	}

	/**
	 * The reaction, giving way when it starts: it waits while work someone waits for is
	 * running, up to {@code limit}, unless it has waited {@code patience} already since
	 * it was queued. It waits before its transaction begins, so a waiting reaction holds
	 * no connection.
	 */
	Runnable givingWay(Runnable reaction, Duration limit, Duration patience) {
		long queued = System.nanoTime();
		return () -> {
			if (System.nanoTime() - queued < patience.toNanos()) {
				try {
					awaitQuiet(limit);
				}
				catch (InterruptedException ex) {
					// Shutting down: the publication runs again when the server starts.
					Thread.currentThread().interrupt();
					return;
				}
			}
			reaction.run();
		};
	}

	/**
	 * Waits until no work someone waits for is running, or for {@code limit} at most.
	 * @return whether it is quiet now
	 */
	boolean awaitQuiet(Duration limit) throws InterruptedException {
		if (this.running.get() == 0) {
			return true;
		}
		long left = limit.toNanos();
		this.lock.lock();
		try {
			while (this.running.get() > 0 && left > 0) {
				left = this.quiet.awaitNanos(left);
			}
			return this.running.get() == 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until no work someone waits for has run for {@code idle}, counted from this
	 * call at the earliest, or for {@code patience} at most: for background work that
	 * takes seconds and cannot give way once it has begun.
	 * @return whether it is idle now
	 */
	public boolean awaitIdle(Duration idle, Duration patience) throws InterruptedException {
		long called = System.nanoTime();
		long giveUp = called + patience.toNanos();
		while (awaitQuiet(Duration.ofNanos(Math.max(giveUp - System.nanoTime(), 0)))) {
			long lastEnded = this.lastEnded;
			long quietSince = (lastEnded - called > 0) ? lastEnded : called;
			long now = System.nanoTime();
			long stillToWait = quietSince + idle.toNanos() - now;
			if (stillToWait <= 0) {
				return true;
			}
			if (giveUp - now <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(stillToWait, giveUp - now));
		}
		return false;
	}

}
