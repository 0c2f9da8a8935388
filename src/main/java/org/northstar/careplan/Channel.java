package org.northstar.careplan;

/** How a care-team member prefers to be reached, and how the plan was sent to them. */
public enum Channel {

	PHONE("Phone"), SMS("Text message"), EMAIL("E-mail"), FAX("Fax"), PORTAL("Portal message"), MAIL("Post"),
	IN_PERSON("In person");

	private final String label;

	Channel(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
