package org.northstar.database;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement sent in one round trip with the query after it still runs before it: the
 * query is answered as of the moment the leading statement finished, so a lock taken
 * first guards what the query reads.
 */
class LeadingStatementTests extends NorthstarTest {

	private static final long LOCK = 7_340_116_001L;

	@Autowired
	JdbcTemplate template;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void createTable() {
		this.jdbc.sql("create table leading_statement_test (id int primary key, state text)").update();
		this.jdbc.sql("insert into leading_statement_test values (1, 'admitted'), (2, 'other')").update();
	}

	@AfterEach
	void dropTable() {
		this.jdbc.sql("drop table leading_statement_test").update();
	}

	@Test
	void aQueryLedByALockSeesWhatTheLocksHolderCommitted() throws Exception {
		for (int round = 0; round < 5; round++) {
			String before = round % 2 == 0 ? "admitted" : "discharged";
			String after = round % 2 == 0 ? "discharged" : "admitted";
			CountDownLatch locked = new CountDownLatch(1);
			CompletableFuture<Void> holder = CompletableFuture
				.runAsync(() -> this.transactions.executeWithoutResult(s -> {
					new LeadingStatement("select pg_advisory_xact_lock(?)", LOCK).run(this.template);
					this.jdbc.sql("update leading_statement_test set state = ? where id = 1").param(after).update();
					locked.countDown();
					awaitWaiterOnTheLock();
				}));
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			List<String> seen = this.transactions
				.execute(s -> new LeadingStatement("select pg_advisory_xact_lock(?)", LOCK).thenQuery(this.template,
						"select state from leading_statement_test where id = ?", (rs, n) -> rs.getString(1), 1));
			holder.get(30, TimeUnit.SECONDS);
			assertThat(seen).as("read after waiting for the lock, in round %d (the state before was %s)", round, before)
				.containsExactly(after);
		}
	}

	@Test
	void bindsTheParametersOfBothStatementsInOrder() {
		List<String> states = this.transactions.execute(
				s -> new LeadingStatement("update leading_statement_test set state = ? where id = ?", "transferred", 2)
					.thenQuery(this.template,
							"select state from leading_statement_test where id >= ? and state <> ? order by id",
							(rs, n) -> rs.getString(1), 1, "none"));

		assertThat(states).containsExactly("admitted", "transferred");
	}

	/** Returns once another session waits for an advisory lock, which this one holds. */
	private void awaitWaiterOnTheLock() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			Long waiting = this.jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
				.query(Long.class)
				.single();
			if (waiting > 0) {
				return;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("no session waited for the lock");
	}

}
