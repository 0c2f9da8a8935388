package org.northstar.ingest.hl7;

import java.util.Optional;

/** The ADT trigger events Northstar applies; every other event is kept and ignored. */
enum AdtEvent {

	A01("in-progress", true), A02("in-progress", true), A03("finished", true), A04("in-progress", true),
	A05("planned", true), A06(null, true), A07(null, true), A08(null, false), A11("cancelled", true), A12(null, true),
	A13("in-progress", true), A40(null, false);

	/** The encounter status this event sets, or {@code null} when it leaves it alone. */
	final String status;

	/** Whether the event is about a visit, so PV1-19 must name it. */
	final boolean needsVisit;

	AdtEvent(String status, boolean needsVisit) {
		this.status = status;
		this.needsVisit = needsVisit;
	}

	static Optional<AdtEvent> of(String messageType, String event) {
		if (!"ADT".equals(messageType) || event == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(event));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
