package org.northstar.scheduling.solver;

import org.northstar.scheduling.NeededVisit;

import java.util.List;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * One needed visit with at least one candidate slot, and the slot the solver gives it.
 * Every visit is given one; a visit that still clashes when the search ends is taken out
 * of the proposal afterwards and explained.
 */
@PlanningEntity
public class VisitAssignment {

	@PlanningId
	private int id;

	private NeededVisit visit;

	private boolean severalPerDay;

	@ValueRangeProvider(id = "candidates")
	private List<Slot> candidates;

	@PlanningVariable(valueRangeProviderRefs = "candidates")
	private Slot slot;

	public VisitAssignment() {
	}

	public VisitAssignment(int id, NeededVisit visit, boolean severalPerDay, List<Slot> candidates) {
		this.id = id;
		this.visit = visit;
		this.severalPerDay = severalPerDay;
		this.candidates = candidates;
	}

	public int id() {
		return this.id;
	}

	public NeededVisit visit() {
		return this.visit;
	}

	public boolean severalPerDay() {
		return this.severalPerDay;
	}

	public List<Slot> candidates() {
		return this.candidates;
	}

	public Slot slot() {
		return this.slot;
	}

	public void assign(Slot slot) {
		this.slot = slot;
	}

}
