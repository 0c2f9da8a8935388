package org.northstar.documentation;

import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * A signed interaction asks for a follow-up: "call back on 3 Dec to check the new dose".
 * Published inside the transaction that records the interaction, and acted on there (the
 * worklist makes the task), so the interaction and its follow-up are recorded both or
 * neither: a listener that fails refuses the interaction with its message.
 *
 * @param interaction the interaction's id
 * @param on the day to follow up
 * @param what what to do then
 * @param requestedBy who signed the interaction, who owns the follow-up
 */
public record FollowUpRequested(PatientId patient, long interaction, LocalDate on, String what, String requestedBy) {
}
