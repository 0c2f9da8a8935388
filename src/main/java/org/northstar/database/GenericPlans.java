package org.northstar.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generic plans for the rest of the current transaction: each prepared statement is
 * planned once per connection, not again on every execution.
 *
 * <p>
 * For work that runs the same few key lookups thousands of times, each with a handful of
 * keys: a message of the ADT feed and the reactions to it. PostgreSQL plans a prepared
 * statement afresh for its first five executions, then keeps a generic plan only if it
 * costs no more than the fresh ones did. A lookup by {@code = any(?)} never passes that
 * test: the generic plan expects ten keys where a feed message passes one or two, so
 * PostgreSQL planned such statements on every execution, up to 170 µs each. That was a
 * fifth of the database's CPU on the feed (measured in docs/benchmarks.md). The generic
 * plans of these statements are the index lookups the fresh plans were.
 *
 * <p>
 * Not for pages and searches: a generic plan cannot use an index for {@code like ?}, and
 * it plans optional filters for their average. The setting ends with the transaction, so
 * the pooled connection goes back as it came.
 */
public final class GenericPlans {

	private GenericPlans() {
	}

	/** Must be called inside a transaction; ends with it. */
	public static void forThisTransaction(JdbcClient jdbc) {
		jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
	}

}
