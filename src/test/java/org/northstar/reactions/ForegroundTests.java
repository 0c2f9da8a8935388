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

/** Reactions give way to work someone waits for, but never for longer than allowed. */
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
		CountDownLatch inside = new CountDownLatch(2);
		CountDownLatch finishFirst = new CountDownLatch(1);
		CountDownLatch finishSecond = new CountDownLatch(1);
		CompletableFuture<Void> first = runUntil(inside, finishFirst);
		CompletableFuture<Void> second = runUntil(inside, finishSecond);
		inside.await(10, TimeUnit.SECONDS);

		CompletableFuture<Boolean> reaction = CompletableFuture.supplyAsync(this::awaitQuietForTenSeconds,
				this.threads);
		finishFirst.countDown();
		first.get(10, TimeUnit.SECONDS);
		Thread.sleep(100);
		assertThat(reaction).as("one of two is still running").isNotDone();

		finishSecond.countDown();
		second.get(10, TimeUnit.SECONDS);
		assertThat(reaction.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aReactionStartsAnywayOnceItHasWaitedLongEnough() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Void> work = runUntil(inside, finish);
		inside.await(10, TimeUnit.SECONDS);
		long started = System.nanoTime();

		boolean quiet = this.foreground.awaitQuiet(Duration.ofMillis(50));

		assertThat(quiet).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		finish.countDown();
		work.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aQueuedReactionRunsOnceTheWorkHasEnded() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Void> work = runUntil(inside, finish);
		inside.await(10, TimeUnit.SECONDS);
		CountDownLatch ran = new CountDownLatch(1);
		Runnable reaction = this.foreground.givingWay(ran::countDown, Duration.ofSeconds(10), Duration.ofHours(1));

		this.threads.execute(reaction);
		assertThat(ran.await(100, TimeUnit.MILLISECONDS)).as("ran while the work was running").isFalse();
		finish.countDown();
		work.get(10, TimeUnit.SECONDS);

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aReactionQueuedLongEnoughGivesWayNoLonger() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Void> work = runUntil(inside, finish);
		inside.await(10, TimeUnit.SECONDS);
		CountDownLatch ran = new CountDownLatch(1);
		Runnable reaction = this.foreground.givingWay(ran::countDown, Duration.ofSeconds(10), Duration.ZERO);

		this.threads.execute(reaction);

		assertThat(ran.await(5, TimeUnit.SECONDS)).as("ran while the work was still running").isTrue();
		finish.countDown();
		work.get(10, TimeUnit.SECONDS);
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

	private CompletableFuture<Void> runUntil(CountDownLatch inside, CountDownLatch finish) {
		return CompletableFuture.runAsync(() -> this.foreground.run(() -> {
			inside.countDown();
			try {
				return finish.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}), this.threads);
	}

	private boolean awaitQuietForTenSeconds() {
		try {
			return this.foreground.awaitQuiet(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
