package org.northstar.audit;

import java.time.Instant;

/** A recorded audit event, as the report shows it. */
public record AuditEntry(long seq, Instant recordedAt, AuditRecord record) {

}
