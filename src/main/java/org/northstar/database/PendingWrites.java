package org.northstar.database;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes of the current transaction whose results nobody reads, held back so that they
 * cost no round trip of their own: they travel with the transaction's next statement that
 * carries them ({@link #query}, through a {@link LeadingStatement}), or all together just
 * before it commits.
 *
 * <p>
 * What is held back is invisible to the transaction's own reads until it is written, so
 * only writes that nothing in the transaction reads back belong here: a reaction's stored
 * publication does, a record the transaction goes on to query does not. A write that
 * fails fails the statement that carried it, or the commit, and the whole transaction
 * rolls back, as it would have had the write been sent at once. Outside a transaction a
 * write is sent at once.
 */
public final class PendingWrites {

	private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);

	private static final Object KEY = PendingWrites.class;

	private PendingWrites() {
	}

	/** Holds a write back until the transaction's next {@link #query}, or its commit. */
	public static void add(JdbcOperations jdbc, String sql, Object... params) {
		LeadingStatement write = new LeadingStatement(sql, params);
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			write.run(jdbc);
			return;
		}
		Held held = (Held) TransactionSynchronizationManager.getResource(KEY);
		if (held == null) {
			held = new Held(jdbc);
			TransactionSynchronizationManager.bindResource(KEY, held);
			TransactionSynchronizationManager.registerSynchronization(held);
		}
		held.add(write);
	}

	/**
	 * Runs a query, with the writes held back in this transaction sent ahead of it in the
	 * same round trip; they are then no longer held.
	 */
	public static <T> List<T> query(JdbcOperations jdbc, String sql, RowMapper<T> rows, Object... params) {
		Held held = (Held) TransactionSynchronizationManager.getResource(KEY);
		LeadingStatement writes = held == null ? null : held.take();
		return writes == null ? jdbc.query(sql, rows, params) : writes.thenQuery(jdbc, sql, rows, params);
	}

	/**
	 * Writes what this transaction still holds back: the last thing before it commits,
	 * after every other synchronization's {@code beforeCommit}, so none made there is
	 * missed ({@link PendingWritesAtCommit}). Later writes are sent at once.
	 */
	static void writeBeforeCommit() {
		Held held = (Held) TransactionSynchronizationManager.getResource(KEY);
		if (held != null) {
			held.committing = true;
			LeadingStatement left = held.take();
			if (left != null) {
				left.run(held.jdbc);
			}
		}
	}

	/** One transaction's writes, held while it runs; forgotten when it ends. */
	private static final class Held implements TransactionSynchronization {

		/**
		 * Writes held at most at once: a transaction that makes many (a caseload moved
		 * person by person) sends them this many to a round trip as it goes.
		 */
		private static final int MAX_HELD = 100;

		private final JdbcOperations jdbc;

		private final List<LeadingStatement> writes = new ArrayList<>();

		private boolean committing;

		Held(JdbcOperations jdbc) {
			this.jdbc = jdbc;
		}

		void add(LeadingStatement write) {
			if (this.committing) {
				write.run(this.jdbc);
				return;
			}
			this.writes.add(write);
			if (this.writes.size() >= MAX_HELD) {
				take().run(this.jdbc);
			}
		}

		LeadingStatement take() {
			if (this.writes.isEmpty()) {
				return null;
			}
			LeadingStatement taken = LeadingStatement.all(this.writes);
			this.writes.clear();
			return taken;
		}

		// A transaction of its own, begun inside this one (REQUIRES_NEW), holds its own
		// writes.
		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(KEY);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(KEY, this);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
			if (status == STATUS_COMMITTED && !this.writes.isEmpty()) {
				// Only if the transaction manager lacks PendingWritesAtCommit: never
				// silently.
				log.error("A transaction committed without writes it held back: {}", LeadingStatement.all(this.writes));
			}
		}

	}

}
