package org.northstar.worklist;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.northstar.worklist.TcmClock.Assessment;
import org.northstar.worklist.TcmClock.Requirement;
import org.northstar.worklist.TcmClock.Standing;

/**
 * One discharge home as TCM sees it, with what has been done since.
 *
 * @param encounter Northstar's id of the inpatient stay discharged
 * @param assessment the clinician's judgement of complexity, {@link Assessment#NONE}
 * until one is made
 * @param periodOf the discharge whose period this one falls inside, or {@code null}
 * @param contactDue the last day for the interactive contact (2 business days)
 * @param contactOn the day the contact was made, or {@code null}
 * @param visitOn the day of the face-to-face visit, or {@code null}
 */
record TransitionOfCare(UUID encounter, LocalDate dischargedOn, Assessment assessment, LocalDate periodOf,
		LocalDate readmittedOn, LocalDate diedOn, LocalDate contactDue, LocalDate contactOn, LocalDate visitOn) {

	static final int PERIOD_DAYS = 30;

	/** Days as every page writes them: "20 Nov 2026". */
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	TcmClock clockOn(LocalDate today) {
		LocalDate endsOn = this.dischargedOn.plusDays(PERIOD_DAYS - 1);
		Requirement contact = deadline(this.contactOn, this.contactDue, today, "Contact");
		List<String> notes = new ArrayList<>();
		if (this.readmittedOn != null) {
			notes.add("Readmitted on " + DAY.format(this.readmittedOn)
					+ ". The period goes on: TCM is still billed once for it, and contacts and visits after the next discharge count.");
		}
		Requirement notBillable = null;
		if (this.periodOf != null) {
			notBillable = new Requirement(Standing.NOT_BILLABLE, "Inside the TCM period of the discharge on "
					+ DAY.format(this.periodOf) + ": TCM is billed once per period, under that discharge.");
		}
		else if (this.diedOn != null) {
			notBillable = new Requirement(Standing.NOT_BILLABLE, "The patient died on " + DAY.format(this.diedOn)
					+ ", before the period ended: TCM cannot be billed; bill the visits as E/M services.");
		}
		if (notBillable != null) {
			return new TcmClock(this.encounter, this.dischargedOn, endsOn, this.assessment, contact, notBillable,
					notBillable, List.copyOf(notes));
		}
		Requirement code99496 = code(contact, 7, today);
		Requirement code99495 = code(contact, 14, today);
		switch (this.assessment.complexity()) {
			case HIGH -> {
			}
			case MODERATE ->
				code99496 = new Requirement(Standing.NOT_BILLABLE, "Needs decision making of high complexity; "
						+ this.assessment.by() + " judged this discharge moderate.");
			case NOT_ASSESSED -> {
				code99496 = awaitingAssessment(code99496, "high");
				code99495 = awaitingAssessment(code99495, "moderate or high");
			}
		}
		return new TcmClock(this.encounter, this.dischargedOn, endsOn, this.assessment, contact, code99496, code99495,
				List.copyOf(notes));
	}

	/**
	 * Deadlines kept are not yet a bill: the complexity that decides the code is the
	 * clinician's to judge, and no count of problems stands in for it.
	 */
	private static Requirement awaitingAssessment(Requirement code, String needs) {
		if (code.standing() == Standing.MISSED) {
			return code;
		}
		return new Requirement(Standing.AWAITING_ASSESSMENT, code.explanation()
				+ " Not billable yet: the complexity is not assessed; a clinician must judge it (this code needs "
				+ needs + ").");
	}

	private Requirement code(Requirement contact, int visitWithin, LocalDate today) {
		if (contact.standing() == Standing.MISSED) {
			return new Requirement(Standing.MISSED, "Needs an interactive contact within 2 business days.");
		}
		return deadline(this.visitOn, this.dischargedOn.plusDays(visitWithin), today, "Visit");
	}

	private static Requirement deadline(LocalDate doneOn, LocalDate dueBy, LocalDate today, String what) {
		if (doneOn != null) {
			return doneOn.isAfter(dueBy)
					? new Requirement(Standing.MISSED,
							what + " on " + DAY.format(doneOn) + ", after the deadline " + DAY.format(dueBy) + ".")
					: new Requirement(Standing.MET, what + " on " + DAY.format(doneOn) + ".");
		}
		if (today.isAfter(dueBy)) {
			return new Requirement(Standing.MISSED,
					"No " + what.toLowerCase(Locale.ROOT) + " by " + DAY.format(dueBy) + ".");
		}
		long left = dueBy.toEpochDay() - today.toEpochDay();
		return new Requirement(Standing.REACHABLE, what + " by " + DAY.format(dueBy) + " ("
				+ (left == 0 ? "today" : left == 1 ? "1 day left" : left + " days left") + ").");
	}

}
