package org.northstar.careplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * A person's one living care plan at its current version, with all its items, open and
 * closed, in the order they were added.
 *
 * @param patient the record it was opened on (one of the person's)
 * @param version counts the changes to the plan and its items, from 1
 */
public record CarePlan(long id, UUID fhirId, PatientId patient, int version, Instant createdAt, String createdBy,
		Instant updatedAt, String updatedBy, List<PlanItem> items) {

	public CarePlan {
		items = List.copyOf(items);
	}

	public List<PlanItem> items(PlanItem.Kind kind) {
		return this.items.stream().filter(i -> i.kind() == kind).toList();
	}

	public List<PlanItem> problems() {
		return items(PlanItem.Kind.PROBLEM);
	}

	public List<PlanItem> goals() {
		return items(PlanItem.Kind.GOAL);
	}

	public List<PlanItem> interventions() {
		return items(PlanItem.Kind.INTERVENTION);
	}

	public List<PlanItem> barriers() {
		return items(PlanItem.Kind.BARRIER);
	}

	/** Whether any item came from the template ({@code template:<id>}). */
	public boolean applied(String templateId) {
		String origin = PlanTemplate.ORIGIN_PREFIX + templateId;
		return this.items.stream().anyMatch(i -> origin.equals(i.origin()));
	}

	/** Whether any item was adopted from this origin. */
	public boolean adopted(String origin) {
		return this.items.stream().anyMatch(i -> origin.equals(i.origin()));
	}

}
