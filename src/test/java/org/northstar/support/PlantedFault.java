package org.northstar.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A defect planted in the database for a test: inserting the rows that match a condition
 * into a table fails, as a bug or an outage would, until the fault is closed. Only the
 * rows the test names are refused, so the rest of the shared database carries on.
 */
public final class PlantedFault implements AutoCloseable {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private final JdbcClient jdbc;

	private final String trigger;

	private final String table;

	private PlantedFault(JdbcClient jdbc, String trigger, String table) {
		this.jdbc = jdbc;
		this.trigger = trigger;
		this.table = table;
	}

	/**
	 * Refuses inserts into {@code table} of rows matching {@code condition}, an SQL
	 * expression over {@code new}, with "planted fault in
	 * <table>
	 * ".
	 */
	public static PlantedFault onInsertInto(JdbcClient jdbc, String table, String condition) {
		return plant(jdbc, "insert", table, condition);
	}

	/**
	 * Refuses deletes from {@code table} of rows matching {@code condition}, an SQL
	 * expression over {@code old}.
	 */
	public static PlantedFault onDeleteFrom(JdbcClient jdbc, String table, String condition) {
		return plant(jdbc, "delete", table, condition);
	}

	private static PlantedFault plant(JdbcClient jdbc, String operation, String table, String condition) {
		jdbc.sql("""
				create or replace function planted_fault() returns trigger language plpgsql as $fault$
				begin
				    raise exception 'planted fault in %', tg_table_name;
				end $fault$
				""").update();
		String trigger = "planted_fault_" + NAMES.incrementAndGet();
		jdbc.sql("create trigger " + trigger + " before " + operation + " on " + table + " for each row when ("
				+ condition + ") execute function planted_fault()")
			.update();
		return new PlantedFault(jdbc, trigger, table);
	}

	@Override
	public void close() {
		this.jdbc.sql("drop trigger if exists " + this.trigger + " on " + this.table).update();
	}

}
