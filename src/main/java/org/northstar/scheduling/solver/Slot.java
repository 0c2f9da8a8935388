package org.northstar.scheduling.solver;

import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.VisitMode;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A time a visit may take, already free of conflicts with the person's life and the
 * provider's calendar; what is left to the solver is how slots fit together. Identity
 * equality: two slots are the same only if they are one object.
 */
public final class Slot {

	public final int id;

	public final Provider provider;

	/** Null for telehealth and phone. */
	public final Location location;

	public final VisitMode mode;

	public final ZonedDateTime start;

	public final ZonedDateTime end;

	public final long startMinute;

	public final long endMinute;

	public final LocalDate day;

	/** Days from the first day of the proposal, to prefer sooner visits. */
	public final int dayIndex;

	/** Whether the person has work that day. */
	public final boolean workDay;

	/** Whether it is at a time the person prefers (or they have no preference). */
	public final boolean preferred;

	public final TravelMatrix travel;

	/**
	 * Where the person comes from when this is the day's first visit: the place of a
	 * commitment that ends before it that day (work), or null for home.
	 */
	public final Coordinates cameFrom;

	/**
	 * Where the person goes on to when this is the day's last visit: the place of a
	 * commitment that starts after it that day, or null for home.
	 */
	public final Coordinates goesTo;

	/** Whether the provider speaks the person's language (or they named none). */
	public final boolean speaksTheirLanguage;

	public Slot(int id, Provider provider, VisitMode mode, ZonedDateTime start, ZonedDateTime end, int dayIndex,
			boolean workDay, boolean preferred, TravelMatrix travel) {
		this(id, provider, mode, start, end, dayIndex, workDay, preferred, travel, null, null, true);
	}

	public Slot(int id, Provider provider, VisitMode mode, ZonedDateTime start, ZonedDateTime end, int dayIndex,
			boolean workDay, boolean preferred, TravelMatrix travel, Coordinates cameFrom, Coordinates goesTo,
			boolean speaksTheirLanguage) {
		this.id = id;
		this.provider = provider;
		this.location = mode.inPerson() ? provider.location() : null;
		this.mode = mode;
		this.start = start;
		this.end = end;
		this.startMinute = start.toEpochSecond() / 60;
		this.endMinute = end.toEpochSecond() / 60;
		this.day = start.toLocalDate();
		this.dayIndex = dayIndex;
		this.workDay = workDay;
		this.preferred = preferred;
		this.travel = travel;
		this.cameFrom = cameFrom;
		this.goesTo = goesTo;
		this.speaksTheirLanguage = speaksTheirLanguage;
	}

	public boolean inPerson() {
		return this.mode.inPerson();
	}

	public LocalDate day() {
		return this.day;
	}

	/** Whether the two overlap, or leave less time between them than the trip takes. */
	public boolean clashesWith(Slot other) {
		int gap = inPerson() && other.inPerson() ? this.travel.between(this.location, other.location) : 0;
		return this.startMinute < other.endMinute + gap && other.startMinute < this.endMinute + gap;
	}

	/** How many minutes short of fitting the two are; at least 1 when they clash. */
	public long clashMinutes(Slot other) {
		int gap = inPerson() && other.inPerson() ? this.travel.between(this.location, other.location) : 0;
		long overlap = Math.min(this.endMinute + gap, other.endMinute + gap)
				- Math.max(this.startMinute, other.startMinute);
		return Math.max(1, overlap);
	}

	@Override
	public String toString() {
		return this.provider.id() + " " + this.mode + " " + this.start;
	}

}
