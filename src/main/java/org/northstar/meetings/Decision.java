package org.northstar.meetings;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the team decided about a person, and the worklist task it became.
 *
 * @param taskId the task in the worklist, owned by {@code owner} and due on {@code dueOn}
 */
public record Decision(long id, String text, String owner, LocalDate dueOn, long taskId, Instant decidedAt,
		String decidedBy) {
}
