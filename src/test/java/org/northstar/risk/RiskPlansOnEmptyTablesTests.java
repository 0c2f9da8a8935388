package org.northstar.risk;

import java.sql.SQLException;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.northstar.support.GenericPlans;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of scores the feed makes for an admission or a discharge, and its reactions
 * for each person they score, look up the records' own scores even in a plan made while
 * the table was empty: a session keeps its generic plan, and one that reads every current
 * score, chosen on a new installation, would read them all for every such message until
 * an ANALYZE.
 */
class RiskPlansOnEmptyTablesTests extends NorthstarTest {

	@Autowired
	HikariDataSource dataSource;

	@Test
	void aStayDischargedAfterAVisitBeganIsLookedUpByTheRecords() throws SQLException {
		assertThat(plan(RiskStore.STAY_DISCHARGED_AFTER)).contains("Index Cond: (patient_id = ANY ($1))")
			.doesNotContain("Seq Scan")
			.doesNotContain("Recheck Cond: (superseded_at IS NULL)");
	}

	@Test
	void theCurrentScoresOfRecordsOrStaysAreLookedUpByBoth() throws SQLException {
		assertThat(plan(RiskStore.CURRENT_OF_RECORDS_OR_STAYS)).contains("Index Cond: (patient_id = ANY ($1))")
			.contains("Index Cond: (encounter_id = ANY ($2))")
			.doesNotContain("Seq Scan")
			.doesNotContain("Recheck Cond: (superseded_at IS NULL)");
	}

	/**
	 * Every current score read and filtered, not the records' own, is what went wrong.
	 */
	private String plan(String sql) throws SQLException {
		return GenericPlans.onEmptyTables(this.dataSource, sql, List.of("risk_assessment"));
	}

}
