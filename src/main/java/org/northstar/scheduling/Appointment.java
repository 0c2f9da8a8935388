package org.northstar.scheduling;

import java.time.ZonedDateTime;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * A booked visit of a person: with a provider at a location (either may be unknown for an
 * imported one), in the practice's zone.
 *
 * @param overrideReason why it was booked despite its conflicts; null when it had none
 */
public record Appointment(UUID id, PatientId patient, String providerId, String locationId, String type,
		ZonedDateTime start, ZonedDateTime end, VisitMode mode, Status status, Origin origin, String overrideReason,
		String bookedBy) {

	/**
	 * Where the appointment stands. Only booked and arrived ones hold time. A video visit
	 * that could not take place (no picture, no sound) is {@code VIDEO_FAILED}; it falls
	 * back to phone or in person with a new proposal.
	 */
	public enum Status {

		BOOKED, ARRIVED, FULFILLED, CANCELLED, NOSHOW, VIDEO_FAILED;

		public boolean holdsTime() {
			return this == BOOKED || this == ARRIVED;
		}

	}

	/** Booked in Northstar, or taken from a source's records. */
	public enum Origin {

		NORTHSTAR, IMPORTED

	}

}
