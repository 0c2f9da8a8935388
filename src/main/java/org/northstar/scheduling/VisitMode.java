package org.northstar.scheduling;

/** How a visit happens. Only in-person visits need travel. */
public enum VisitMode {

	IN_PERSON, TELEHEALTH, PHONE;

	public boolean inPerson() {
		return this == IN_PERSON;
	}

}
