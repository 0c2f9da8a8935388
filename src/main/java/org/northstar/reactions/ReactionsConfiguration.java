package org.northstar.reactions;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where reactions run: a fixed pool of {@code northstar.reactions.threads} threads with a
 * bounded queue, for every {@code @Async} method, which in Northstar means every
 * {@code @ApplicationModuleListener}. A reaction that throws is recorded by
 * {@link ReactionFailures}. A reaction gives way to an HL7 message being applied
 * ({@link Foreground}) for a moment before it starts.
 *
 * <p>
 * When the queue is full the reaction is not run now, and nothing waits for it: its
 * publication stays in the registry, and once the queue has emptied
 * {@link Reactions#catchUp} runs it from there. The feed never waits for a reaction and
 * never holds a second connection for one.
 *
 * <p>
 * The executor is not a bean: a {@code TaskExecutor} bean would replace Spring Boot's
 * application task executor for everything else too.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReactionsConfiguration implements AsyncConfigurer, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReactionsConfiguration.class);

	/**
	 * Seconds a shutting-down server gives running reactions; the rest wait for a
	 * restart.
	 */
	private static final int SHUTDOWN_SECONDS = 5;

	/** How long a queued reaction gives way to the feed ({@link Foreground}) at most. */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final ReactionFailures failures;

	private final AtomicLong deferred = new AtomicLong();

	private final ReactionBacklog backlog;

	ReactionsConfiguration(ReactionProperties properties, ReactionFailures failures, ReactionBacklog backlog,
			Foreground foreground) {
		this.failures = failures;
		this.backlog = backlog;
		this.executor.setThreadNamePrefix("reaction-");
		this.executor.setCorePoolSize(properties.threads());
		this.executor.setMaxPoolSize(properties.threads());
		this.executor.setQueueCapacity(properties.queueCapacity());
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationSeconds(SHUTDOWN_SECONDS);
		this.executor.setRejectedExecutionHandler(this::defer);
		if (!properties.giveWay().isZero()) {
			this.executor.setTaskDecorator(reaction -> foreground.givingWay(reaction, properties.giveWay(), PATIENCE));
		}
		this.executor.initialize();
		backlog.watch(this.executor.getThreadPoolExecutor());
	}

	@Override
	public Executor getAsyncExecutor() {
		return this.executor;
	}

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return this.failures;
	}

	private void defer(Runnable reaction, ThreadPoolExecutor pool) {
		if (pool.isShutdown()) {
			return; // stopping: the publication is resubmitted when the server starts
					// again
		}
		this.backlog.turnedAway();
		long count = this.deferred.incrementAndGet();
		// One line per thousand: a full queue under a burst would otherwise flood the
		// log.
		if (count % 1000 == 1) {
			log.warn("Reaction queue full ({} waiting); {} reaction(s) deferred so far: they stay published and run"
					+ " once the queue has emptied", pool.getQueue().size(), count);
		}
	}

	@Override
	public void destroy() {
		this.executor.destroy();
	}

}
