package org.northstar.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The senders whose messages the inbox accepts: a facility (MSH-4) with any application,
 * or one application of a facility ({@code EPIC|GENHOSP}, MSH-3|MSH-4, as the message log
 * names senders). Compared without regard to case. No entries accepts every sender.
 *
 * <p>
 * MSH-4 is what the sender says it is, so this list keeps out misrouted feeds (a test
 * system's, another hospital's), not an attacker: the address list and TLS client
 * certificates decide who may connect at all.
 */
final class AllowedFacilities {

	private final List<Sender> senders;

	private AllowedFacilities(List<Sender> senders) {
		this.senders = senders;
	}

	/**
	 * @throws IllegalArgumentException naming an entry that is not {@code FACILITY} or
	 * {@code APPLICATION|FACILITY}
	 */
	static AllowedFacilities of(List<String> entries) {
		List<Sender> senders = new ArrayList<>();
		for (String entry : entries) {
			if (entry == null || entry.isBlank()) {
				continue;
			}
			String[] parts = entry.strip().split("\\|", -1);
			if (parts.length > 2 || parts[parts.length - 1].isBlank()) {
				throw new IllegalArgumentException("'" + entry + "' in NORTHSTAR_HL7_ALLOWED_FACILITIES is not"
						+ " FACILITY or APPLICATION|FACILITY (MSH-4, or MSH-3|MSH-4)");
			}
			senders.add(parts.length == 1 ? new Sender(null, normal(parts[0]))
					: new Sender(parts[0].isBlank() ? null : normal(parts[0]), normal(parts[1])));
		}
		return new AllowedFacilities(List.copyOf(senders));
	}

	/**
	 * @return why the sender is refused, for MSA-3; {@code null} when it is accepted
	 */
	String refusal(Header header) {
		if (this.senders.isEmpty()) {
			return null;
		}
		String facility = header.sendingFacility();
		String application = header.sendingApplication();
		for (Sender sender : this.senders) {
			if (sender.facility().equals(normal(facility))
					&& (sender.application() == null || sender.application().equals(normal(application)))) {
				return null;
			}
		}
		if (facility == null) {
			return "MSH-4 sending facility is empty, and this Northstar accepts messages only from listed facilities";
		}
		return "MSH-4 sending facility '" + facility + "'"
				+ (application == null ? "" : " (MSH-3 '" + application + "')")
				+ " is not one this Northstar accepts messages from (NORTHSTAR_HL7_ALLOWED_FACILITIES)";
	}

	private static String normal(String value) {
		return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
	}

	private record Sender(String application, String facility) {
	}

}
