package org.northstar.database;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generic plans hold for the transaction that asks for them, and for nothing after it:
 * the pooled connection goes back planning as the server does by default.
 */
class GenericPlansTests extends NorthstarTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void lastTheTransactionAndNoLonger() {
		for (int i = 0; i < 20; i++) {
			String inside = this.transactions.execute(status -> {
				GenericPlans.forThisTransaction(this.jdbc);
				return planCacheMode();
			});
			assertThat(inside).isEqualTo("force_generic_plan");
			assertThat(planCacheMode()).isEqualTo("auto");
			assertThat(this.transactions.<String>execute(status -> planCacheMode())).isEqualTo("auto");
		}
	}

	@Test
	void endWithARolledBackTransactionToo() {
		for (int i = 0; i < 20; i++) {
			this.transactions.executeWithoutResult(status -> {
				GenericPlans.forThisTransaction(this.jdbc);
				status.setRollbackOnly();
			});
			assertThat(this.transactions.<String>execute(status -> planCacheMode())).isEqualTo("auto");
		}
	}

	private String planCacheMode() {
		return this.jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
	}

}
