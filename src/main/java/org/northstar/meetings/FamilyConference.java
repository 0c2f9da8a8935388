package org.northstar.meetings;

import java.time.Instant;
import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * A meeting with the person's family or caregivers: who came, what was explained, what
 * they asked, what was decided, and what worries the caregivers.
 *
 * @param barrierItemId the caregiver-strain barrier the concerns raised on the care plan,
 * or null
 */
public record FamilyConference(long id, PatientId patient, LocalDate heldOn, String participants, String explained,
		String questions, String decisions, String caregiverConcerns, Long barrierItemId, String recordedBy,
		Instant recordedAt) {

	/**
	 * What a coordinator writes down about a conference.
	 *
	 * @param raiseBarrier whether the caregiver concerns raise a caregiver-strain barrier
	 * on the care plan, with {@code barrierAction} done by {@code barrierDueOn}
	 */
	public record Draft(LocalDate heldOn, String participants, String explained, String questions, String decisions,
			String caregiverConcerns, boolean raiseBarrier, String barrierAction, LocalDate barrierDueOn) {
	}

}
