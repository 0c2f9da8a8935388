package org.northstar.ingest.hl7;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primer applies its made-up visits the way the feed applies real messages, and keeps
 * none of it: no message, patient, encounter or stored reaction is left behind.
 */
class FeedPrimerAppliesTests extends NorthstarTest {

	@Autowired
	private Hl7Inbox inbox;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void appliesMadeUpVisitsAndKeepsNothing() {
		int applied = this.inbox.primeApplying(Duration.ofMillis(500), 2);

		assertThat(applied).isPositive();
		assertThat(count("select count(*) from hl7_message where control_id like 'PRIMER%'")).isZero();
		assertThat(count("select count(*) from patient_identifier where value like 'PRIMER%'")).isZero();
		assertThat(count("select count(*) from patient where family_name = 'Primer'")).isZero();
		assertThat(count("select count(*) from encounter where visit_number like 'PRIMER-V%'")).isZero();
		assertThat(count("select count(*) from source_resource where source = 'hl7:PRIMER'")).isZero();
		assertThat(count("select count(*) from event_publication where serialized_event like '%PRIMER-V%'")).isZero();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
