package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * Something a coordinator has to do for a patient, by a date.
 *
 * @param owner a Northstar username, or a team's queue ({@code team:<code>}, see
 * {@link #teamQueue}); null until someone takes it
 * @param encounter the encounter that called for it, if any
 * @param version increases with every change, for optimistic locking
 * @param recurrence how it comes back once done, or null
 * @param basis the care-plan item or meeting it follows, or null
 * @param completedOn the day it was done (DONE only), never before it was created nor
 * before the discharge it follows
 * @param escalatedAt when it was escalated, overdue, to its owner's team supervisors
 * ({@code escalatedTeam}); null until then, and it happens once
 */
public record Task(long id, PatientId patient, String owner, Kind kind, String title, LocalDate dueOn,
		TaskStatus status, UUID encounter, int version, Instant createdAt, Instant updatedAt, TaskPriority priority,
		Recurrence recurrence, TaskBasis basis, LocalDate completedOn, String completedBy, Instant completedAt,
		Instant escalatedAt, String escalatedTeam) {

	/** The prefix of an owner that is a team's queue rather than a person. */
	public static final String TEAM_QUEUE = "team:";

	/** A routine task that does not recur, follows nothing and was never completed. */
	public Task(long id, PatientId patient, String owner, Kind kind, String title, LocalDate dueOn, String status,
			UUID encounter, int version, Instant createdAt, Instant updatedAt) {
		this(id, patient, owner, kind, title, dueOn, TaskStatus.of(status), encounter, version, createdAt, updatedAt,
				TaskPriority.ROUTINE, null, null, null, null, null, null, null);
	}

	/** The queue owner of a team: anyone of the team may take its tasks. */
	public static String teamQueue(String team) {
		return TEAM_QUEUE + team;
	}

	/** Whether it is still to do and its due day has passed. */
	public boolean overdueOn(LocalDate today) {
		return this.status.active() && this.dueOn.isBefore(today);
	}

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
