package org.northstar.scheduling;

import java.time.Duration;
import java.util.List;

/**
 * The visits a person needs, the order some must keep, and how long to search.
 *
 * @param timeLimit how long the solver searches; null: the configured default
 * @param seed the solver's random seed; the same seed and the same number of moves give
 * the same proposal
 * @param moveLimit stop after this many moves instead of at the time limit (tests,
 * benchmarks), whichever comes first; null: no limit
 */
public record ScheduleRequest(List<NeededVisit> visits, List<VisitOrder> order, Duration timeLimit, long seed,
		Long moveLimit) {

	public ScheduleRequest {
		if (visits == null || visits.isEmpty()) {
			throw new InvalidScheduleException("visits", "A proposal needs at least one visit");
		}
		if (visits.size() > 60) {
			throw new InvalidScheduleException("visits", "A proposal takes at most 60 visits, not " + visits.size());
		}
		visits = List.copyOf(visits);
		order = order == null ? List.of() : List.copyOf(order);
		if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.toSeconds() > 60)) {
			throw new InvalidScheduleException("timeLimitSeconds",
					"The time limit is more than 0 and at most 60 seconds, not " + timeLimit.toSeconds());
		}
	}

}
