package org.northstar.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One item of a person's care plan, at its current version.
 *
 * @param fhirId its id in the FHIR API (a goal is {@code Goal/<fhirId>})
 * @param version counts the item's changes, from 1; a change names the version it was
 * made against
 * @param notes progress notes, oldest first
 * @param conditionRef a problem's recorded condition ({@code Condition/<id>}), or null
 */
public record PlanItem(long id, UUID fhirId, long planId, Kind kind, String title, BarrierKind barrierKind,
		String action, String owner, LocalDate dueOn, ItemStatus status, String conditionCode, Target target,
		String origin, int version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
		List<ProgressNote> notes, String conditionRef) {

	/** An item that refers to no recorded condition by its FHIR id. */
	public PlanItem(long id, UUID fhirId, long planId, Kind kind, String title, BarrierKind barrierKind, String action,
			String owner, LocalDate dueOn, ItemStatus status, String conditionCode, Target target, String origin,
			int version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
			List<ProgressNote> notes) {
		this(id, fhirId, planId, kind, title, barrierKind, action, owner, dueOn, status, conditionCode, target, origin,
				version, createdAt, createdBy, updatedAt, updatedBy, notes, null);
	}

	public PlanItem {
		notes = List.copyOf(notes);
	}

	/** What a plan item is. */
	public enum Kind {

		PROBLEM("problem"), GOAL("goal"), INTERVENTION("intervention"), BARRIER("barrier");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	/** The item's content, to edit. */
	public ItemDraft draft() {
		return new ItemDraft(this.kind, this.title, this.barrierKind, this.action, this.owner, this.dueOn,
				this.conditionCode, this.target, this.origin, this.conditionRef);
	}

	/** Whether it is open and past its due date. */
	public boolean overdueOn(LocalDate today) {
		return this.status.open() && this.dueOn != null && this.dueOn.isBefore(today);
	}

	/** A progress note on an item. */
	public record ProgressNote(long id, String text, Instant writtenAt, String writtenBy) {
	}

}
