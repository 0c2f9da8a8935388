package org.northstar.patient;

import java.time.Instant;

import org.northstar.shared.PatientId;

/**
 * A record someone took out of its person, with their reason; it can be undone once.
 *
 * @param undoneBy who undid it, or null while it stands
 */
public record Unlink(long id, PatientId record, String reason, String unlinkedBy, Instant unlinkedAt, String undoneBy) {

	public boolean undone() {
		return this.undoneBy != null;
	}

}
