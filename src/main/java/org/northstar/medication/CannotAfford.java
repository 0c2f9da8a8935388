package org.northstar.medication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.northstar.shared.PatientId;

/**
 * A coordinator's record that a person cannot afford a medicine on their list.
 *
 * @param patient the record the coordinator opened; the task and barrier are made on it
 * @param records all the person's records
 * @param lineKey the medicine's line ({@link MedicationLine#key()})
 * @param copay what the patient says a fill costs them; null to take the pharmacy's
 * ExplanationOfBenefit, when it says
 * @param copayCurrency the currency the coordinator gave with the copay, an ISO 4217 code
 * or a sign as typed; null when none was given, and none is assumed
 * @param options what the coordinator will pursue; at least one
 * @param followUpOn when the follow-up task is due: today or later
 * @param by the user recording it, who owns the task
 */
public record CannotAfford(PatientId patient, Collection<PatientId> records, String lineKey, BigDecimal copay,
		String copayCurrency, Set<AffordabilityOption> options, String note, LocalDate followUpOn, String by) {

	public CannotAfford {
		records = List.copyOf(records);
		options = options == null ? Set.of() : Set.copyOf(options);
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
