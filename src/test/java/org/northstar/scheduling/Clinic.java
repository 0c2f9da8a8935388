package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test providers that read like the domain:
 * {@code Clinic.at(HEART).weekdays("08:00", "12:00")}.
 */
final class Clinic {

	private final Location location;

	private final List<Provider.Session> sessions = new ArrayList<>();

	private final List<Provider.Closure> closures = new ArrayList<>();

	private boolean telehealth;

	private Clinic(Location location) {
		this.location = location;
	}

	static Clinic at(Location location) {
		return new Clinic(location);
	}

	Clinic weekdays(String start, String end) {
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			on(day, start, end);
		}
		return this;
	}

	Clinic on(DayOfWeek day, String start, String end) {
		this.sessions.add(new Provider.Session(day, LocalTime.parse(start), LocalTime.parse(end)));
		return this;
	}

	Clinic closed(LocalDate first, LocalDate last, String reason) {
		this.closures.add(new Provider.Closure(first, last, reason));
		return this;
	}

	Clinic telehealth() {
		this.telehealth = true;
		return this;
	}

	Provider provider(String id, String name, String specialty, int minutes) {
		return new Provider(id, name, specialty, this.location, this.telehealth, List.of(), this.sessions,
				this.closures, Map.of(specialty, minutes));
	}

}
