package org.northstar.database;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction's choice of query plans holds for it and for nothing after it: the pooled
 * connection goes back planning as the server does by default.
 */
class QueryPlansTests extends NorthstarTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void lastTheTransactionAndNoLonger() {
		for (int i = 0; i < 20; i++) {
			String few = this.transactions.execute(status -> {
				QueryPlans.forFewKeys(this.jdbc);
				return planCacheMode();
			});
			String many = this.transactions.execute(status -> {
				QueryPlans.forManyKeys(this.jdbc);
				return planCacheMode();
			});
			assertThat(few).isEqualTo("force_generic_plan");
			assertThat(many).isEqualTo("force_custom_plan");
			assertThat(planCacheMode()).isEqualTo("auto");
			assertThat(this.transactions.<String>execute(status -> planCacheMode())).isEqualTo("auto");
		}
	}

	@Test
	void endWithARolledBackTransactionToo() {
		for (int i = 0; i < 20; i++) {
			this.transactions.executeWithoutResult(status -> {
				QueryPlans.forFewKeys(this.jdbc);
				status.setRollbackOnly();
			});
			assertThat(this.transactions.<String>execute(status -> planCacheMode())).isEqualTo("auto");
		}
	}

	@Test
	void holdFromTheStatementThatAskedInItsSelectList() {
		for (int i = 0; i < 20; i++) {
			String few = this.transactions.execute(status -> {
				this.jdbc.sql("select count(*), " + QueryPlans.FEW_KEYS_FROM_HERE + " from (select 1) s")
					.query((rs, n) -> rs.getLong(1))
					.single();
				return planCacheMode();
			});
			assertThat(few).isEqualTo("force_generic_plan");
			assertThat(this.transactions.<String>execute(status -> planCacheMode())).isEqualTo("auto");
		}
	}

	private String planCacheMode() {
		return this.jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
	}

}
