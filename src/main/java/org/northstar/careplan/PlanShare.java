package org.northstar.careplan;

import java.time.Instant;

/**
 * The plan sent to a care-team member: which version, in which form, how and when, by
 * whom. Kept for good; sending it also marks that version as seen by them.
 */
public record PlanShare(long id, long memberId, String member, int planVersion, Format format, Channel channel,
		Instant sentAt, String sentBy) {

	/** What was sent. */
	public enum Format {

		/** A FHIR document: the CarePlan, its Goals and the CareTeam. */
		BUNDLE("FHIR bundle"),

		/** The printable summary for providers. */
		SUMMARY("printed summary");

		private final String label;

		Format(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
