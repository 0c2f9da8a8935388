package org.northstar.medication;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * A person cannot afford a medicine: what it costs them, what the coordinator is
 * pursuing, and the follow-up.
 *
 * @param copay what a fill costs the patient, or null when unknown
 * @param copayCurrency its currency as given (see {@link Copay#currency()}), or null
 * @param copaySource "entered by the coordinator", or the pharmacy's EOB it came from
 * @param task the follow-up task ({@code worklist})
 * @param carePlanItem the Cost barrier on the person's care plan ({@code careplan})
 */
public record AffordabilityBarrier(long id, PatientId patient, String lineKey, String medicine, BigDecimal copay,
		String copayCurrency, String copaySource, List<AffordabilityOption> options, String note, LocalDate followUpOn,
		long task, Long carePlanItem, String recordedBy, Instant recordedAt) {

	public AffordabilityBarrier {
		options = List.copyOf(options);
	}

	/**
	 * "45.00 USD", in the currency as given ({@link Copay#text()}), or null when unknown.
	 */
	public String copayText() {
		return this.copay == null ? null : Copay.text(this.copay, this.copayCurrency);
	}

	/** "a generic, a 90-day supply". */
	public String optionsText() {
		return String.join(", ", this.options.stream().map(AffordabilityOption::label).toList());
	}

}
