package org.northstar.documentation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * An interaction as it is being written on the patient page: every field as typed,
 * unchecked until it is signed. Times are the practice's wall-clock times, as the page
 * shows them.
 *
 * @param startedAt a local date and time such as {@code 2026-11-03T10:00}; blank for now
 * @param participants names separated by commas
 * @param followUpOn the day a follow-up task is due, such as {@code 2026-11-10}; blank
 * for none
 * @param followUpWhat what is to be done then
 */
public record InteractionDraft(String kind, String outcome, String startedAt, String minutes, String staff,
		String activity, String participants, String note, String followUpOn, String followUpWhat) {

	static final int MAX_FIELD = 500;

	/**
	 * A blank draft with the page's defaults: an outgoing call that reached the person.
	 */
	public static InteractionDraft blank() {
		return new InteractionDraft("PHONE_OUT", "REACHED", "", "", "CLINICAL_STAFF", "CCM", "", "", "", "");
	}

	/**
	 * The interaction to sign.
	 * @param zone the practice's, in which {@code startedAt} is read
	 * @param now what a blank {@code startedAt} means
	 * @throws InvalidDocumentationException naming the field that cannot be read
	 */
	public NewInteraction toNewInteraction(ZoneId zone, Instant now) {
		String started;
		if (blank(this.startedAt)) {
			started = now.atZone(zone).toOffsetDateTime().toString();
		}
		else {
			try {
				started = LocalDateTime.parse(this.startedAt.strip()).atZone(zone).toOffsetDateTime().toString();
			}
			catch (DateTimeException ex) {
				throw new InvalidDocumentationException("startedAt",
						"'" + this.startedAt + "' is not a date and time such as 2026-11-03T10:00");
			}
		}
		Integer wholeMinutes = null;
		if (!blank(this.minutes)) {
			try {
				wholeMinutes = Integer.valueOf(this.minutes.strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidDocumentationException("minutes", "'" + this.minutes + "' is not a whole number");
			}
		}
		List<String> names = blank(this.participants) ? List.of()
				: Arrays.stream(this.participants.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		return new NewInteraction(this.kind, this.outcome, started, wholeMinutes, this.staff, this.activity, this.note,
				names, false, null);
	}

	/**
	 * The follow-up task the draft asks for, or null for none.
	 * @param today the practice's: a follow-up is not due in the past
	 * @throws InvalidDocumentationException naming {@code followUpOn} or
	 * {@code followUpWhat} when one is given without the other, or cannot be read
	 */
	public FollowUp followUp(LocalDate today) {
		if (blank(this.followUpOn) && blank(this.followUpWhat)) {
			return null;
		}
		if (blank(this.followUpWhat)) {
			throw new InvalidDocumentationException("followUpWhat", "say what to follow up on by " + this.followUpOn);
		}
		if (blank(this.followUpOn)) {
			throw new InvalidDocumentationException("followUpOn",
					"give the day to follow up on, such as " + today.plusDays(7));
		}
		LocalDate on = Fields.day("followUpOn", this.followUpOn);
		if (on.isBefore(today)) {
			throw new InvalidDocumentationException("followUpOn", on + " is before today (" + today + ")");
		}
		return new FollowUp(on, Fields.text("followUpWhat", this.followUpWhat, 200));
	}

	/** Refuses a field longer than a draft keeps, naming it. */
	void checkSizes() {
		size("kind", this.kind, MAX_FIELD);
		size("outcome", this.outcome, MAX_FIELD);
		size("startedAt", this.startedAt, MAX_FIELD);
		size("minutes", this.minutes, MAX_FIELD);
		size("staff", this.staff, MAX_FIELD);
		size("activity", this.activity, MAX_FIELD);
		size("participants", this.participants, 2_000);
		size("note", this.note, NewInteraction.MAX_NOTE);
		size("followUpOn", this.followUpOn, MAX_FIELD);
		size("followUpWhat", this.followUpWhat, MAX_FIELD);
	}

	private static void size(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw new InvalidDocumentationException(field,
					"is " + value.length() + " characters long, more than " + max);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** A task to create when the interaction is signed: what to do, and by when. */
	public record FollowUp(LocalDate on, String what) {
	}

}
