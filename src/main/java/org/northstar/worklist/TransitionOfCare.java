package org.northstar.worklist;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.worklist.TcmClock.Requirement;
import org.northstar.worklist.TcmClock.Standing;

/**
 * One discharge home as TCM sees it, with what has been done since.
 *
 * @param periodOf the discharge whose period this one falls inside, or {@code null}
 * @param contactDue the last day for the interactive contact (2 business days)
 * @param contactOn the day the contact was made, or {@code null}
 * @param visitOn the day of the face-to-face visit, or {@code null}
 */
record TransitionOfCare(LocalDate dischargedOn, boolean highComplexity, LocalDate periodOf, LocalDate readmittedOn,
		LocalDate diedOn, LocalDate contactDue, LocalDate contactOn, LocalDate visitOn) {

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
			return new TcmClock(this.dischargedOn, endsOn, this.highComplexity, contact, notBillable, notBillable,
					List.copyOf(notes));
		}
		Requirement code99496 = this.highComplexity ? code(contact, 7, today) : new Requirement(Standing.NOT_BILLABLE,
				"Needs decision making of high complexity; this discharge was assessed moderate.");
		return new TcmClock(this.dischargedOn, endsOn, this.highComplexity, contact, code99496,
				code(contact, 14, today), List.copyOf(notes));
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
