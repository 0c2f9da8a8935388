package org.northstar.careplan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a measured goal measures, by the LOINC codes its observations arrive with. Blood
 * pressure is sent as a panel with systolic and diastolic components, or as the two
 * values alone; a goal names the systolic or the diastolic one.
 */
public enum Measure {

	WEIGHT("Body weight", "kg", "29463-7"), SYSTOLIC_BP("Systolic blood pressure", "mm[Hg]", "8480-6"),
	DIASTOLIC_BP("Diastolic blood pressure", "mm[Hg]", "8462-4"), HBA1C("HbA1c", "%", "4548-4", "17856-6"),
	NT_PROBNP("NT-proBNP", "pg/mL", "33762-6"),
	EGFR("eGFR", "mL/min/{1.73_m2}", "33914-3", "62238-1", "48642-3", "48643-1", "98979-8"),
	PHQ9("PHQ-9 score", "{score}", "44261-6");

	/** The blood-pressure panel, whose components carry the two pressures. */
	public static final String BLOOD_PRESSURE_PANEL = "85354-9";

	private final String label;

	private final String unit;

	private final List<String> codes;

	Measure(String label, String unit, String... codes) {
		this.label = label;
		this.unit = unit;
		this.codes = List.of(codes);
	}

	public String label() {
		return this.label;
	}

	/** The UCUM unit a target is usually written in. */
	public String unit() {
		return this.unit;
	}

	/** The LOINC codes observations of it arrive with, the preferred first. */
	public List<String> codes() {
		return this.codes;
	}

	public String code() {
		return this.codes.get(0);
	}

	public boolean inPanel() {
		return this == SYSTOLIC_BP || this == DIASTOLIC_BP;
	}

	/** The measure a LOINC code is of, if Northstar charts it. */
	public static Optional<Measure> ofCode(String code) {
		return Arrays.stream(values()).filter(m -> m.codes.contains(code)).findFirst();
	}

}
