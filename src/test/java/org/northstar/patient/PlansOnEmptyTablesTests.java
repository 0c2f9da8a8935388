package org.northstar.patient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient lookups the feed runs for every message, and lists for every page, go by
 * index even in a plan made while the tables were empty. A session keeps its generic
 * plan, so on a new installation the first sessions' plans are the ones a hospital's
 * first backlog runs through: a table scan chosen then reads every patient for every
 * message until an ANALYZE makes the sessions plan again.
 */
class PlansOnEmptyTablesTests extends NorthstarTest {

	@Autowired
	HikariDataSource dataSource;

	static Stream<Named<String>> statements() {
		return Stream.of(Named.of("the match, one identifier", PatientFeed.match(1)),
				Named.of("the match, three identifiers", PatientFeed.match(3)),
				Named.of("the records of a person", People.RECORDS_OF),
				Named.of("records with their linked ones", People.LINKED_RECORDS),
				Named.of("the other records linked to each", People.OTHER_LINKED_RECORDS));
	}

	@ParameterizedTest
	@MethodSource("statements")
	void readsNoTableWhole(String sql) throws SQLException {
		assertThat(genericPlanOnEmptyTables(sql)).doesNotContain("Seq Scan");
	}

	/**
	 * The plan a session caches for the statement when patient, patient_link and
	 * patient_identifier are as a new installation has them: empty and never analyzed.
	 * Temporary copies of the tables, with their indexes, stand in for them; PostgreSQL
	 * looks for a table among a session's temporary ones first.
	 */
	private String genericPlanOnEmptyTables(String sql) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.dataSource.getUsername());
		properties.setProperty("password", this.dataSource.getPassword());
		// The statement's $1, $2... go to the server as written, for EXPLAIN to plan.
		properties.setProperty("preferQueryMode", "simple");
		try (Connection connection = DriverManager.getConnection(this.dataSource.getJdbcUrl(), properties);
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (String table : List.of("patient", "patient_link", "patient_identifier")) {
				statement.execute("create temporary table " + table + " (like public." + table
						+ " including all) on commit drop");
			}
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("explain (generic_plan) " + numbered(sql))) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			connection.rollback();
			return plan.toString();
		}
	}

	/** The statement with its parameters, named or not, as $1, $2... */
	private static String numbered(String sql) {
		String positional = NamedParameterUtils.parseSqlStatementIntoString(sql);
		StringBuilder numbered = new StringBuilder();
		int n = 0;
		for (char c : positional.toCharArray()) {
			if (c == '?') {
				numbered.append('$').append(++n);
			}
			else {
				numbered.append(c);
			}
		}
		return numbered.toString();
	}

}
