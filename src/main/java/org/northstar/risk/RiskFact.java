package org.northstar.risk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fact behind a component of a score: the stay and its dates, a condition and its
 * Charlson weight, a result and when it was taken, an ED visit or an earlier admission.
 * Only {@code component} and {@code text} are always present.
 *
 * @param component the component it counts for ({@code L}, {@code A}, {@code C},
 * {@code E}; {@code H}, {@code O}, {@code S}, {@code P}, {@code IT}, {@code A},
 * {@code L})
 * @param text what it is and how it counted, for a person to read
 * @param reference the resource it comes from ({@code Condition/…}), or null
 * @param at when it happened (onset, result time, visit start), or null
 * @param code the code as sent, {@code system|code}, or null
 * @param group the Charlson condition it maps to ({@code DIABETES_COMPLICATED}), or null
 * @param weight its Charlson weight as counted (0 when a hierarchy superseded it), or
 * null
 * @param value a result's value in the score's unit (g/dL, mmol/L), or null
 * @param unit the unit of {@code value}, or null
 */
public record RiskFact(String component, String text, String reference, Instant at, String code, String group,
		Integer weight, BigDecimal value, String unit) {

	static RiskFact of(String component, String text, String reference, Instant at) {
		return new RiskFact(component, text, reference, at, null, null, null, null, null);
	}

}
