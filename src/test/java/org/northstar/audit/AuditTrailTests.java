package org.northstar.audit;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTrailTests extends NorthstarTest {

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void refusesToChangeOrDeleteARecord() {
		record("append-only");
		long seq = this.audit.latest().orElseThrow().seq();

		assertThatThrownBy(
				() -> this.jdbc.sql("update audit_event set detail = 'edited' where seq = ?").param(seq).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from audit_event where seq = ?").param(seq).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
	}

	@Test
	void detectsARecordChangedBehindItsBackAndWhereTheChainBreaks() {
		record("first");
		record("second");
		record("third");
		assertThat(this.audit.verify().isIntact()).isTrue();
		long second = this.audit.latest().orElseThrow().seq() - 1;

		tamper("update audit_event set detail = 'nothing to see' where seq = " + second);
		try {
			AuditVerification result = this.audit.verify();
			assertThat(result.isIntact()).isFalse();
			assertThat(result.brokenAt()).isEqualTo(second);
			assertThat(result.intactRecords()).isEqualTo(second - 1);
			assertThat(result.problem()).contains("was changed after it was written");
		}
		finally {
			tamper("delete from audit_event where seq >= " + second);
		}
	}

	@Test
	void detectsARemovedRecord() {
		record("kept");
		record("removed");
		record("after");
		long removed = this.audit.latest().orElseThrow().seq() - 1;

		tamper("delete from audit_event where seq = " + removed);
		try {
			AuditVerification result = this.audit.verify();
			assertThat(result.brokenAt()).isEqualTo(removed + 1);
			assertThat(result.problem()).contains("record " + removed + " is missing");
		}
		finally {
			tamper("delete from audit_event where seq > " + removed);
		}
	}

	private void record(String detail) {
		this.audit.record(new AuditRecord("auditor", "ADMINISTRATOR", AuditAction.READ,
				new PatientId(UUID.randomUUID()), detail, "127.0.0.1", Outcome.SUCCESS, false, null));
	}

	/**
	 * What someone with direct database access could do: switch the guard off, edit,
	 * switch it on.
	 */
	private void tamper(String sql) {
		this.jdbc.sql("alter table audit_event disable trigger audit_event_append_only").update();
		try {
			this.jdbc.sql(sql).update();
		}
		finally {
			this.jdbc.sql("alter table audit_event enable trigger audit_event_append_only").update();
		}
	}

}
