package org.northstar.documentation;

import java.time.Instant;
import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * A person's consent to a care-management program, as obtained, and its revocation if
 * any. Recorded only when the required disclosures were given (cost sharing, the right to
 * stop at any time, one practitioner per month).
 *
 * @param revokedOn the day the person stopped the program; null while it stands. CMS: a
 * revocation takes effect at the end of that calendar month.
 */
public record Consent(long id, PatientId patient, Program program, Kind kind, LocalDate obtainedOn, String obtainedBy,
		boolean disclosuresGiven, String recordedBy, Instant recordedAt, LocalDate revokedOn,
		String revocationRecordedBy) {

	public enum Program {

		CCM, PCM

	}

	public enum Kind {

		VERBAL, WRITTEN

	}

}
