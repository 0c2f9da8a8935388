package org.northstar.careplan;

import java.time.LocalDate;

/**
 * A plan item as a coordinator, a template or an adoption writes it: for a new item, or
 * the whole of an item's content when it is edited (the kind never changes).
 *
 * @param barrierKind for a barrier only
 * @param action what is being done about it (barriers, interventions)
 * @param owner who sees to it: a Northstar user, a care-team member's name, a team
 * @param conditionCode a problem's condition as the person's record codes it, or null
 * @param origin where it came from ({@code template:heart-failure}, {@code hospital
 * Goal/7}), or null
 * @param conditionRef a problem's recorded condition as the FHIR API names it
 * ({@code Condition/<id>}), or null
 */
public record ItemDraft(PlanItem.Kind kind, String title, BarrierKind barrierKind, String action, String owner,
		LocalDate dueOn, String conditionCode, Target target, String origin, String conditionRef) {

	/** An item that refers to no recorded condition by its FHIR id. */
	public ItemDraft(PlanItem.Kind kind, String title, BarrierKind barrierKind, String action, String owner,
			LocalDate dueOn, String conditionCode, Target target, String origin) {
		this(kind, title, barrierKind, action, owner, dueOn, conditionCode, target, origin, null);
	}

	public ItemDraft {
		conditionRef = Texts.blankToNull(conditionRef);
		title = Texts.blankToNull(title);
		action = Texts.blankToNull(action);
		owner = Texts.blankToNull(owner);
		conditionCode = Texts.blankToNull(conditionCode);
		origin = Texts.blankToNull(origin);
		target = target == null ? Target.NONE : target;
	}

	/**
	 * The rules every item keeps, whoever writes it: a title; a goal is measurable (a
	 * target in words or a band of a measure) and due by a date; a barrier says of which
	 * kind it is, what is being done about it, who owns that and by when.
	 * @throws InvalidPlanItemException naming the first field that is wrong
	 */
	public ItemDraft validated() {
		if (this.kind == null) {
			throw new InvalidPlanItemException("kind", "say whether it is a problem, goal, intervention or barrier");
		}
		if (this.title == null) {
			throw new InvalidPlanItemException("title", "a " + this.kind.label() + " needs a title");
		}
		if (this.title.length() > 500) {
			throw new InvalidPlanItemException("title", "at most 500 characters");
		}
		if (this.action != null && this.action.length() > 2000) {
			throw new InvalidPlanItemException("action", "at most 2000 characters");
		}
		if ((this.kind == PlanItem.Kind.BARRIER) != (this.barrierKind != null)) {
			throw new InvalidPlanItemException("barrierKind", this.kind == PlanItem.Kind.BARRIER
					? "say what kind of barrier it is" : "only a barrier has a barrier kind");
		}
		if (this.kind != PlanItem.Kind.PROBLEM && this.conditionRef != null) {
			throw new InvalidPlanItemException("conditionRef", "only a problem addresses a recorded condition");
		}
		if (this.kind != PlanItem.Kind.GOAL && !this.target.isEmpty()) {
			throw new InvalidPlanItemException("target", "only a goal has a target");
		}
		switch (this.kind) {
			case GOAL -> {
				if (this.target.isEmpty()) {
					throw new InvalidPlanItemException("target",
							"a goal must be measurable: give a target in words or a band of a measure");
				}
				this.target.requireValid();
				require(this.dueOn, "dueOn", "a goal needs the date it is due by");
			}
			case BARRIER -> {
				require(this.action, "action", "say what is being done about the barrier");
				require(this.owner, "owner", "say who owns what is being done about the barrier");
				require(this.dueOn, "dueOn", "say by when the barrier is to be dealt with");
			}
			case INTERVENTION -> require(this.owner, "owner", "an intervention needs an owner");
			case PROBLEM -> {
			}
		}
		return this;
	}

	private static void require(Object value, String field, String message) {
		if (value == null) {
			throw new InvalidPlanItemException(field, message);
		}
	}

}
