package org.northstar.risk;

/**
 * A person's current scores: those of their latest inpatient stay (the one discharged
 * last, among all their records). Both are null when the person has no finished inpatient
 * stay.
 */
public record PersonRisk(RiskAssessment lace, RiskAssessment hospital) {

	public static final PersonRisk NONE = new PersonRisk(null, null);

	public boolean none() {
		return this.lace == null && this.hospital == null;
	}

}
