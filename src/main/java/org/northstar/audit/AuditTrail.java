package org.northstar.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained audit trail. Each record's hash is an HMAC-SHA256, under
 * the audit key (kept outside the database), of its content and the previous record's
 * hash: changing, inserting or removing a record breaks the chain from there on, and
 * whoever lacks the key cannot mend it. Records written before the key existed keep their
 * plain SHA-256 hashes; they can only come first, and the first keyed record covers them.
 * <p>
 * Cutting records off the end leaves a chain that still fits; a signed
 * {@link AuditCheckpoint} kept elsewhere shows that.
 */
@Service
public class AuditTrail {

	static final String GENESIS = "0".repeat(64);

	static final String UNKEYED = "SHA-256";

	/** Serialises appends so that each record chains to exactly one predecessor. */
	private static final long CHAIN_LOCK = 0x4e5f41554449L;

	/** Rows read at a time when the trail is streamed. */
	static final int FETCH_SIZE = 1000;

	private static final Map<String, String> SORT_COLUMNS = Map.of("time", "seq", "user", "username", "action",
			"action", "patient", "patient_id");

	private final JdbcClient jdbc;

	private final AuditKey key;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, AuditKey key) {
		this.jdbc = jdbc;
		this.key = key;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Appends a record in its own transaction, so it is kept even when the audited work
	 * fails or is refused.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(AuditRecord record) {
		append(List.of(record));
	}

	/** Appends records in order, in one transaction of their own. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordAll(List<AuditRecord> records) {
		append(records);
	}

	/**
	 * Appends a record in the caller's transaction: for a change to patient data that is
	 * audited if, and only if, it commits (a feed's merge). Appends by others wait for
	 * that commit, so call it last, once the change is otherwise done.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordWithChange(AuditRecord record) {
		append(List.of(record));
	}

	private void append(List<AuditRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Object.class).single();
		long[] seq = { 0 };
		String previous = this.jdbc.sql("select seq, hash from audit_event order by seq desc limit 1")
			.query((rs, n) -> {
				seq[0] = rs.getLong(1);
				return rs.getString(2);
			})
			.optional()
			.orElse(GENESIS);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		for (AuditRecord record : records) {
			AuditEntry entry = new AuditEntry(++seq[0], now, record);
			String hash = this.key.mac(canonical(previous, entry));
			this.jdbc.sql("""
					insert into audit_event (seq, recorded_at, username, role, action, patient_id, detail, address,
					                         outcome, emergency, reason, prev_hash, hash, hash_scheme, key_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(entry.seq(), Timestamp.from(entry.recordedAt()), record.username(), record.role(),
						record.action().name(), record.patient() == null ? null : record.patient().value(),
						record.detail(), record.address(), record.outcome().name(), record.emergency(), record.reason(),
						previous, hash, AuditKey.SCHEME, this.key.id())
				.update();
			previous = hash;
		}
	}

	/**
	 * Appends a keyed record when the trail ends with records from before the audit key,
	 * so that a trail ending unkeyed is always a rewritten one.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void keyTheChain() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Object.class).single();
		String last = this.jdbc.sql("select hash_scheme from audit_event order by seq desc limit 1")
			.query(String.class)
			.optional()
			.orElse(null);
		if (UNKEYED.equals(last)) {
			long unkeyed = this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
			append(List.of(new AuditRecord(
					null, "SYSTEM", AuditAction.UPDATE, null, "audit trail keyed with HMAC-SHA256 (key " + this.key.id()
							+ ") from here; the " + unkeyed + " records before were hashed with plain SHA-256",
					null, Outcome.SUCCESS, false, null)));
		}
	}

	/**
	 * A stand-in for text the trail must not keep (a username that is no account, often a
	 * password typed in the wrong box): the same text always gives the same pseudonym,
	 * and without the audit key nobody can tell which text it was, even by guessing.
	 */
	public String pseudonym(String text) {
		return "unknown-" + this.key.mac("pseudonym\u001f" + String.valueOf(text)).substring(0, 12);
	}

	/**
	 * Checks the whole chain, oldest first, streaming it; reports the first record that
	 * does not fit.
	 */
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		return verify(null);
	}

	/**
	 * Checks the whole chain, and that it still holds the checkpoint's last record with
	 * the same hash: records cut off the end since the checkpoint are reported as
	 * missing.
	 * @param checkpoint a checkpoint taken earlier, or null
	 */
	@Transactional(readOnly = true)
	public AuditVerification verify(AuditCheckpoint checkpoint) {
		if (checkpoint != null) {
			if (!this.key.id().equals(checkpoint.keyId())) {
				return AuditVerification.broken(0, 0, checkpoint.seq(), "the checkpoint was signed with audit key "
						+ checkpoint.keyId() + ", not with the key in use (" + this.key.id() + ")");
			}
			if (!AuditKey.same(this.key.mac(checkpoint.signedText()), checkpoint.signature())) {
				return AuditVerification.broken(0, 0, checkpoint.seq(),
						"the checkpoint's signature does not match its content: the checkpoint was altered");
			}
		}
		ChainCheck check = new ChainCheck(checkpoint);
		this.jdbc.sql("select * from audit_event order by seq").withFetchSize(FETCH_SIZE).query((ResultSet rs) -> {
			if (check.broken == null) {
				check.next(rs);
			}
		});
		return check.result();
	}

	/** A signed checkpoint of the trail as it ends now. */
	@Transactional(readOnly = true)
	public AuditCheckpoint checkpoint() {
		long[] seq = { 0 };
		String hash = this.jdbc.sql("select seq, hash from audit_event order by seq desc limit 1").query((rs, n) -> {
			seq[0] = rs.getLong(1);
			return rs.getString(2);
		}).optional().orElse(GENESIS);
		long count = this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
		AuditCheckpoint unsigned = new AuditCheckpoint(seq[0], hash, count,
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), this.key.id(), null);
		return new AuditCheckpoint(unsigned.seq(), unsigned.hash(), unsigned.count(), unsigned.time(), unsigned.keyId(),
				this.key.mac(unsigned.signedText()));
	}

	/** One page of the matching records, in the query's order. */
	@Transactional(readOnly = true)
	public List<AuditEntry> search(AuditQuery query) {
		List<Object> params = new ArrayList<>();
		String sql = select(query, params);
		return this.jdbc.sql(sql).params(params).query((rs, n) -> entry(rs)).list();
	}

	/**
	 * Hands every matching record to the consumer as it is read, through a cursor: an
	 * export of the whole trail holds a thousand rows at a time, not the trail.
	 */
	@Transactional(readOnly = true)
	public void forEach(AuditQuery query, Consumer<AuditEntry> consumer) {
		List<Object> params = new ArrayList<>();
		String sql = select(query, params);
		this.jdbc.sql(sql).params(params).withFetchSize(FETCH_SIZE).query((ResultSet rs) -> consumer.accept(entry(rs)));
	}

	public Optional<AuditEntry> find(long seq) {
		return this.jdbc.sql("select * from audit_event where seq = ?")
			.param(seq)
			.query((rs, n) -> entry(rs))
			.optional();
	}

	public Optional<AuditEntry> latest() {
		return this.jdbc.sql("select * from audit_event order by seq desc limit 1")
			.query((rs, n) -> entry(rs))
			.optional();
	}

	private static String select(AuditQuery query, List<Object> params) {
		StringBuilder sql = new StringBuilder("select * from audit_event where true");
		if (query.user() != null && query.exactUser()) {
			sql.append(" and username = ?");
			params.add(query.user());
		}
		else if (query.user() != null) {
			sql.append(" and username ilike ? escape '\\'");
			params.add("%" + query.user().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (query.patients() != null) {
			sql.append(" and patient_id = any(?)");
			params.add(query.patients().stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (query.action() != null) {
			sql.append(" and action = ?");
			params.add(query.action().name());
		}
		if (query.emergencyOnly()) {
			sql.append(" and emergency");
		}
		if (query.from() != null) {
			sql.append(" and recorded_at >= ?");
			params.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" and recorded_at < ?");
			params.add(Timestamp.from(query.to()));
		}
		String column = SORT_COLUMNS.getOrDefault(query.sort(), "seq");
		String direction = query.descending() ? " desc" : " asc";
		sql.append(" order by ").append(column).append(direction);
		if (!"seq".equals(column)) {
			sql.append(", seq").append(direction);
		}
		if (query.limit() < Integer.MAX_VALUE) {
			sql.append(" limit ?");
			params.add(query.limit());
		}
		if (query.offset() > 0) {
			sql.append(" offset ?");
			params.add(query.offset());
		}
		return sql.toString();
	}

	private static AuditEntry entry(ResultSet rs) throws SQLException {
		UUID patient = rs.getObject("patient_id", UUID.class);
		return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(),
				new AuditRecord(rs.getString("username"), rs.getString("role"),
						AuditAction.valueOf(rs.getString("action")), patient == null ? null : new PatientId(patient),
						rs.getString("detail"), rs.getString("address"), Outcome.valueOf(rs.getString("outcome")),
						rs.getBoolean("emergency"), rs.getString("reason")));
	}

	/** What a record's hash covers: every field, and the previous record's hash. */
	static String canonical(String previous, AuditEntry entry) {
		AuditRecord r = entry.record();
		return String.join("\u001f", previous, Long.toString(entry.seq()), entry.recordedAt().toString(),
				String.valueOf(r.username()), String.valueOf(r.role()), r.action().name(), String.valueOf(r.patient()),
				r.detail(), String.valueOf(r.address()), r.outcome().name(), Boolean.toString(r.emergency()),
				String.valueOf(r.reason()));
	}

	/** The hash of records written before the audit key: plain SHA-256. */
	static String unkeyedHash(String previous, AuditEntry entry) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical(previous, entry).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Walks the chain one record at a time, oldest first. */
	private final class ChainCheck {

		private final AuditCheckpoint checkpoint;

		private String previous = GENESIS;

		private long checked;

		private long unkeyed;

		private boolean keyedSeen;

		private boolean lastKeyed;

		private AuditVerification broken;

		ChainCheck(AuditCheckpoint checkpoint) {
			this.checkpoint = checkpoint;
		}

		void next(ResultSet rs) throws SQLException {
			AuditEntry entry = entry(rs);
			long expected = this.checked + 1;
			String scheme = rs.getString("hash_scheme");
			String hash = rs.getString("hash");
			if (entry.seq() != expected) {
				fail(entry.seq(), "record " + expected + " is missing: the chain jumps to " + entry.seq());
			}
			else if (!this.previous.equals(rs.getString("prev_hash"))) {
				fail(entry.seq(), "record " + entry.seq() + " does not follow record " + this.checked
						+ ": a record before it was changed or removed");
			}
			else if (UNKEYED.equals(scheme)) {
				if (this.keyedSeen) {
					fail(entry.seq(), "record " + entry.seq() + " is hashed without the audit key, after keyed"
							+ " records: it was rewritten by someone without the key");
				}
				else if (!unkeyedHash(this.previous, entry).equals(hash)) {
					fail(entry.seq(), "record " + entry.seq() + " was changed after it was written");
				}
				else {
					this.unkeyed++;
				}
			}
			else if (!AuditKey.SCHEME.equals(scheme)) {
				fail(entry.seq(), "record " + entry.seq() + " names an unknown hash scheme '" + scheme + "'");
			}
			else if (!AuditTrail.this.key.id().equals(rs.getString("key_id"))) {
				fail(entry.seq(), "record " + entry.seq() + " was written with audit key " + rs.getString("key_id")
						+ ", not with the key in use (" + AuditTrail.this.key.id() + "): is this the right key?");
			}
			else if (!AuditKey.same(AuditTrail.this.key.mac(canonical(this.previous, entry)), hash)) {
				fail(entry.seq(), "record " + entry.seq() + " was changed after it was written");
			}
			else {
				this.keyedSeen = true;
			}
			if (this.broken == null) {
				this.lastKeyed = !UNKEYED.equals(scheme);
				if (this.checkpoint != null && entry.seq() == this.checkpoint.seq()
						&& !AuditKey.same(hash, this.checkpoint.hash())) {
					fail(entry.seq(), "record " + entry.seq() + " is not the record the checkpoint of "
							+ this.checkpoint.time() + " recorded: its hash differs");
				}
			}
			this.previous = hash;
			this.checked++;
		}

		private void fail(long at, String problem) {
			this.broken = AuditVerification.broken(this.checked, this.unkeyed, at, problem);
		}

		AuditVerification result() {
			if (this.broken != null) {
				return this.broken;
			}
			if (this.checked > 0 && !this.lastKeyed) {
				return AuditVerification.broken(this.checked, this.unkeyed, this.checked,
						"the trail ends with record " + this.checked
								+ ", hashed without the audit key: Northstar keys the trail when it starts,"
								+ " so the keyed records after it were removed or rewritten");
			}
			if (this.checkpoint != null && this.checked < this.checkpoint.seq()) {
				return AuditVerification.broken(this.checked, this.unkeyed, this.checked + 1,
						"records " + (this.checked + 1) + " to " + this.checkpoint.seq() + " are missing: the trail"
								+ " ends at record " + this.checked + ", but the checkpoint of "
								+ this.checkpoint.time() + " recorded " + this.checkpoint.count() + " records");
			}
			return AuditVerification.intact(this.checked, this.unkeyed);
		}

	}

}
