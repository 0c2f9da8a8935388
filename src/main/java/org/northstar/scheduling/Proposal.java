package org.northstar.scheduling;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A proposed schedule: visits placed so that none conflicts with the person's life, the
 * providers' calendars or each other, and the visits that could not be placed, each with
 * why and what would make it placeable.
 *
 * @param trips the days the person travels to a visit
 * @param score the solver's score (hard/medium/soft), for the curious
 */
public record Proposal(List<Placed> visits, int trips, List<Unplaced> unplaced, String score) {

	/**
	 * A placed visit. Location is null for telehealth and phone visits.
	 *
	 * @param notes what the coordinator should know of it, in words ("Dr Patel does not
	 * list Spanish (es), the person's preferred language"); empty when nothing
	 */
	public record Placed(String type, ZonedDateTime start, ZonedDateTime end, Location location, Provider provider,
			VisitMode mode, List<String> notes) {

		public Placed {
			notes = notes == null ? List.of() : List.copyOf(notes);
		}

	}

	/** A visit not placed, and why. */
	public record Unplaced(String type, String reason) {
	}

}
