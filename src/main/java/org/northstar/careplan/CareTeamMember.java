package org.northstar.careplan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One member of a person's care team, current or past, at their current version.
 *
 * @param username the Northstar user, or null for someone outside Northstar
 * @param endedOn the day their membership ended, or null while it lasts
 * @param seenVersion the version of the plan they were last sent or saw, or null
 * @param version counts the changes to the membership, from 1
 */
public record CareTeamMember(long id, long planId, String username, String name, String role, String organisation,
		String phone, String email, Channel channel, LocalDate startedOn, LocalDate endedOn, String endReason,
		Integer seenVersion, Instant seenAt, int version, Instant updatedAt, String updatedBy) {

	/** Whether they are on the team on {@code day}. */
	public boolean activeOn(LocalDate day) {
		return !this.startedOn.isAfter(day) && (this.endedOn == null || this.endedOn.isAfter(day));
	}

	/**
	 * The phone for a {@code tel:} link: as given, without spaces; null without a phone.
	 */
	public String dial() {
		return this.phone == null ? null : this.phone.replaceAll("\\s+", "");
	}

	public boolean ended() {
		return this.endedOn != null;
	}

	/** Whether what they last saw is the plan at {@code planVersion}. */
	public boolean hasSeen(int planVersion) {
		return this.seenVersion != null && this.seenVersion >= planVersion;
	}

	/** The membership's content, to edit. */
	public MemberDraft draft() {
		return new MemberDraft(this.username, this.name, this.role, this.organisation, this.phone, this.email,
				this.channel, this.startedOn);
	}

	/** Its id in a FHIR CareTeam ({@code participant.id}). */
	public String participantId() {
		return "member-" + this.id;
	}

}
