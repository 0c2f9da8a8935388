package org.northstar.scheduling.solver;

import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.TravelTimes;

import java.util.HashMap;
import java.util.Map;

/**
 * Travel minutes between locations and from the person's home, by the person's mode,
 * computed once per proposal.
 */
public final class TravelMatrix {

	private final TravelTimes travel;

	private final Transport transport;

	private final Map<String, Integer> minutes = new HashMap<>();

	public TravelMatrix(TravelTimes travel, Transport transport) {
		this.travel = travel;
		this.transport = transport;
	}

	public int between(Location a, Location b) {
		if (a == null || b == null || a.id().equals(b.id())) {
			return 0;
		}
		String key = a.id().compareTo(b.id()) < 0 ? a.id() + "\u0000" + b.id() : b.id() + "\u0000" + a.id();
		return this.minutes.computeIfAbsent(key,
				k -> (int) this.travel.between(a.coordinates(), b.coordinates(), this.transport.mode()).toMinutes());
	}

	/** Minutes between a place (null: home) and a location. */
	public int from(Coordinates place, Location location) {
		if (place == null) {
			return fromHome(location);
		}
		if (location == null) {
			return 0;
		}
		return this.minutes.computeIfAbsent(
				"\u0002" + place.latitude() + "," + place.longitude() + "\u0000" + location.id(),
				k -> (int) this.travel.between(place, location.coordinates(), this.transport.mode()).toMinutes());
	}

	public int fromHome(Location location) {
		if (location == null || this.transport.home() == null) {
			return 0;
		}
		return this.minutes.computeIfAbsent("\u0001" + location.id(),
				k -> (int) this.travel.between(this.transport.home(), location.coordinates(), this.transport.mode())
					.toMinutes());
	}

}
