package org.northstar.patient;

import java.time.Instant;

import org.northstar.shared.PatientId;

/**
 * How a record came to belong to its person.
 *
 * @param method IDENTIFIER (a shared SSN, licence, passport or record number),
 * PROBABILISTIC (the matcher's score) or MANUAL (a coordinator)
 * @param score the matcher's score, when it decided
 * @param linkedBy the coordinator, for a manual link
 */
public record RecordLink(PatientId record, String method, Double score, String linkedBy, Instant linkedAt) {

}
