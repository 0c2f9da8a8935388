package org.northstar.caseload;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An attribution list with wrong lines, of which none was applied; each problem names its
 * line and column.
 */
public class AttributionListRefusedException extends RuntimeException {

	private final List<Assignments.Problem> problems;

	public AttributionListRefusedException(List<Assignments.Problem> problems) {
		super(problems.size() + " line(s) of the list are wrong, so none was applied:\n"
				+ problems.stream().map(Assignments.Problem::toString).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<Assignments.Problem> problems() {
		return this.problems;
	}

}
