package org.northstar.worklist;

import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * What a new task, or a task's new state, says: everything a person or API client may
 * set.
 *
 * @param status OPEN, DONE or CANCELLED
 */
public record TaskChange(PatientId patient, String owner, Task.Kind kind, String title, LocalDate dueOn,
		String status) {

	public TaskChange {
		if (!Task.STATUSES.contains(status)) {
			throw new IllegalArgumentException("A task's status is one of " + Task.STATUSES + ", not " + status);
		}
	}

}
