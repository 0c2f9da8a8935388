package org.northstar.patient;

import java.util.Optional;

import org.northstar.shared.PatientId;

/**
 * A linkage decision refused because it contradicts an earlier one, such as linking two
 * records whose people hold a pair someone marked as different people. The message says
 * which decision stands in the way and what to do instead, in words a coordinator reads.
 */
public class DecisionConflictException extends RuntimeException {

	private final LinkCandidate standing;

	public DecisionConflictException(String message) {
		this(message, null);
	}

	/**
	 * @param standing the pair marked as different people that stands in the way, if that
	 * is the conflict
	 */
	public DecisionConflictException(String message, LinkCandidate standing) {
		super(message);
		this.standing = standing;
	}

	/**
	 * The pair marked as different people that stands in the way: a supervisor may
	 * re-open it.
	 */
	public Optional<PatientId[]> rejectedPair() {
		return Optional.ofNullable(this.standing).map(c -> new PatientId[] { c.recordA(), c.recordB() });
	}

}
