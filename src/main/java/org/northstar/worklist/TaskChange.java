package org.northstar.worklist;

import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * What a new task, or a task's new state, says: everything a person or API client may
 * set.
 *
 * @param recurrence how the task comes back once done, or null
 * @param basis the care-plan item or meeting it follows, or null; set when the task is
 * made, never changed
 */
public record TaskChange(PatientId patient, String owner, Task.Kind kind, String title, LocalDate dueOn,
		TaskStatus status, TaskPriority priority, Recurrence recurrence, TaskBasis basis) {

	public TaskChange {
		if (status == null) {
			throw new IllegalArgumentException("A task needs a status");
		}
		if (priority == null) {
			priority = TaskPriority.ROUTINE;
		}
	}

	/**
	 * A routine task that does not recur and follows nothing.
	 * @param status OPEN, IN_PROGRESS, ON_HOLD, DONE or CANCELLED
	 */
	public TaskChange(PatientId patient, String owner, Task.Kind kind, String title, LocalDate dueOn, String status) {
		this(patient, owner, kind, title, dueOn, TaskStatus.of(status), TaskPriority.ROUTINE, null, null);
	}

}
