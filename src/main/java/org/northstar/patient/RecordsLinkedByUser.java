package org.northstar.patient;

import org.northstar.shared.PatientId;

/**
 * A user said two records are one person (from the review queue or the patient page), or
 * undid an unlink, which puts {@code one} back with {@code other}. Published inside the
 * transaction that made the link; listeners that act after its commit see only links that
 * happened. Unlike {@link RecordsLinked} it is not audited by the linkage audit: the
 * decision is audited where it is made.
 */
public record RecordsLinkedByUser(PatientId one, PatientId other, String linkedBy) {
}
