package org.northstar.scheduling;

/**
 * Where something in a person's life happens (their work, the dialysis unit, a school),
 * for the travel to and from it.
 *
 * @param address as the person gives it, for people to read; may be null
 * @param coordinates for travel times; never null
 */
public record Place(String address, Coordinates coordinates) {

	public Place {
		if (coordinates == null) {
			throw new InvalidScheduleException("latitude", "A place needs its coordinates (latitude, longitude)");
		}
		address = address == null || address.isBlank() ? null : address.strip();
	}

	/** The address, or the coordinates when there is none. */
	public String describe() {
		return this.address != null ? this.address : String.format(java.util.Locale.ROOT, "%.4f, %.4f",
				this.coordinates.latitude(), this.coordinates.longitude());
	}

}
