package org.northstar.scheduling;

/**
 * Scheduling input that cannot be taken, naming the field that was wrong. Nothing of the
 * request it came with has been stored.
 */
public class InvalidScheduleException extends RuntimeException {

	private final String field;

	public InvalidScheduleException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The field that was wrong, as the API names it ({@code commitments[1].end}). */
	public String field() {
		return this.field;
	}

}
