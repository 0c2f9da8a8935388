package org.northstar.caseload;

import java.time.Instant;

import org.northstar.shared.PatientId;

/**
 * A person moved from one coordinator's caseload to another's. Published in the
 * transaction of the assignment, once per person who had a coordinator before and now has
 * another.
 *
 * @param patient the record the assignment named (any of the person's)
 * @param by who moved them ({@code os:NAME} at the command line)
 */
public record CoordinatorChanged(PatientId patient, String from, String to, Instant at, String by) {
}
