package org.northstar.reactions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reactions run and are retried, bound from {@code northstar.reactions.*}
 * ({@code NORTHSTAR_REACTIONS_THREADS}, {@code NORTHSTAR_REACTIONS_RETRY_INTERVAL},
 * {@code NORTHSTAR_REACTIONS_MAX_ATTEMPTS}, {@code NORTHSTAR_REACTIONS_GIVE_WAY}).
 *
 * @param threads reactions run at once; each holds a database connection while it runs,
 * so keep it well under the connection pool
 * @param queueCapacity reactions waiting for a thread; beyond it a reaction is left
 * published, found by the staleness check and retried
 * @param retryInterval how often failed reactions are looked at, and the wait before the
 * first retry; each further retry waits twice as long as the one before
 * @param maxRetryInterval the longest wait between two retries
 * @param maxAttempts attempts (the first run included) after which a failed reaction is
 * left for an administrator to retry
 * @param giveWay how long a reaction about to start waits for an HL7 message being
 * applied ({@link Foreground}); zero starts it at once
 */
@ConfigurationProperties("northstar.reactions")
record ReactionProperties(@DefaultValue("2") int threads, @DefaultValue("10000") int queueCapacity,
		@DefaultValue("PT1M") Duration retryInterval, @DefaultValue("PT1H") Duration maxRetryInterval,
		@DefaultValue("10") int maxAttempts, @DefaultValue("250ms") Duration giveWay) {

	ReactionProperties {
		if (giveWay.isNegative()) {
			throw new IllegalArgumentException("northstar.reactions.give-way must not be negative, not " + giveWay);
		}
		if (threads < 1 || queueCapacity < 1 || maxAttempts < 1) {
			throw new IllegalArgumentException("northstar.reactions: threads, queue-capacity and max-attempts must be"
					+ " at least 1, not " + threads + ", " + queueCapacity + " and " + maxAttempts);
		}
	}

	/** How long to wait after the given attempt failed before the next one. */
	Duration waitAfter(int attempts) {
		Duration wait = this.retryInterval;
		for (int i = 1; i < attempts && wait.compareTo(this.maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(this.maxRetryInterval) < 0 ? wait : this.maxRetryInterval;
	}

}
