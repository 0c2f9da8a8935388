package org.northstar.documentation;

import java.time.Instant;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * One documented contact with or about a person: a call, a visit, a message. Signed when
 * recorded, never changed afterwards; corrections are {@link Addendum addenda}.
 *
 * @param minutes the time spent, whole minutes, 0 to 1440
 * @param staff who spent the time, as CMS distinguishes it
 * @param activity the program the time is for; each minute counts toward one program only
 * @param complexCarePlan the care plan was established or substantially revised, with
 * moderate or high complexity decision making (what complex CCM needs)
 * @param billingPractitioner who bills the time, when the practice has more than one
 * (null: the practice's)
 */
public record Interaction(long id, PatientId patient, Kind kind, Outcome outcome, Instant startedAt, int minutes,
		Staff staff, Activity activity, String note, List<String> participants, boolean complexCarePlan,
		String billingPractitioner, String recordedBy, Instant recordedAt, List<Addendum> addenda) {

	public Interaction {
		participants = List.copyOf(participants);
		addenda = List.copyOf(addenda);
	}

	/** A correction or addition to a signed note, shown beside the original. */
	public record Addendum(long id, String note, String recordedBy, Instant recordedAt) {
	}

	public enum Kind {

		PHONE_OUT, PHONE_IN, VISIT_HOME, VISIT_CLINIC, VIDEO_VISIT, SECURE_MESSAGE, LETTER, MEETING

	}

	public enum Outcome {

		REACHED, VOICEMAIL, NO_ANSWER, WRONG_NUMBER, COMPLETED

	}

	/** Whose time it was, as CMS's codes distinguish it. */
	public enum Staff {

		/** Clinical staff directed by the billing practitioner. */
		CLINICAL_STAFF,

		/** The physician or qualified health professional personally. */
		PHYSICIAN_QHP

	}

	/** What the time was for. */
	public enum Activity {

		/** Chronic care management. */
		CCM,

		/** Principal care management. */
		PCM,

		/** Transitional care management. */
		TCM,

		/** Anything else: never billed as care management. */
		OTHER

	}

}
