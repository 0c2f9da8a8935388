package org.northstar.documentation;

import java.time.Instant;
import java.util.List;

import org.northstar.documentation.Interaction.Activity;
import org.northstar.documentation.Interaction.Kind;
import org.northstar.documentation.Interaction.Outcome;
import org.northstar.documentation.Interaction.Staff;

/**
 * An interaction to record, as a client sent it: every field as text, so that a wrong one
 * is refused by name rather than by a parser's message.
 */
public record NewInteraction(String kind, String outcome, String startedAt, Integer minutes, String staff,
		String activity, String note, List<String> participants, Boolean complexCarePlan, String billingPractitioner) {

	static final int MAX_NOTE = 20_000;

	static final int MAX_MINUTES = 1440;

	Kind parsedKind() {
		return Fields.oneOf("kind", this.kind, Kind.class);
	}

	Outcome parsedOutcome() {
		return Fields.oneOf("outcome", this.outcome, Outcome.class);
	}

	Staff parsedStaff() {
		return Fields.oneOf("staff", this.staff, Staff.class);
	}

	Activity parsedActivity() {
		return Fields.oneOf("activity", this.activity, Activity.class);
	}

	Instant parsedStartedAt() {
		return Fields.instant("startedAt", this.startedAt);
	}

	int checkedMinutes() {
		if (this.minutes == null) {
			throw new InvalidDocumentationException("minutes", "is required (whole minutes, 0 to " + MAX_MINUTES + ")");
		}
		if (this.minutes < 0 || this.minutes > MAX_MINUTES) {
			throw new InvalidDocumentationException("minutes",
					this.minutes + " is not between 0 and " + MAX_MINUTES + " (one day)");
		}
		return this.minutes;
	}

	String checkedNote() {
		return Fields.text("note", this.note, MAX_NOTE);
	}

	List<String> checkedParticipants() {
		if (this.participants == null) {
			return List.of();
		}
		for (int i = 0; i < this.participants.size(); i++) {
			String participant = this.participants.get(i);
			if (participant == null || participant.isBlank() || participant.length() > 200) {
				throw new InvalidDocumentationException("participants[" + i + "]",
						"must be a name of 1 to 200 characters");
			}
		}
		return this.participants.stream().map(String::strip).toList();
	}

	String checkedBillingPractitioner() {
		return this.billingPractitioner == null || this.billingPractitioner.isBlank() ? null
				: Fields.text("billingPractitioner", this.billingPractitioner, 200);
	}

}
