package org.northstar.patient;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * A search for patient records; every criterion given must hold, null ones are ignored.
 * Names match when a part of them starts with the text, in any case.
 *
 * @param among only these patients; null for every patient
 * @param ids only these records
 * @param identifierSystem the identifier's system, or null for any
 * @param bornFrom born on or after, inclusive
 * @param bornBefore born before, exclusive
 * @param sex administrative gender as FHIR codes it
 */
public record PatientQuery(Collection<PatientId> among, Collection<PatientId> ids, String identifierSystem,
		String identifierValue, String name, String family, String given, LocalDate bornFrom, LocalDate bornBefore,
		String sex, int offset, int count) {

	public PatientQuery {
		among = among == null ? null : List.copyOf(among);
		ids = ids == null ? null : List.copyOf(ids);
	}

}
