package org.northstar.risk;

import java.util.Locale;

/**
 * How a score is read. LACE: high at 10 or more (as the issue and common use have it; van
 * Walraven et al. published no bands), moderate 5-9 and low 0-4 by the convention most
 * programmes use. HOSPITAL: low 0-4, intermediate 5-6, high 7 or more (Donzé et al.
 * 2013).
 */
public enum RiskBand {

	LOW, MODERATE, INTERMEDIATE, HIGH;

	/** The band's name in the API: {@code low}, {@code moderate}... */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static RiskBand of(Instrument instrument, int score) {
		return switch (instrument) {
			case LACE -> score >= 10 ? HIGH : score >= 5 ? MODERATE : LOW;
			case HOSPITAL -> score >= 7 ? HIGH : score >= 5 ? INTERMEDIATE : LOW;
		};
	}

}
