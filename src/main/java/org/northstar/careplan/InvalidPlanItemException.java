package org.northstar.careplan;

/** A plan item that cannot be kept as given; nothing was written. */
public class InvalidPlanItemException extends RuntimeException {

	private final String field;

	public InvalidPlanItemException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/** The field that was wrong, as the forms and the APIs name it. */
	public String field() {
		return this.field;
	}

}
