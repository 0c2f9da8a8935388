package org.northstar.medication;

/**
 * What a coordinator can pursue when a person cannot afford a medicine: a short, fixed
 * list, so that what was tried can be counted.
 */
public enum AffordabilityOption {

	GENERIC("a generic"), PATIENT_ASSISTANCE("a patient-assistance program"), NINETY_DAY_SUPPLY("a 90-day supply"),
	FORMULARY_ALTERNATIVE("a formulary alternative"), LOWER_CASH_PRICE("a pharmacy with a lower cash price");

	private final String label;

	AffordabilityOption(String label) {
		this.label = label;
	}

	/** What a coordinator calls it, lower case. */
	public String label() {
		return this.label;
	}

}
