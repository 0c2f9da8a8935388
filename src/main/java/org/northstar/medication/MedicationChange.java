package org.northstar.medication;

import java.time.LocalDate;

/**
 * One change in a medicine's history, as the sources or a coordinator recorded it.
 *
 * @param id stable across reads of the same record, for the patient's explanation
 * @param medicine the ingredients it is about ({@link DrugConcept#ingredientKey()})
 * @param name the medicine in words, as the newer order names it
 * @param from what was taken before (the strength, or the medicine switched from); null
 * for a start
 * @param to what is taken now; null for a stop
 * @param prescriber who ordered the change, or the coordinator who recorded it
 * @param reason the reason stated: the order's reasonCode, statusReason or notes, or the
 * coordinator's words; null when none was given
 * @param source the source that reported it, or "coordinator"
 */
public record MedicationChange(String id, String medicine, String name, DrugClass drugClass, Kind kind, LocalDate date,
		String from, String to, String prescriber, String reason, String source) {

	public enum Kind {

		STARTED, STOPPED, DOSE_CHANGED, SWITCHED, TAKES_DIFFERENTLY

	}

}
