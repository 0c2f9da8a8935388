package org.northstar.scheduling;

import java.util.List;
import java.util.Map;

/**
 * What a person's time is taken by, as a conflict check and a proposal need it: their
 * commitments, how they travel, what they prefer, their appointments (of every record of
 * the person) and the locations those are at.
 *
 * @param telehealth their telehealth checklist; null when never gone through, and video
 * visits are then offered
 */
public record PersonSchedule(List<Commitment> commitments, Transport transport, Preferences preferences,
		List<Appointment> appointments, Map<String, Location> locations, TelehealthReadiness telehealth) {

	/** Someone whose telehealth checklist was never gone through. */
	public PersonSchedule(List<Commitment> commitments, Transport transport, Preferences preferences,
			List<Appointment> appointments, Map<String, Location> locations) {
		this(commitments, transport, preferences, appointments, locations, null);
	}

	public PersonSchedule {
		commitments = List.copyOf(commitments);
		transport = transport == null ? Transport.UNRESTRICTED : transport;
		preferences = preferences == null ? Preferences.NONE : preferences;
		appointments = List.copyOf(appointments);
		locations = Map.copyOf(locations);
	}

}
