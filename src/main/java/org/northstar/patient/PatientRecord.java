package org.northstar.patient;

import java.time.LocalDate;
import java.util.List;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * A patient as one source describes them.
 *
 * @param sex administrative gender as FHIR codes it (male, female, other, unknown)
 * @param language preferred language (BCP-47 code or the source's text)
 * @param interpreterRequired the source says the patient needs an interpreter
 */
public record PatientRecord(PatientId id, RecordKey key, String familyName, String givenNames, LocalDate birthDate,
		String sex, boolean deceased, String language, boolean interpreterRequired, String phone, String email,
		String addressLine, String city, String state, String postalCode, List<Identifier> identifiers) {

	public PatientRecord {
		identifiers = List.copyOf(identifiers);
	}

	/**
	 * An identifier a source gave the patient: medical record number, SSN, driver's
	 * licence...
	 */
	public record Identifier(String system, String value, String typeCode) {
	}

}
