package org.northstar.worklist;

import java.time.Instant;

/**
 * One change of a task, as kept (append-only): who, when, which field, from what to what.
 *
 * @param from the value before, null on creation
 * @param to the value after: a status's, priority's or the owner's name, a date
 * (yyyy-mm-dd), or for an escalation the team it went to
 * @param reason why Northstar made the change, where a reader would otherwise not know (a
 * task cancelled because its stay is followed up under another discharge); null for a
 * person's changes
 */
public record TaskHistoryEntry(long task, Instant at, String by, Field field, String from, String to, String reason) {

	/** What changed. */
	public enum Field {

		CREATED, STATUS, OWNER, DUE, PRIORITY, COMPLETED_ON, ESCALATED, DELETED

	}

}
