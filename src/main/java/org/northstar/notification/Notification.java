package org.northstar.notification;

import java.time.Instant;

import org.northstar.shared.PatientId;

/**
 * Something a user should know about one of their patients now.
 *
 * @param text what happened, for the signed-in user; it names the patient
 * @param readAt when the user marked it read, or {@code null}
 */
public record Notification(long id, String username, PatientId patient, Kind kind, String text, Instant createdAt,
		Instant readAt) {

	public enum Kind {

		/** The patient was admitted to a hospital. */
		ADMITTED,
		/** The patient arrived at an emergency department. */
		ED_VISIT,
		/**
		 * A hospital's message about the patient could not be applied: the administrator
		 * has it as a dead letter.
		 */
		MESSAGE_NOT_APPLIED

	}

}
