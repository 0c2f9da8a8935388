package org.northstar.patient;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.northstar.support.GenericPlans;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

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
		assertThat(GenericPlans.onEmptyTables(this.dataSource, sql,
				List.of("patient", "patient_link", "patient_identifier")))
			.doesNotContain("Seq Scan");
	}

}
