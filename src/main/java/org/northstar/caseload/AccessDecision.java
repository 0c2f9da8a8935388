package org.northstar.caseload;

/** Whether a user may open a patient's record, and on what grounds. */
public enum AccessDecision {

	/**
	 * The patient is on the user's caseload, their team's, or they are on the care team.
	 */
	PERMITTED,

	/** The user broke the glass for this patient and the grant has not expired. */
	EMERGENCY,

	/** None of the above: the user may break the glass, giving a reason. */
	REFUSED;

	public boolean allowed() {
		return this != REFUSED;
	}

}
