package org.northstar.risk;

import java.util.List;

/** A published readmission risk score. */
public enum Instrument {

	/**
	 * LACE (van Walraven et al., CMAJ 2010;182:551-557): length of stay, acuity of
	 * admission, Charlson comorbidity index, emergency department visits in the previous
	 * 6 months. 0-19.
	 */
	LACE("L", "A", "C", "E"),

	/**
	 * HOSPITAL (Donzé et al., JAMA Intern Med 2013;173:632-638): haemoglobin and sodium
	 * at discharge, oncology service, procedure, index admission type, admissions in the
	 * previous 12 months, length of stay. 0-13.
	 */
	HOSPITAL("H", "O", "S", "P", "IT", "A", "L");

	private final List<String> components;

	Instrument(String... components) {
		this.components = List.of(components);
	}

	/** The names of its components, in the order the paper gives them. */
	public List<String> components() {
		return this.components;
	}

}
