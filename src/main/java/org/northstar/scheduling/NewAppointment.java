package org.northstar.scheduling;

import java.time.ZonedDateTime;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * An appointment to book: with a provider (at its location) or only at a location.
 *
 * @param overrideReason why to book it despite its conflicts; null or blank refuses a
 * booking that has any
 * @param replacing the appointment it moves (cancelled when this is booked); may be null
 */
public record NewAppointment(PatientId patient, String providerId, String locationId, String type, ZonedDateTime start,
		ZonedDateTime end, VisitMode mode, String overrideReason, UUID replacing) {

	public NewAppointment {
		if (type == null || type.isBlank()) {
			throw new InvalidScheduleException("type", "An appointment needs a type (\"cardiology\")");
		}
		if (start == null) {
			throw new InvalidScheduleException("start", "An appointment needs a start (ISO 8601 with offset)");
		}
		if (end == null || !end.isAfter(start)) {
			throw new InvalidScheduleException("end", "An appointment's end must be after its start");
		}
		mode = mode == null ? VisitMode.IN_PERSON : mode;
	}

	public boolean overridden() {
		return this.overrideReason != null && !this.overrideReason.isBlank();
	}

}
