package org.northstar.caseload;

/** How a user is tied to a patient. */
public enum Relation {

	/** The coordinator responsible for the patient. */
	COORDINATOR,

	/** A member of the patient's care team (physician, nurse, social worker...). */
	CARE_TEAM

}
