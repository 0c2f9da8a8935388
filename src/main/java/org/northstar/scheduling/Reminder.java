package org.northstar.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A reminder of an appointment, planned, sent or not.
 *
 * @param lead how long before the visit, as configured ({@code P2D}, {@code PT2H})
 * @param attempts how often it was handed to the sender
 * @param nextAttempt when a failed one is tried again; null when it is not
 * @param language the language it went (or was last tried) in; null before
 * @param message the text as it went (or was last tried); null before
 * @param note why it failed, was cancelled or skipped, or is unconfirmed
 */
public record Reminder(long id, UUID appointment, String lead, Instant dueAt, Status status, int attempts,
		Instant nextAttempt, String language, String message, String note, Instant sentAt) {

	/** Where a reminder stands. */
	public enum Status {

		/** Waiting for its time. */
		PLANNED,
		/** Claimed and handed to the sender; the outcome is not yet known. */
		SENDING,
		/** The sender accepted it. */
		SENT,
		/** The sender refused it; tried again at {@code nextAttempt}, or given up. */
		FAILED,
		/**
		 * Northstar stopped after handing it over and before it learned the outcome: it
		 * may have gone, so it is not sent again.
		 */
		UNCONFIRMED,
		/** The appointment was cancelled or moved before it was due. */
		CANCELLED,
		/**
		 * Not sent: its time had passed when the visit was booked, or the visit began.
		 */
		SKIPPED

	}

	/** "2 days before", "2 hours before". */
	public String leadInWords() {
		return ReminderLead.parse(this.lead).inWords();
	}

}
