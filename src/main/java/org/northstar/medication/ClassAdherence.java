package org.northstar.medication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Adherence to one class of medicine over a period: the proportion of days covered (see
 * {@code docs/medicines.md} for the definition).
 *
 * @param pdc days covered over days in the period, to four places, rounded down so that
 * 79.99% never reads as 80%; null when there are too few fills to measure
 * @param adherent whether the PDC reaches the class's threshold; null with the PDC
 * @param fills the fills counted (one per medicine and day)
 * @param firstFill the first fill in the period: the measurement starts that day
 * @param daysInPeriod days from the first fill to the end, less days in hospital
 * @param hospitalDays days in hospital (inpatient stays) left out of the period
 * @param assumedSupply fills whose source gave no days' supply, counted as 30 days
 * @param reason why there is no PDC, or null
 */
public record ClassAdherence(DrugClass drugClass, BigDecimal pdc, Boolean adherent, int fills, LocalDate firstFill,
		int daysCovered, int daysInPeriod, int hospitalDays, int assumedSupply, List<Gap> gaps, String reason) {

	public ClassAdherence {
		gaps = List.copyOf(gaps);
	}

	/** Days in the period not covered, both days included. */
	public record Gap(LocalDate from, LocalDate to) {

		public long days() {
			return java.time.temporal.ChronoUnit.DAYS.between(this.from, this.to) + 1;
		}

	}

}
