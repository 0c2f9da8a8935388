package org.northstar.worklist;

/**
 * What a task follows, so that it can link back: a care-plan item (an intervention or a
 * barrier) or a team meeting's decision. The worklist keeps its id and its title as it
 * was when the task was made, not a copy of it.
 *
 * @param id the plan item's or the meeting's id
 */
public record TaskBasis(Kind kind, long id, String title) {

	public TaskBasis {
		if (kind == null || title == null || title.isBlank()) {
			throw new IllegalArgumentException("A task's basis needs a kind and a title");
		}
	}

	/** What a task can follow. */
	public enum Kind {

		PLAN_ITEM, MEETING

	}

}
