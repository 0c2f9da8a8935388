package org.northstar.medication;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The last day the person had an encounter with each practitioner, matched to a
 * prescriber by identity: an identified prescriber (NPI, a source's Practitioner) matches
 * a visit of the same identity, or a visit that names no one but by the same name; a
 * prescriber known only by name matches any visit by that name. Two practitioners who
 * share a name and are told apart never stand for each other.
 */
final class PrescribersSeen {

	private final Map<String, LocalDate> byIdentity = new HashMap<>();

	/** Visits of practitioners known only by name. */
	private final Map<String, LocalDate> byNameOnly = new HashMap<>();

	/** Visits of any practitioner, by name. */
	private final Map<String, LocalDate> byName = new HashMap<>();

	static PrescribersSeen none() {
		return new PrescribersSeen();
	}

	PrescribersSeen seen(Prescriber practitioner, LocalDate on) {
		if (practitioner.identified()) {
			later(this.byIdentity, practitioner.key(), on);
		}
		else {
			later(this.byNameOnly, practitioner.key(), on);
		}
		if (practitioner.nameKey() != null) {
			later(this.byName, practitioner.nameKey(), on);
		}
		return this;
	}

	/** The last day the person saw the prescriber, or null. */
	LocalDate lastSeen(Prescriber prescriber) {
		if (!prescriber.identified()) {
			return this.byName.get(prescriber.key());
		}
		LocalDate seen = this.byIdentity.get(prescriber.key());
		LocalDate byName = prescriber.nameKey() == null ? null : this.byNameOnly.get(prescriber.nameKey());
		return seen == null || (byName != null && byName.isAfter(seen)) ? byName : seen;
	}

	private static void later(Map<String, LocalDate> days, String key, LocalDate on) {
		days.merge(key, on, (a, b) -> a.isAfter(b) ? a : b);
	}

}
