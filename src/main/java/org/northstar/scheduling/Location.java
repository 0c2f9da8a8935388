package org.northstar.scheduling;

/** Where providers see people. */
public record Location(String id, String name, String address, Coordinates coordinates) {

	public Location {
		if (id == null || id.isBlank()) {
			throw new InvalidScheduleException("id", "A location needs an id");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidScheduleException("name", "A location needs a name");
		}
		if (coordinates == null) {
			throw new InvalidScheduleException("coordinates", "A location needs its coordinates, for travel times");
		}
	}

}
