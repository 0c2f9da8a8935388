package org.northstar.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One thing a source said about a medicine: an order, a statement of what the patient
 * takes, a dispense, a pharmacy claim (one per claimed item).
 *
 * @param date when it was ordered, stated, handed over or filled, as a day of the
 * practice
 * @param endDate when a statement says the patient stopped, if it says
 * @param prescriber who ordered it, for an order that says
 * @param daysSupply the days a dispense or claim supplies, when the source says
 * @param receivedAt when Northstar received it: the day a stop was learned, when the
 * source gives no date for it
 */
record Evidence(UUID id, Kind kind, String source, DrugConcept concept, String display, Status status, LocalDate date,
		LocalDate endDate, Prescriber prescriber, String reason, String statusReason, List<String> notes, String dosage,
		Integer daysSupply, Instant receivedAt) {

	Evidence {
		notes = List.copyOf(notes);
	}

	enum Kind {

		ORDER, STATEMENT, DISPENSE, CLAIM

	}

	enum Status {

		/** Ordered or taken now (active, on hold, intended). */
		ACTIVE,

		/** Stopped, cancelled, completed, not taken. */
		STOPPED,

		/** Dispensed or claimed: supplied on its date. */
		FILLED

	}

	boolean isFill() {
		return this.status == Status.FILLED;
	}

}
