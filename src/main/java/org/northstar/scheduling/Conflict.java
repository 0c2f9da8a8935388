package org.northstar.scheduling;

/**
 * Why a visit at a time does not fit, in words a coordinator reads ("Tue 14 Jan 09:30
 * overlaps dialysis 06:00–10:00 + 2 h recovery").
 */
public record Conflict(Kind kind, String explanation) {

	public enum Kind {

		/** Overlaps a commitment or the buffer after it. */
		COMMITMENT,
		/**
		 * Overlaps another appointment, or leaves too little time to travel between them.
		 */
		APPOINTMENT,
		/** Outside the provider's sessions, or on a closure. */
		OPENING_HOURS,
		/** The provider is booked with someone else. */
		PROVIDER_BOOKED,
		/**
		 * The person cannot get there: ride lead time, ride hours or days, trip too long.
		 */
		TRANSPORT,
		/**
		 * The provider does not speak the language the person needs (when it is required,
		 * not only preferred).
		 */
		LANGUAGE,
		/** A video visit for a person whose telehealth checklist is not complete. */
		TELEHEALTH

	}

}
