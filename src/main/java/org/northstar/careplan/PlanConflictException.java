package org.northstar.careplan;

/**
 * A change made against a version of a plan item that is no longer the current one:
 * someone else changed it since it was read. Nothing was written.
 */
public class PlanConflictException extends RuntimeException {

	private final int current;

	public PlanConflictException(String message, int current) {
		super(message);
		this.current = current;
	}

	/** The version the item is at now. */
	public int current() {
		return this.current;
	}

}
