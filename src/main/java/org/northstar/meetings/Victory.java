package org.northstar.meetings;

import java.time.Instant;
import java.time.LocalDate;

import org.northstar.shared.PatientId;

/**
 * A small win on a person's way: "made all appointments this month", "first week without
 * a fall".
 *
 * @param patient the record it was recorded on
 * @param happenedOn the day it happened (not after the day it was recorded)
 */
public record Victory(long id, PatientId patient, String text, LocalDate happenedOn, String recordedBy,
		Instant recordedAt) {
}
