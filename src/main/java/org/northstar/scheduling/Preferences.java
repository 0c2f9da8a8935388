package org.northstar.scheduling;

/**
 * When a person would rather be seen. Soft: a proposal prefers these, but a visit outside
 * them is not a conflict. {@code severalVisitsPerDay} false is kept as a rule: at most
 * one visit on a day.
 *
 * @param language the language they would like the clinic to speak (BCP 47), or null
 */
public record Preferences(boolean evenings, boolean saturdays, boolean severalVisitsPerDay, String language) {

	public static final Preferences NONE = new Preferences(false, false, true, null);

}
