package org.northstar.medication;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the patient paid for one fill of a medicine, as the pharmacy's
 * ExplanationOfBenefit states it.
 *
 * @param amount as sent, never rounded
 * @param currency the ISO 4217 code sent, or null
 * @param filledOn the day of the fill
 * @param source the system that sent it
 */
public record Copay(BigDecimal amount, String currency, LocalDate filledOn, String source) {

	/** "$45.00" for US dollars or no currency; "45.00 EUR" otherwise. */
	public String text() {
		String plain = this.amount.toPlainString();
		return this.currency == null || this.currency.equals("USD") ? "$" + plain : plain + " " + this.currency;
	}

}
