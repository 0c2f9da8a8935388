package org.northstar.medication;

import java.time.LocalDate;
import java.util.List;

/**
 * One medicine on the person's reconciled list, with everything every source said about
 * it. A medicine is one RxNorm concept, or the same ingredients at the same strength
 * ({@link DrugConcept#key()}): a brand and its generic from two prescribers are one line
 * with both sources.
 *
 * @param key the line's {@link DrugConcept#key()}, which a reconciliation names
 * @param display the name the newest order or statement gave it
 * @param status active when any source orders it, says it is taken, or filled it recently
 * @param dosage the newest instructions any source gave, or null
 * @param prescribers everyone who ordered it, once per identity ({@link Prescriber}),
 * newest first
 * @param flags what a coordinator should look at; empty for a line with nothing to say
 * @param decision the coordinator's last reconciliation of it, or null
 */
public record MedicationLine(String key, String display, DrugConcept concept, Status status, String dosage,
		List<Source> sources, List<Prescriber> prescribers, LocalDate lastOrdered, LocalDate lastFilled,
		List<Flag> flags, Decision decision) {

	public MedicationLine {
		sources = List.copyOf(sources);
		prescribers = List.copyOf(prescribers);
		flags = List.copyOf(flags);
	}

	public boolean active() {
		return this.status == Status.ACTIVE;
	}

	public boolean highRisk() {
		return this.concept.drugClass() != null && this.concept.drugClass().highRisk();
	}

	public boolean flagged(Flag.Kind kind) {
		return this.flags.stream().anyMatch(f -> f.kind() == kind);
	}

	public enum Status {

		ACTIVE, STOPPED

	}

	/**
	 * What one source said last about this medicine.
	 *
	 * @param kind order, statement, dispense or claim
	 * @param status active, stopped or filled
	 * @param date the day it was ordered, stated or filled
	 * @param prescriber who ordered it, with their NPI when known
	 * ({@link Prescriber#text()})
	 */
	public record Source(String source, String kind, String status, LocalDate date, String prescriber, String display) {
	}

	/** Something a coordinator should look at, in words. */
	public record Flag(Kind kind, String text) {

		public enum Kind {

			/** Active orders from more than one prescriber. */
			DUPLICATE_PRESCRIBERS,

			/** Two different medicines of a class one takes one at a time. */
			SAME_CLASS,

			/** Two strengths of the same ingredients, both active. */
			TWO_STRENGTHS,

			/** Stopped in one source, active in another. */
			STOPPED_AND_ACTIVE,

			/** Active, but no prescriber ordered it or saw the patient in 12 months. */
			NO_PRESCRIBER_SEEN,

			/** Anticoagulant, insulin or opioid. */
			HIGH_RISK

		}

	}

	/** A coordinator's reconciliation of the line. */
	public record Decision(Reconciliation.Verdict verdict, String takes, String reason, String by, LocalDate on) {
	}

}
