package org.northstar.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * The append-only, hash-chained audit trail. Each record's hash covers its content and
 * the previous record's hash, so changing or removing any record breaks the chain from
 * there on.
 */
@Service
public class AuditTrail {

	static final String GENESIS = "0".repeat(64);

	/** Serialises appends so that each record chains to exactly one predecessor. */
	private static final long CHAIN_LOCK = 0x4e5f41554449L;

	private static final Map<String, String> SORT_COLUMNS = Map.of("time", "seq", "user", "username", "action",
			"action", "patient", "patient_id");

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends a record in its own transaction, so it is kept even when the audited work
	 * fails or is refused.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(AuditRecord record) {
		append(record);
	}

	/**
	 * Appends a record in the caller's transaction: for a change to patient data that is
	 * audited if, and only if, it commits (a feed's merge). Appends by others wait for
	 * that commit, so call it last, once the change is otherwise done.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordWithChange(AuditRecord record) {
		append(record);
	}

	private void append(AuditRecord record) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Object.class).single();
		long[] seq = { 0 };
		String previous = this.jdbc.sql("select seq, hash from audit_event order by seq desc limit 1")
			.query((rs, n) -> {
				seq[0] = rs.getLong(1);
				return rs.getString(2);
			})
			.optional()
			.orElse(GENESIS);
		AuditEntry entry = new AuditEntry(seq[0] + 1, Instant.now().truncatedTo(ChronoUnit.MICROS), record);
		this.jdbc.sql("""
				insert into audit_event (seq, recorded_at, username, role, action, patient_id, detail, address,
				                         outcome, emergency, reason, prev_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(entry.seq(), Timestamp.from(entry.recordedAt()), record.username(), record.role(),
					record.action().name(), record.patient() == null ? null : record.patient().value(), record.detail(),
					record.address(), record.outcome().name(), record.emergency(), record.reason(), previous,
					hash(previous, entry))
			.update();
	}

	/**
	 * Checks the whole chain, oldest first; reports the first record that does not fit.
	 */
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		String[] previous = { GENESIS };
		long[] checked = { 0 };
		AuditVerification[] broken = { null };
		this.jdbc.sql("select * from audit_event order by seq").query((ResultSet rs) -> {
			if (broken[0] != null) {
				return;
			}
			AuditEntry entry = entry(rs);
			long expectedSeq = checked[0] + 1;
			if (entry.seq() != expectedSeq) {
				broken[0] = AuditVerification.broken(checked[0], entry.seq(),
						"record " + expectedSeq + " is missing: the chain jumps to " + entry.seq());
			}
			else if (!previous[0].equals(rs.getString("prev_hash"))) {
				broken[0] = AuditVerification.broken(checked[0], entry.seq(), "record " + entry.seq()
						+ " does not follow record " + checked[0] + ": a record before it was changed or removed");
			}
			else if (!hash(previous[0], entry).equals(rs.getString("hash"))) {
				broken[0] = AuditVerification.broken(checked[0], entry.seq(),
						"record " + entry.seq() + " was changed after it was written");
			}
			previous[0] = rs.getString("hash");
			checked[0]++;
		});
		return broken[0] != null ? broken[0] : AuditVerification.intact(checked[0]);
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> search(AuditQuery query) {
		StringBuilder sql = new StringBuilder("select * from audit_event where true");
		List<Object> params = new ArrayList<>();
		if (query.username() != null && !query.username().isBlank()) {
			sql.append(" and username = ?");
			params.add(query.username().strip());
		}
		if (query.patient() != null) {
			sql.append(" and patient_id = ?");
			params.add(query.patient().value());
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
		sql.append(" order by ").append(column).append(query.descending() ? " desc" : " asc").append(", seq desc");
		sql.append(" limit ?");
		params.add(query.limit());
		return this.jdbc.sql(sql.toString()).params(params).query((rs, n) -> entry(rs)).list();
	}

	/** Streams every matching record, for exports too large to hold. */
	@Transactional(readOnly = true)
	public void forEach(AuditQuery query, Consumer<AuditEntry> consumer) {
		search(new AuditQuery(query.username(), query.patient(), query.from(), query.to(), query.sort(),
				query.descending(), Integer.MAX_VALUE))
			.forEach(consumer);
	}

	public Optional<AuditEntry> latest() {
		return this.jdbc.sql("select * from audit_event order by seq desc limit 1")
			.query((rs, n) -> entry(rs))
			.optional();
	}

	private static AuditEntry entry(ResultSet rs) throws SQLException {
		UUID patient = rs.getObject("patient_id", UUID.class);
		return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(),
				new AuditRecord(rs.getString("username"), rs.getString("role"),
						AuditAction.valueOf(rs.getString("action")), patient == null ? null : new PatientId(patient),
						rs.getString("detail"), rs.getString("address"), Outcome.valueOf(rs.getString("outcome")),
						rs.getBoolean("emergency"), rs.getString("reason")));
	}

	static String hash(String previous, AuditEntry entry) {
		AuditRecord r = entry.record();
		String canonical = String.join("\u001f", previous, Long.toString(entry.seq()), entry.recordedAt().toString(),
				String.valueOf(r.username()), String.valueOf(r.role()), r.action().name(), String.valueOf(r.patient()),
				r.detail(), String.valueOf(r.address()), r.outcome().name(), Boolean.toString(r.emergency()),
				String.valueOf(r.reason()));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
