package org.northstar.medication;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the patient paid for one fill of a medicine, as the pharmacy's
 * ExplanationOfBenefit states it (or the patient tells the coordinator).
 *
 * @param amount as sent, never rounded
 * @param currency the ISO 4217 code sent (FHIR {@code Money.currency}), the currency sign
 * a coordinator typed, or null when none was given
 * @param filledOn the day of the fill
 * @param source the system that sent it
 */
public record Copay(BigDecimal amount, String currency, LocalDate filledOn, String source) {

	/**
	 * The amount as sent with the currency as sent: "45.00 USD", "12.4 EUR", "$38.50" for
	 * a sign a coordinator typed, and "45.00" when no currency was given: none is
	 * assumed, since a dollar sign would be a guess.
	 */
	public String text() {
		return text(this.amount, this.currency);
	}

	static String text(BigDecimal amount, String currency) {
		String plain = amount.toPlainString();
		if (currency == null || currency.isBlank()) {
			return plain;
		}
		return Character.isLetter(currency.codePointAt(0)) ? plain + " " + currency : currency + plain;
	}

}
