package org.northstar.reactions;

import java.util.Queue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Whether the reactions' queue turned any away, and whether it has room again: the link
 * between the executor, which turns reactions away when full, and {@link Reactions},
 * which runs them once the queue has emptied.
 */
@Component
class ReactionBacklog {

	private final AtomicBoolean behind = new AtomicBoolean();

	private volatile Queue<Runnable> queue;

	void watch(ThreadPoolExecutor pool) {
		this.queue = pool.getQueue();
	}

	/** A reaction was turned away: it stays published, not queued. */
	void turnedAway() {
		this.behind.set(true);
	}

	/**
	 * Whether it is time to run what was turned away: something was, and the queue is
	 * empty now, so nothing still marked published is waiting in it. Says yes once per
	 * turn-away; {@link #turnedAway} again when only part of it could be run.
	 */
	boolean takeCatchUp() {
		Queue<Runnable> watched = this.queue;
		return watched != null && watched.isEmpty() && this.behind.compareAndSet(true, false);
	}

}
