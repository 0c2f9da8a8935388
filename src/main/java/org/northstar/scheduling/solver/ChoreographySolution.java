package org.northstar.scheduling.solver;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** The needed visits of one person and the orders between them. */
@PlanningSolution
public class ChoreographySolution {

	@PlanningEntityCollectionProperty
	private List<VisitAssignment> visits;

	@ProblemFactCollectionProperty
	private List<OrderPair> orders;

	@PlanningScore
	private HardMediumSoftLongScore score;

	public ChoreographySolution() {
	}

	public ChoreographySolution(List<VisitAssignment> visits, List<OrderPair> orders) {
		this.visits = visits;
		this.orders = orders;
	}

	public List<VisitAssignment> visits() {
		return this.visits;
	}

	public List<OrderPair> orders() {
		return this.orders;
	}

	public HardMediumSoftLongScore score() {
		return this.score;
	}

}
