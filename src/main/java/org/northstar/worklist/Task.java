package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * Something a coordinator has to do for a patient, by a date.
 *
 * @param status OPEN, DONE or CANCELLED
 * @param encounter the encounter that called for it, if any
 * @param version increases with every change, for optimistic locking
 */
public record Task(long id, PatientId patient, String owner, Kind kind, String title, LocalDate dueOn, String status,
		UUID encounter, int version, Instant createdAt, Instant updatedAt) {

	/** The statuses a task can have. */
	public static final Set<String> STATUSES = Set.of("OPEN", "DONE", "CANCELLED");

	/** The kinds of task Northstar creates. */
	public enum Kind {

		/** Interactive contact within two business days of a discharge (TCM). */
		TCM_CONTACT,

		/** Face-to-face visit within 7 or 14 days of a discharge (TCM). */
		TCM_VISIT,

		/** Medication reconciliation, due by the face-to-face visit. */
		MEDICATION_RECONCILIATION,

		/** Anything else a coordinator or an API client set down to do. */
		OTHER

	}

}
