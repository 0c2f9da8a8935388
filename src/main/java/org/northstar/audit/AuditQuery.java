package org.northstar.audit;

import java.time.Instant;

import org.northstar.shared.PatientId;

/**
 * Which audit events to list; null fields do not filter.
 *
 * @param sort one of {@code time}, {@code user}, {@code action}, {@code patient}
 */
public record AuditQuery(String username, PatientId patient, Instant from, Instant to, String sort, boolean descending,
		int limit) {

}
