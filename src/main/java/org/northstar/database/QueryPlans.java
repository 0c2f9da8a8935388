package org.northstar.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells PostgreSQL, for the rest of the current transaction, whether its statements look
 * up a few keys or many, so that it plans them for what they are.
 *
 * <p>
 * PostgreSQL plans a prepared statement afresh for its first five executions, then keeps
 * one generic plan if that is estimated to cost no more than the fresh ones did. The
 * generic plan of {@code = any(?)} expects ten keys, and that misleads it both ways:
 * <ul>
 * <li><b>A few keys</b> (a message of the ADT feed, a reaction to it: one or two
 * records): the generic plan looks dearer than the fresh ones, so PostgreSQL planned such
 * statements on every execution, up to 170 µs each, a fifth of the database's CPU on the
 * feed. Their generic plans are the index lookups the fresh plans were.</li>
 * <li><b>Many keys</b> (risk scores of 500 people at once): the generic plan looks
 * cheaper, and in it an array is a parameter, which PostgreSQL compares with every row
 * one element at a time, where a fresh plan hashes the array's values once. Planning
 * afresh costs a millisecond against a batch's hundred.</li>
 * </ul>
 * The setting ends with the transaction, so the pooled connection goes back as it came.
 * Pages and searches keep PostgreSQL's own choice: a generic plan cannot use an index for
 * {@code like ?}. Measured in docs/benchmarks.md (the ADT feed, risk scores).
 */
public final class QueryPlans {

	/**
	 * {@link #forFewKeys} as an expression for the select list of a transaction's first
	 * statement, which then asks for it without a round trip of its own. It holds from
	 * the next statement on.
	 */
	public static final String FEW_KEYS_FROM_HERE = "set_config('plan_cache_mode', 'force_generic_plan', true)";

	private QueryPlans() {
	}

	/** The statements of this transaction look up a few keys each. */
	public static void forFewKeys(JdbcClient jdbc) {
		jdbc.sql("select " + FEW_KEYS_FROM_HERE).query(String.class).single();
	}

	/** The statements of this transaction look up many keys each. */
	public static void forManyKeys(JdbcClient jdbc) {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
	}

}
