package org.northstar.careplan;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A CarePlan or Goal a source sent for one of the person's records, read for showing
 * beside the person's plan and adopting from.
 *
 * @param id Northstar's id of the stored resource
 * @param items what could be adopted from it: a CarePlan's activities and the problems it
 * addresses, a Goal itself
 */
public record ImportedPlan(UUID id, String resourceType, String source, String sourceId, String title, String status,
		List<Item> items) {

	public ImportedPlan {
		items = List.copyOf(items);
	}

	/** Where items adopted from it say they came from: "hospital CarePlan/cp-17". */
	public String origin() {
		return this.source + " " + this.resourceType + "/" + this.sourceId;
	}

	/**
	 * One adoptable part, as sent.
	 *
	 * @param index its place among the resource's items, to name it when adopting
	 * @param dueOn a goal's due date as sent, or null
	 */
	public record Item(int index, PlanItem.Kind kind, String title, String detail, String status, Target target,
			LocalDate dueOn) {
	}

}
