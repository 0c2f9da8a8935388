package org.northstar.ingest.hl7;

/** Where a message stands in the inbox. */
public enum Hl7MessageStatus {

	/** Stored, not yet applied: only seen while a reprocess is under way. */
	RECEIVED,
	/** Applied to the patient and encounter, acknowledged with AA. */
	APPLIED,
	/** Could not be read (framing, encoding, version, MSH): acknowledged with AR. */
	REJECTED,
	/**
	 * A message type or event Northstar does not apply; kept and acknowledged with AA.
	 */
	IGNORED,
	/** Read but could not be applied (no PID-3, no visit number...): AE, dead letter. */
	DEAD;

	/**
	 * The status a user named, in any case.
	 * @throws IllegalArgumentException naming the statuses there are
	 */
	public static Hl7MessageStatus named(String name) {
		try {
			return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown message status '" + name + "'; use one of " + java.util.List.of(values()), ex);
		}
	}

}
