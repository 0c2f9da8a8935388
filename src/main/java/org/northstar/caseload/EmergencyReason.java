package org.northstar.caseload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a user broke the glass: a reason chosen from a list, so that the privacy officer
 * can count and compare them, and the user's own words, which {@link Category#OTHER}
 * needs. The words are kept as typed, in the audit trail beside the patient they concern:
 * they are the user's justification, which the privacy officer must be able to read, and
 * the audit trail is read only by administrators.
 *
 * @param category the reason chosen from the list
 * @param words the user's own words, stripped, without control characters; empty if none
 */
public record EmergencyReason(Category category, String words) {

	/** Longer than a justification needs, short enough to read in a report. */
	public static final int MAX_WORDS = 500;

	/** The fewest characters that can say why, when the list does not. */
	public static final int MIN_WORDS_FOR_OTHER = 10;

	public EmergencyReason {
		if (category == null) {
			throw new IllegalArgumentException("Choose why you need this record");
		}
		words = words == null ? "" : words.replaceAll("\\p{Cntrl}+", " ").strip();
		if (words.length() > MAX_WORDS) {
			throw new IllegalArgumentException("Say why in at most " + MAX_WORDS + " characters");
		}
		if (category == Category.OTHER && words.length() < MIN_WORDS_FOR_OTHER) {
			throw new IllegalArgumentException(
					"For \"Other\", say why you need this record (at least " + MIN_WORDS_FOR_OTHER + " characters)");
		}
	}

	/**
	 * The reason from a form: the category's name and the words typed.
	 * @throws IllegalArgumentException if no category or an unknown one is given, or the
	 * words are missing or too long
	 */
	public static EmergencyReason of(String category, String words) {
		return new EmergencyReason(category == null || category.isBlank() ? null : category(category.strip()), words);
	}

	private static Category category(String name) {
		try {
			return Category.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + name + "' is not a reason for emergency access: one of "
					+ Arrays.stream(Category.values()).map(Enum::name).collect(Collectors.joining(", ")));
		}
	}

	/** As the audit trail keeps it: "Covering for a colleague: Ben is off sick". */
	public String text() {
		return this.words.isEmpty() ? this.category.label() : this.category.label() + ": " + this.words;
	}

	/** The reasons a user may choose from. */
	public enum Category {

		EMERGENCY_CARE("Emergency care"), COVERING_FOR_A_COLLEAGUE("Covering for a colleague"),
		PATIENT_CALLED("The patient called"), CARE_TRANSITION("Care transition"), OTHER("Other");

		private final String label;

		Category(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
