package org.northstar.medication;

/** A reconciliation refused as a whole, naming the field that was wrong. */
public class InvalidReconciliationException extends RuntimeException {

	private final String field;

	public InvalidReconciliationException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
