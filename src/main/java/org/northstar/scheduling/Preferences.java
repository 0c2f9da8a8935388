package org.northstar.scheduling;

/**
 * When a person would rather be seen. Soft: a proposal prefers these, but a visit outside
 * them is not a conflict. {@code severalVisitsPerDay} false is kept as a rule: at most
 * one visit on a day, and so is the clinic's language when {@code languageRequired}.
 *
 * @param language the language they would like the clinic to speak (BCP 47), or null
 * @param languageRequired whether a clinic that does not speak it is a conflict (the
 * person cannot manage with an interpreter) rather than a preference
 */
public record Preferences(boolean evenings, boolean saturdays, boolean severalVisitsPerDay, String language,
		boolean languageRequired) {

	public static final Preferences NONE = new Preferences(false, false, true, null);

	public Preferences {
		language = language == null || language.isBlank() ? null : language.strip();
		if (languageRequired && language == null) {
			throw new InvalidScheduleException("languageRequired", "A required clinic language needs the language");
		}
	}

	/** A preference for the language, not a requirement. */
	public Preferences(boolean evenings, boolean saturdays, boolean severalVisitsPerDay, String language) {
		this(evenings, saturdays, severalVisitsPerDay, language, false);
	}

}
