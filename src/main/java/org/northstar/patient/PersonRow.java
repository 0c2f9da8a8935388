package org.northstar.patient;

import java.time.Instant;

/**
 * A person as a list of people shows them, by one of their records: for lists of people
 * who are on nobody's list yet.
 *
 * @param patient the header of the record that stands for the person: one a source sent
 * in full rather than a feed's stub, when the person has one
 * @param source the source of that record
 * @param awaitingReview a feed created the record from a message and nobody has yet
 * confirmed it is not someone already known
 * @param arrived when any of the person's records last arrived or changed
 * @param records how many records describe the person
 */
public record PersonRow(PatientSummary patient, String source, boolean awaitingReview, Instant arrived, int records) {

}
