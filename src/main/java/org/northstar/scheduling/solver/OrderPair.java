package org.northstar.scheduling.solver;

import org.northstar.scheduling.VisitOrder;

/**
 * Two needed visits an order applies to, by their ids (facts are not cloned with the
 * solution, so they must not hold the entities).
 */
public record OrderPair(int before, int after, VisitOrder order) {

	public boolean keptBy(Slot first, Slot second) {
		if (this.order.minDays() == 0) {
			return first.endMinute <= second.startMinute;
		}
		return !first.day.plusDays(this.order.minDays()).isAfter(second.day);
	}

	/** How many days short of being kept (1 for the same day in the wrong order). */
	public long shortfallDays(Slot first, Slot second) {
		long days = java.time.temporal.ChronoUnit.DAYS.between(second.day, first.day.plusDays(this.order.minDays()));
		return Math.max(1, days);
	}

}
