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

	@Test
	void refusesToTruncateTheTrail() {
		record("kept");

		assertThatThrownBy(() -> this.jdbc.sql("truncate audit_event").update()).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThat(this.audit.latest()).isPresent();
	}

	@Test
	void detectsARecordEditedAndRehashedWithoutTheKey() {
		record("first");
		record("second");
		record("third");
		long second = this.audit.latest().orElseThrow().seq() - 1;

		// What someone with database access but not the key can do: edit the record and
		// recompute its hash the way the chain used to be computed, plain SHA-256, then
		// re-chain the records after it.
		tamper(() -> rehashWithoutTheKey(second, "nothing to see", "HMAC-SHA256"));
		try {
			AuditVerification result = this.audit.verify();
			assertThat(result.isIntact()).isFalse();
			assertThat(result.brokenAt()).isEqualTo(second);
			assertThat(result.problem()).contains("record " + second + " was changed after it was written");
		}
		finally {
			tamper(() -> this.jdbc.sql("delete from audit_event where seq >= ?").param(second).update());
		}
	}

	@Test
	void detectsARecordRewrittenAsIfFromBeforeTheKey() {
		record("first");
		record("second");
		long last = this.audit.latest().orElseThrow().seq();

		tamper(() -> rehashWithoutTheKey(last, "nothing to see", "SHA-256"));
		try {
			AuditVerification result = this.audit.verify();
			assertThat(result.isIntact()).isFalse();
			assertThat(result.brokenAt()).isEqualTo(last);
			assertThat(result.problem()).contains("hashed without the audit key, after keyed records");
		}
		finally {
			tamper(() -> this.jdbc.sql("delete from audit_event where seq >= ?").param(last).update());
		}
	}

	@Test
	void detectsRecordsCutOffTheEndSinceACheckpoint() {
		record("before the checkpoint");
		record("also before");
		record("the last one");
		AuditCheckpoint checkpoint = this.audit.checkpoint();
		long last = checkpoint.seq();

		tamper(() -> this.jdbc.sql("delete from audit_event where seq >= ?").param(last - 1).update());

		// The records left still chain: only the checkpoint shows what is gone.
		assertThat(this.audit.verify().isIntact()).isTrue();
		AuditVerification result = this.audit.verify(checkpoint);
		assertThat(result.isIntact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(last - 1);
		assertThat(result.problem()).contains("records " + (last - 1) + " to " + last + " are missing")
			.contains("the checkpoint of " + checkpoint.time() + " recorded " + checkpoint.count() + " records");
	}

	@Test
	void detectsACheckpointedRecordReplacedAndAnAlteredCheckpoint() {
		record("checkpointed");
		AuditCheckpoint checkpoint = this.audit.checkpoint();
		assertThat(this.audit.verify(checkpoint).isIntact()).isTrue();
		assertThat(AuditCheckpoint.parse(checkpoint.toJson())).isEqualTo(checkpoint);

		AuditCheckpoint earlier = new AuditCheckpoint(checkpoint.seq() - 1, checkpoint.hash(), checkpoint.count() - 1,
				checkpoint.time(), checkpoint.keyId(), checkpoint.signature());
		assertThat(this.audit.verify(earlier).problem()).contains("signature does not match");

		tamper(() -> this.jdbc.sql("delete from audit_event where seq = ?").param(checkpoint.seq()).update());
		record("a record in its place");
		AuditVerification replaced = this.audit.verify(checkpoint);
		assertThat(replaced.brokenAt()).isEqualTo(checkpoint.seq());
		assertThat(replaced.problem()).contains("is not the record the checkpoint of");
	}

	@Test
	void keepsVerifyingRecordsFromBeforeTheKeyAndTheFirstKeyedRecordCoversThem() {
		// A trail as Northstar wrote it before the audit key: plain SHA-256.
		tamper(() -> this.jdbc.sql("delete from audit_event").update());
		try {
			String previous = AuditTrail.GENESIS;
			for (long seq = 1; seq <= 3; seq++) {
				previous = insertUnkeyed(seq, "before the key " + seq, previous);
			}
			this.audit.keyTheChain();
			record("after the key");

			AuditVerification intact = this.audit.verify();
			assertThat(intact.isIntact()).as(intact.problem()).isTrue();
			assertThat(intact.intactRecords()).isEqualTo(5);
			assertThat(intact.unkeyedRecords()).isEqualTo(3);
			assertThat(this.audit.find(4).orElseThrow().record().detail()).contains("keyed with HMAC-SHA256")
				.contains("the 3 records before");

			// Rewriting an old record, and re-chaining the old ones after it, is caught
			// by
			// the first keyed record, which chains from the last of them.
			tamper(() -> rehashWithoutTheKey(2, 3, "nothing to see", "SHA-256"));
			AuditVerification rewritten = this.audit.verify();
			assertThat(rewritten.brokenAt()).isEqualTo(4);
			assertThat(rewritten.problem()).contains("record 4 does not follow record 3");

			// And a trail rewritten whole, as if all of it came from before the key, ends
			// unkeyed, which no trail Northstar has started on does.
			tamper(() -> rehashWithoutTheKey(1, 5, "nothing to see", "SHA-256"));
			AuditVerification unkeyed = this.audit.verify();
			assertThat(unkeyed.isIntact()).isFalse();
			assertThat(unkeyed.problem()).contains("the trail ends with record 5, hashed without the audit key");
		}
		finally {
			tamper(() -> this.jdbc.sql("delete from audit_event").update());
			record("a fresh trail for the tests after this one");
		}
	}

	@Test
	void streamsTheTrailThroughACursorWithoutHoldingIt() {
		record("streamed");
		int rows = 20_000;
		long first = this.audit.latest().orElseThrow().seq() + 1;
		// Enough rows for many fetches; their hashes do not matter here, and they are
		// removed afterwards.
		tamper(() -> this.jdbc.sql("""
				insert into audit_event (seq, recorded_at, username, role, action, detail, outcome, prev_hash, hash,
				                         hash_scheme, key_id)
				select ? + n, now(), 'stream-tester', 'ADMINISTRATOR', 'READ', repeat('x', 200), 'SUCCESS', '', '',
				       'HMAC-SHA256', 'test'
				from generate_series(0, ? - 1) n
				""").params(first, rows).update());
		try {
			java.util.List<java.lang.ref.WeakReference<AuditEntry>> handedOver = new java.util.ArrayList<>();
			long[] seen = { 0 };
			long[] openCursors = { -1 };
			boolean[] firstForgotten = { false };
			this.audit.forEach(AuditQuery.newestFirst().byUser("stream-tester").sortedBy("time", false), entry -> {
				if (seen[0] == 0) {
					// Still reading: the rows come through an open portal, not a list.
					openCursors[0] = this.jdbc.sql(
							"select count(*) from pg_cursors where name <> '' and position('audit' || '_event' in statement) > 0")
						.query(Long.class)
						.single();
					handedOver.add(new java.lang.ref.WeakReference<>(entry));
				}
				if (seen[0] == rows / 2) {
					System.gc();
					firstForgotten[0] = handedOver.get(0).get() == null;
				}
				seen[0]++;
			});
			assertThat(seen[0]).isEqualTo(rows);
			assertThat(openCursors[0]).as("portals open while the first row is handed over").isPositive();
			assertThat(firstForgotten[0]).as("the first record was let go while the rest were read").isTrue();
		}
		finally {
			tamper(() -> this.jdbc.sql("delete from audit_event where seq >= ?").param(first).update());
		}
	}

	private String insertUnkeyed(long seq, String detail, String previous) {
		java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		AuditEntry entry = new AuditEntry(seq, at, new AuditRecord("auditor", "ADMINISTRATOR", AuditAction.READ, null,
				detail, "127.0.0.1", Outcome.SUCCESS, false, null));
		String hash = AuditTrail.unkeyedHash(previous, entry);
		this.jdbc.sql("""
				insert into audit_event (seq, recorded_at, username, role, action, patient_id, detail, address, outcome,
				                         emergency, reason, prev_hash, hash, hash_scheme)
				values (?, ?, 'auditor', 'ADMINISTRATOR', 'READ', null, ?, '127.0.0.1', 'SUCCESS', false, null, ?, ?,
				        'SHA-256')
				""").params(seq, java.sql.Timestamp.from(at), detail, previous, hash).update();
		return hash;
	}

	/**
	 * Changes the record's detail and recomputes the hashes from it to the end with plain
	 * SHA-256, as one could without the key.
	 */
	private void rehashWithoutTheKey(long from, String detail, String scheme) {
		rehashWithoutTheKey(from, this.audit.latest().orElseThrow().seq(), detail, scheme);
	}

	private void rehashWithoutTheKey(long from, long to, String detail, String scheme) {
		this.jdbc.sql("update audit_event set detail = ? where seq = ?").params(detail, from).update();
		String previous = from == 1 ? AuditTrail.GENESIS
				: this.jdbc.sql("select hash from audit_event where seq = ?")
					.param(from - 1)
					.query(String.class)
					.single();
		for (long seq = from; seq <= to; seq++) {
			AuditEntry entry = this.audit.find(seq).orElseThrow();
			String hash = AuditTrail.unkeyedHash(previous, entry);
			this.jdbc.sql("update audit_event set prev_hash = ?, hash = ?, hash_scheme = ? where seq = ?")
				.params(previous, hash, scheme, seq)
				.update();
			previous = hash;
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
		tamper(() -> this.jdbc.sql(sql).update());
	}

	private void tamper(Runnable change) {
		this.jdbc.sql("alter table audit_event disable trigger audit_event_append_only").update();
		try {
			change.run();
		}
		finally {
			this.jdbc.sql("alter table audit_event enable trigger audit_event_append_only").update();
		}
	}

}
