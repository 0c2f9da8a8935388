package org.northstar.careplan;

import java.time.Instant;

/**
 * A note from the coordinator a person leaves to the one they join.
 *
 * @param to the new coordinator, or null while it waits for the reassignment
 * @param reassignedAt when the person moved, or null while it waits
 * @param text the note, or null while it is still to be written (a reassignment prompts
 * for it)
 * @param acknowledgedAt when the new coordinator said they have read it, or null
 */
public record HandoffNote(long id, String from, String to, Instant reassignedAt, String text, Instant writtenAt,
		String writtenBy, Instant acknowledgedAt, String acknowledgedBy) {

	public boolean written() {
		return this.text != null;
	}

	/**
	 * Whether it is shown to the new coordinator: written, addressed, not acknowledged.
	 */
	public boolean awaitsAcknowledgement() {
		return written() && this.to != null && this.acknowledgedAt == null;
	}

	/** Whether the person was moved and the note is still to be written. */
	public boolean prompted() {
		return !written() && this.to != null;
	}

}
