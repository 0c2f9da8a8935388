package org.northstar.billing;

import java.util.Objects;

import org.northstar.shared.PatientId;

/**
 * One line of the month-end report: one person, program and code.
 *
 * @param patient the person's Northstar record the line is under
 * @param code the CPT code billed, or the one a SHORT or INELIGIBLE line falls short of
 * @param units units of the code billable; 0 unless BILLABLE
 * @param minutes on a first code's line, every minute documented for the program in the
 * month and counted; on an add-on's line, the minutes its units cover; on a TCM line, the
 * TCM minutes documented in the period
 * @param reason why, in words a biller reads: what was counted, how short, what rule
 * refused it
 */
public record BillingLine(PatientId patient, String name, Program program, String code, int units, int minutes,
		Status status, String reason) {

	public BillingLine {
		Objects.requireNonNull(patient, "patient");
		Objects.requireNonNull(program, "program");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(status, "status");
	}

	public enum Program {

		CCM, PCM, TCM

	}

	public enum Status {

		/** Billable as it stands: the code and its units. */
		BILLABLE,

		/** Not enough documented minutes (or a TCM requirement still open). */
		SHORT,

		/** Not billable whatever the minutes: no consent, too few conditions, a rule. */
		INELIGIBLE

	}

}
