package org.northstar.meetings;

/**
 * A change to a meeting, victory or conference that breaks a rule; says which field and
 * why. Nothing was changed.
 */
public class MeetingRefusedException extends RuntimeException {

	private final String field;

	public MeetingRefusedException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
