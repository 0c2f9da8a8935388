package org.northstar.careplan;

import java.time.LocalDate;

/**
 * A care-team member as a coordinator or a FHIR client writes them: a Northstar user
 * ({@code username}) or someone outside Northstar, by name, with their role on the team,
 * their organisation and how to reach them.
 *
 * @param username the Northstar user, or null for someone outside
 * @param channel how they prefer to be reached, or null when not known
 * @param startedOn the day they joined the team
 */
public record MemberDraft(String username, String name, String role, String organisation, String phone, String email,
		Channel channel, LocalDate startedOn) {

	public MemberDraft {
		username = Texts.blankToNull(username);
		name = Texts.blankToNull(name);
		role = Texts.blankToNull(role);
		organisation = Texts.blankToNull(organisation);
		phone = Texts.blankToNull(phone);
		email = Texts.blankToNull(email);
	}

	/**
	 * The rules every member keeps: a name and a role; a way to reach someone outside
	 * Northstar; the preferred channel one they can be reached by.
	 * @throws InvalidPlanItemException naming the first field that is wrong
	 */
	public MemberDraft validated() {
		if (this.name == null) {
			throw new InvalidPlanItemException("name", "say who the care-team member is");
		}
		if (this.name.length() > 200) {
			throw new InvalidPlanItemException("name", "at most 200 characters");
		}
		if (this.role == null) {
			throw new InvalidPlanItemException("role",
					"say what " + this.name + " does for the person (cardiologist, pharmacist, daughter)");
		}
		if (this.role.length() > 200) {
			throw new InvalidPlanItemException("role", "at most 200 characters");
		}
		if (this.startedOn == null) {
			throw new InvalidPlanItemException("startedOn", "say from when " + this.name + " is on the team");
		}
		if (this.email != null && !this.email.matches("[^@\\s]+@[^@\\s]+")) {
			throw new InvalidPlanItemException("email", "'" + this.email + "' is not an e-mail address");
		}
		if (this.phone != null && !this.phone.matches("[+0-9 ().\\-/x]{3,40}")) {
			throw new InvalidPlanItemException("phone", "'" + this.phone + "' is not a phone number");
		}
		if (this.username == null && this.phone == null && this.email == null) {
			throw new InvalidPlanItemException("phone",
					"give a phone number or an e-mail address to reach " + this.name + " outside Northstar");
		}
		if (this.channel != null && this.username == null) {
			boolean reachable = switch (this.channel) {
				case PHONE, SMS, FAX -> this.phone != null;
				case EMAIL -> this.email != null;
				case PORTAL, MAIL, IN_PERSON -> true;
			};
			if (!reachable) {
				throw new InvalidPlanItemException("channel",
						this.name + " prefers " + this.channel.label().toLowerCase(java.util.Locale.ROOT) + ", but no "
								+ (this.channel == Channel.EMAIL ? "e-mail address" : "number") + " is given");
			}
		}
		return this;
	}

}
