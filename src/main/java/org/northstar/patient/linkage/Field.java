package org.northstar.patient.linkage;

/** What two patient records are compared on, in the order a person reads them. */
public enum Field {

	FAMILY_NAME("Family name"), GIVEN_NAME("Given name"), BIRTH_DATE("Birth date"), SEX("Sex"), ADDRESS("Address"),
	PHONE("Phone"), EMAIL("Email"), SSN("SSN");

	private final String label;

	Field(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
