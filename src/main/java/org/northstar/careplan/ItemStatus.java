package org.northstar.careplan;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a plan item stands. An open item may move to any state its kind allows; a closed
 * one (completed, not achieved, cancelled) only reopens, so that a finished goal is never
 * silently relabelled from achieved to not achieved.
 */
public enum ItemStatus {

	ACTIVE("active"), ON_HOLD("on hold"), COMPLETED("completed"), NOT_ACHIEVED("not achieved"), CANCELLED("cancelled");

	private final String label;

	ItemStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * The label of this status for an item of the kind: a goal is achieved, not
	 * completed.
	 */
	public String label(PlanItem.Kind kind) {
		return this == COMPLETED ? switch (kind) {
			case GOAL -> "achieved";
			case PROBLEM -> "resolved";
			case BARRIER -> "resolved";
			case INTERVENTION -> "done";
		} : this.label;
	}

	public boolean open() {
		return this == ACTIVE || this == ON_HOLD;
	}

	/** The states an item of the kind may move to from this one. */
	public Set<ItemStatus> next(PlanItem.Kind kind) {
		if (!open()) {
			return EnumSet.of(ACTIVE);
		}
		Set<ItemStatus> next = EnumSet.allOf(ItemStatus.class);
		next.remove(this);
		if (kind != PlanItem.Kind.GOAL) {
			// Only a goal has a measure that can be missed.
			next.remove(NOT_ACHIEVED);
		}
		return next;
	}

	/**
	 * @throws InvalidPlanItemException if an item of the kind may not move from this
	 * state to {@code next}
	 */
	public void requireMayBecome(ItemStatus next, PlanItem.Kind kind) {
		if (next != this && !next(kind).contains(next)) {
			throw new InvalidPlanItemException("status", "a " + kind.label() + " that is " + label(kind)
					+ " cannot become " + next.label(kind) + (open() ? "" : "; reopen it first"));
		}
	}

}
