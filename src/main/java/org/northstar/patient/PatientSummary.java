package org.northstar.patient;

import java.time.LocalDate;
import java.time.Period;

import org.northstar.shared.PatientId;

/** What a list of patients shows of each. */
public record PatientSummary(PatientId id, String familyName, String givenNames, LocalDate birthDate, String sex,
		String language, boolean interpreterRequired, boolean deceased) {

	/** "Family, Given", or whichever part is known. */
	public String displayName() {
		if (this.familyName == null) {
			return this.givenNames == null ? "(no name)" : this.givenNames;
		}
		return this.givenNames == null ? this.familyName : this.familyName + ", " + this.givenNames;
	}

	/** Age in whole years on the given day; null when the birth date is unknown. */
	public Integer ageOn(LocalDate day) {
		return this.birthDate == null ? null : Period.between(this.birthDate, day).getYears();
	}

}
