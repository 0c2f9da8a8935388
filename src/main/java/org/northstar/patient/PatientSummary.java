package org.northstar.patient;

import java.time.LocalDate;

import org.northstar.shared.PatientId;

/** What a list of patients shows of each. */
public record PatientSummary(PatientId id, String familyName, String givenNames, LocalDate birthDate, String sex,
		String language) {

}
