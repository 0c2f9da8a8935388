package org.northstar.scheduling;

import java.util.List;

/**
 * A booking refused because it conflicts and no reason to override was given. Nothing was
 * booked.
 */
public class ConflictsException extends RuntimeException {

	private final List<Conflict> conflicts;

	public ConflictsException(List<Conflict> conflicts) {
		super(conflicts.size() + (conflicts.size() == 1 ? " conflict" : " conflicts")
				+ "; book with a reason (\"overrideReason\") to override: "
				+ String.join("; ", conflicts.stream().map(Conflict::explanation).toList()));
		this.conflicts = List.copyOf(conflicts);
	}

	public List<Conflict> conflicts() {
		return this.conflicts;
	}

}
