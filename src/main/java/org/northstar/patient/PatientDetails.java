package org.northstar.patient;

import java.util.List;

/**
 * A patient's header: who they are, how to reach them, and every identifier a source gave
 * them.
 *
 * @param source the system this record came from
 */
public record PatientDetails(PatientSummary summary, String source, String phone, String email, String address,
		List<PatientRecord.Identifier> identifiers) {

	public PatientDetails {
		identifiers = List.copyOf(identifiers);
	}

}
