package org.northstar.scheduling;

/** How a person travels, and when they would rather be seen. */
public record TravelAndPreferences(Transport transport, Preferences preferences) {

	public static final TravelAndPreferences NONE = new TravelAndPreferences(Transport.UNRESTRICTED, Preferences.NONE);

}
