package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a transitional care management period stands on a given day: whether the
 * interactive contact was made in time, and whether each TCM code can still be billed.
 *
 * <p>
 * The rules (CMS, CPT 99495 and 99496): the period is the discharge day and the 29 days
 * after it. Both codes need an interactive contact (or two documented attempts) within 2
 * business days of the discharge. 99496 needs medical decision making of high complexity
 * and a face-to-face visit within 7 days; 99495 at least moderate complexity and a visit
 * within 14 days. TCM is billed once per period, so a discharge inside an earlier period
 * opens none of its own; a readmission does not end the period. A patient who dies before
 * the period ends cannot be billed TCM; the visits are billed as E/M services.
 *
 * <p>
 * The complexity is the clinician's judgement, set on the discharge; until it is set the
 * period is {@link Complexity#NOT_ASSESSED} and neither code is {@link Standing#MET}: a
 * code whose deadlines are kept is {@link Standing#AWAITING_ASSESSMENT}, which says so.
 *
 * @param encounter Northstar's id of the inpatient stay whose discharge opened the period
 * @param endsOn the last day of the period, the discharge day plus 29
 * @param assessment the clinician's judgement of complexity, and who made it when
 * @param notes what else changes the billing: a readmission, a death, an earlier period
 */
public record TcmClock(UUID encounter, LocalDate dischargedOn, LocalDate endsOn, Assessment assessment,
		Requirement contact, Requirement code99496, Requirement code99495, List<String> notes) {

	public Complexity complexity() {
		return this.assessment.complexity();
	}

	/** The contact and the two codes, each under the name a coordinator knows it by. */
	public Map<String, Requirement> requirements() {
		Map<String, Requirement> requirements = new LinkedHashMap<>();
		requirements.put("Contact within 2 business days", this.contact);
		requirements.put("99496: visit within 7 days", this.code99496);
		requirements.put("99495: visit within 14 days", this.code99495);
		return requirements;
	}

	/**
	 * This clock with a note naming the other sources that sent the same stay, which
	 * started nothing of their own.
	 */
	TcmClock alsoSentBy(List<String> sources) {
		if (sources.isEmpty()) {
			return this;
		}
		List<String> more = new ArrayList<>(this.notes);
		more.add("The same stay also came from " + String.join(", ", sources)
				+ ": one transition of care, under the discharge that arrived first.");
		return new TcmClock(this.encounter, this.dischargedOn, this.endsOn, this.assessment, this.contact,
				this.code99496, this.code99495, List.copyOf(more));
	}

	/** Days left in the period on {@code today}, 0 once it has ended. */
	public long daysLeft(LocalDate today) {
		return Math.max(0, this.endsOn.toEpochDay() - today.toEpochDay() + 1);
	}

	/**
	 * The medical decision making of the TCM service, as a clinician judged it: 99496
	 * needs high, 99495 at least moderate. Never judged by Northstar.
	 */
	public enum Complexity {

		NOT_ASSESSED("complexity not assessed"), MODERATE("moderate complexity"), HIGH("high complexity");

		private final String label;

		Complexity(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	/**
	 * A clinician's judgement of the complexity; {@link #NONE} until one is made.
	 *
	 * @param by the username of the clinician who judged it, null when not assessed
	 * @param at when it was judged, null when not assessed
	 */
	public record Assessment(Complexity complexity, String by, Instant at) {

		public static final Assessment NONE = new Assessment(Complexity.NOT_ASSESSED, null, null);

		public boolean assessed() {
			return this.complexity != Complexity.NOT_ASSESSED;
		}

	}

	/** One requirement or code: where it stands and why, in the coordinator's words. */
	public record Requirement(Standing standing, String explanation) {
	}

	public enum Standing {

		/** Done in time. */
		MET("Met"),
		/** Not done yet, and there is still time. */
		REACHABLE("Reachable"),
		/** Its deadline passed without it. */
		MISSED("Missed"),
		/**
		 * Its deadlines are kept so far (or met), but it cannot be billed until a
		 * clinician judges the complexity.
		 */
		AWAITING_ASSESSMENT("Complexity not assessed"),
		/** Cannot be billed whatever is done now. */
		NOT_BILLABLE("Not billable");

		private final String label;

		Standing(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
