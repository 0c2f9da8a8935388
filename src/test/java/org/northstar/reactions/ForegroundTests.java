package org.northstar.reactions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactions and other background work give way to work someone waits for, but never for
 * longer than allowed.
 */
class ForegroundTests {

	private final Foreground foreground = new Foreground();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aReactionStartsAtOnceWhenNothingIsRunning() throws Exception {
		long started = System.nanoTime();

		assertThat(this.foreground.awaitQuiet(Duration.ofSeconds(10))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void aReactionWaitsUntilTheLastRunningWorkHasEnded() throws Exception {
		Work first = new Work();
		Work second = new Work();

		CompletableFuture<Boolean> reaction = CompletableFuture.supplyAsync(this::awaitQuietForTenSeconds,
				this.threads);
		first.end();
		Thread.sleep(100);
		assertThat(reaction).as("one of two is still running").isNotDone();

		second.end();
		assertThat(reaction.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aReactionStartsAnywayOnceItHasWaitedLongEnough() throws Exception {
		Work work = new Work();
		long started = System.nanoTime();

		boolean quiet = this.foreground.awaitQuiet(Duration.ofMillis(50));

		assertThat(quiet).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		work.end();
	}

	@Test
	void aQueuedReactionRunsOnceTheWorkHasEnded() throws Exception {
		Work work = new Work();
		CountDownLatch ran = new CountDownLatch(1);

		this.threads.execute(this.foreground.givingWay(ran::countDown, Duration.ofSeconds(10), Duration.ofHours(1)));
		assertThat(ran.await(100, TimeUnit.MILLISECONDS)).as("ran while the work was running").isFalse();
		work.end();

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aReactionQueuedLongEnoughGivesWayNoLonger() throws Exception {
		Work work = new Work();
		CountDownLatch ran = new CountDownLatch(1);

		this.threads.execute(this.foreground.givingWay(ran::countDown, Duration.ofSeconds(10), Duration.ZERO));

		assertThat(ran.await(5, TimeUnit.SECONDS)).as("ran while the work was still running").isTrue();
		work.end();
	}

	@Test
	void workThatFailsStillEnds() throws Exception {
		try {
			this.foreground.run(() -> {
				throw new IllegalStateException("the database is down");
			});
		}
		catch (IllegalStateException expected) {
			// the sender gets no ACK and sends again
		}

		assertThat(this.foreground.awaitQuiet(Duration.ZERO)).isTrue();
	}

	@Test
	void backgroundWorkWaitsUntilNothingHasRunForAWhile() throws Exception {
		Work work = new Work();

		CompletableFuture<Boolean> background = CompletableFuture
			.supplyAsync(() -> awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(10)), this.threads);
		Thread.sleep(100);
		assertThat(background).as("the work is still running").isNotDone();
		work.end();
		long ended = System.nanoTime();

		assertThat(background.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - ended)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void backgroundWorkCountsTheQuietFromWhenItAsks() throws Exception {
		new Work().end();
		Thread.sleep(300);
		long asked = System.nanoTime();

		assertThat(awaitIdle(Duration.ofMillis(200), Duration.ofSeconds(10))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void backgroundWorkStartsAnywayOnceItsPatienceIsSpent() throws Exception {
		Work work = new Work();
		long asked = System.nanoTime();

		assertThat(awaitIdle(Duration.ofSeconds(10), Duration.ofMillis(200))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - asked)).isBetween(Duration.ofMillis(200),
				Duration.ofSeconds(5));
		work.end();
	}

	/** Work someone waits for, running on a thread of its own until {@link #end}. */
	private final class Work {

		private final CountDownLatch finish = new CountDownLatch(1);

		private final CompletableFuture<Void> done;

		Work() throws InterruptedException {
			CountDownLatch inside = new CountDownLatch(1);
			this.done = CompletableFuture.runAsync(() -> ForegroundTests.this.foreground.run(() -> {
				inside.countDown();
				try {
					return this.finish.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}), ForegroundTests.this.threads);
			inside.await(10, TimeUnit.SECONDS);
		}

		void end() throws Exception {
			this.finish.countDown();
			this.done.get(10, TimeUnit.SECONDS);
		}

	}

	private boolean awaitQuietForTenSeconds() {
		try {
			return this.foreground.awaitQuiet(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean awaitIdle(Duration idle, Duration patience) {
		try {
			return this.foreground.awaitIdle(idle, patience);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
