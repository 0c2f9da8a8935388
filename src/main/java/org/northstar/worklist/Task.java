package org.northstar.worklist;

import java.time.LocalDate;

import org.northstar.shared.PatientId;

/** Something a coordinator has to do for a patient, by a date. */
public record Task(long id, PatientId patient, String owner, Kind kind, String title, LocalDate dueOn, String status) {

	/** The kinds of task Northstar creates. */
	public enum Kind {

		/** Interactive contact within two business days of a discharge (TCM). */
		TCM_CONTACT,

		/** Face-to-face visit within 7 or 14 days of a discharge (TCM). */
		TCM_VISIT,

		/** Medication reconciliation, due by the face-to-face visit. */
		MEDICATION_RECONCILIATION

	}

}
