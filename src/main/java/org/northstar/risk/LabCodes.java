package org.northstar.risk;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LOINC codes of the results HOSPITAL reads, and the units understood for each
 * ({@code lab-codes.csv}). A value in any other unit is not understood: it is reported,
 * never converted by guess.
 */
final class LabCodes {

	static final String LOINC = "http://loinc.org";

	enum Analyte {

		HAEMOGLOBIN("g/dL"), SODIUM("mmol/L");

		private final String unit;

		Analyte(String unit) {
			this.unit = unit;
		}

		String unit() {
			return this.unit;
		}

	}

	private final Map<String, Analyte> analytes = new HashMap<>();

	/** code + " " + unit → factor to the score's unit. */
	private final Map<String, BigDecimal> factors = new HashMap<>();

	private LabCodes() {
	}

	static LabCodes load() {
		LabCodes codes = new LabCodes();
		List<String[]> rows = CsvResource.rows("lab-codes.csv");
		for (String[] row : rows) {
			codes.analytes.put(row[1], Analyte.valueOf(row[0]));
			codes.factors.put(row[1] + " " + row[3], new BigDecimal(row[4]));
		}
		return codes;
	}

	Set<String> codes() {
		return Set.copyOf(this.analytes.keySet());
	}

	Analyte analyte(String system, String code) {
		return LOINC.equals(system) ? this.analytes.get(code) : null;
	}

	/** The value in the analyte's score unit, or null when the unit is not understood. */
	BigDecimal inScoreUnit(String code, BigDecimal value, String unit) {
		BigDecimal factor = unit == null ? null : this.factors.get(code + " " + unit.strip());
		if (factor == null) {
			return null;
		}
		return factor.compareTo(BigDecimal.ONE) == 0 ? value : value.multiply(factor);
	}

}
