package org.northstar.medication;

/** A "cannot afford" refused as a whole, naming the field that was wrong. */
public class InvalidAffordabilityException extends RuntimeException {

	private final String field;

	public InvalidAffordabilityException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
