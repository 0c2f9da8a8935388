package org.northstar.careplan;

import java.time.Instant;

/**
 * One changed field of a plan or one of its items: who, when, and the value before and
 * after ({@code created} with the title when an item was added, {@code note} with the
 * note's text).
 *
 * @param itemId the item changed, or null for the plan itself
 * @param item the item's title now, or null
 */
public record PlanChange(long id, Long itemId, String item, Instant at, String by, String field, String before,
		String after) {
}
