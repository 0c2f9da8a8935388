package org.northstar.careplan;

import java.time.Instant;

/**
 * One changed field of a care-team membership: who, when, and the value before and after
 * ({@code joined} with the name when a member was added, {@code seen} with the version of
 * the plan they were sent or saw).
 *
 * @param member the member's name now
 */
public record MemberChange(long id, long memberId, String member, Instant at, String by, String field, String before,
		String after) {
}
