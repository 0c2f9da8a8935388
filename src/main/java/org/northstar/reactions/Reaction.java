package org.northstar.reactions;

import java.time.Instant;
import java.util.UUID;

/**
 * One reaction not yet done: a listener and the event it has to handle, as the
 * publication registry keeps it.
 *
 * @param id the publication's id
 * @param listener the listener's id
 * @param eventType the event's class, without its package
 * @param event the event as stored (JSON): ids, codes and times, no demographics
 * @param publishedAt when the fact was recorded
 * @param attempts runs so far, the first included
 * @param lastAttemptAt when it last started, or was published
 * @param failedAt when the last failure was recorded, or {@code null}
 * @param error what the last failure said, or {@code null} (a reaction that did not
 * finish in time is failed by the staleness check without one)
 * @param nextRetryAt when it is retried next by itself; {@code null} when it is not
 * failed, or has used all its attempts and waits for an administrator
 */
public record Reaction(UUID id, String listener, String eventType, String event, Instant publishedAt, State state,
		int attempts, Instant lastAttemptAt, Instant failedAt, String error, String stackTrace, Instant nextRetryAt) {

	/** Where a reaction stands. */
	public enum State {

		/** Stored with its fact, waiting to run. */
		PENDING,
		/** Running now. */
		RUNNING,
		/** Resubmitted after a failure, running or about to. */
		RETRYING,
		/** Failed; retried later or by an administrator. */
		FAILED

	}

	/** Whether an administrator can retry it now. */
	public boolean retryable() {
		return this.state == State.FAILED;
	}

}
