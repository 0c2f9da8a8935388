package org.northstar.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.northstar.database.CopyRows;
import org.northstar.database.QueryPlans;
import org.northstar.risk.Scoring.Scored;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The {@code risk_assessment} table: each score of each stay, current or superseded.
 * Writes are batched (a few statements per batch of people, whatever its size) and join
 * the caller's transaction. Components, facts and missing inputs are {@code json}: the
 * text {@link RiskJson} wrote, kept as it is.
 */
@Repository
class RiskStore {

	/** The advisory lock class (two-int locks) of one person's scores. */
	private static final int PERSON_LOCK_CLASS = 0x72736b;

	private static final String COLUMNS = """
			id, instrument, patient_id, encounter_id, discharged_at, score, band, complete, components::text,
			facts::text, missing::text, computed_at, superseded_at""";

	/**
	 * As {@link #COLUMNS}, but neither the components nor the facts: what a list of many
	 * people shows of each score (its number, band and what was missing), read without
	 * parsing the facts, most of a score's bytes.
	 */
	private static final String SUMMARY_COLUMNS = """
			id, instrument, patient_id, encounter_id, discharged_at, score, band, complete, null,
			null, missing::text, computed_at, superseded_at""";

	private static final String INSERTED_COLUMNS = """
			id, instrument, patient_id, encounter_id, discharged_at, score, band, complete, components, facts,
			missing, content_hash, computed_at""";

	/** From how many scores a batch is written with COPY ({@link #insert}). */
	private static final int COPY_FROM = 16;

	/** Whether a current score of these records is of a stay discharged after a time. */
	static final String STAY_DISCHARGED_AFTER = """
			select exists (select 1 from risk_assessment
			               where patient_id = any(?) and superseded_at is null and discharged_at > ?)
			""";

	/**
	 * The current scores of these records, or of these stays. Two selects rather than one
	 * "or": each uses its index, where the "or" read the whole table once its statistics
	 * were out of date (as they are while a population is scored from scratch).
	 */
	static final String CURRENT_OF_RECORDS_OR_STAYS = """
			select id, instrument, encounter_id, content_hash from risk_assessment
			where patient_id = any(?) and superseded_at is null
			union
			select id, instrument, encounter_id, content_hash from risk_assessment
			where encounter_id = any(?) and superseded_at is null
			""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	RiskStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** The rest of the transaction reads and writes many people at once. */
	void planForManyKeys() {
		QueryPlans.forManyKeys(this.jdbc);
	}

	/**
	 * Waits for and takes, until the transaction ends, the lock of each person (named by
	 * the first of their records): reactions to two messages about one person score one
	 * after the other, the second reading what the first committed.
	 */
	void lockPeople(Collection<PatientId> firstRecords) {
		int[] keys = firstRecords.stream().mapToInt(p -> p.value().hashCode()).distinct().sorted().toArray();
		this.jdbc.sql("select count(pg_advisory_xact_lock(?, k)) from unnest(?::int[]) k")
			.param(PERSON_LOCK_CLASS)
			.param(Arrays.stream(keys).boxed().toArray(Integer[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Whether any of these records has a current score of a stay discharged after
	 * {@code instant}: a stay that an encounter beginning then may count towards.
	 */
	boolean anyStayDischargedAfter(Collection<PatientId> records, Instant instant) {
		return this.jdbc.sql(STAY_DISCHARGED_AFTER)
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.param(Timestamp.from(instant))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Makes the current scores of these records exactly {@code scored}: a score that says
	 * something new supersedes the current one of its stay and instrument, one that says
	 * the same writes nothing, and the current scores of stays no longer scored (no
	 * longer inpatient, or gone) are superseded.
	 * @return how many scores were written
	 */
	int replace(Collection<PatientId> records, List<Scored> scored, Instant now) {
		Map<String, CurrentRow> current = new HashMap<>();
		if (!records.isEmpty()) {
			// Also by stay: an encounter a source moved to another patient keeps no
			// current score under the one it left.
			this.jdbc.sql(CURRENT_OF_RECORDS_OR_STAYS)
				.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
				.param(scored.stream().map(Scored::encounter).distinct().toArray(UUID[]::new))
				.query(rs -> {
					current.put(rs.getString(2) + rs.getObject(3, UUID.class),
							new CurrentRow(rs.getObject(1, UUID.class), rs.getBytes(4)));
				});
		}
		Set<UUID> supersede = new HashSet<>();
		Set<String> kept = new HashSet<>();
		List<Object[]> inserts = new ArrayList<>();
		for (Scored s : scored) {
			String key = s.instrument().name() + s.encounter();
			kept.add(key);
			String components = RiskJson.components(s.components());
			String facts = RiskJson.facts(s.facts());
			String missing = RiskJson.missing(s.missing());
			byte[] hash = sha256(s.instrument() + "\n" + s.patient() + "\n" + s.dischargedAt() + "\n" + s.score() + "\n"
					+ s.band() + "\n" + components + "\n" + facts + "\n" + missing);
			CurrentRow row = current.get(key);
			if (row != null && Arrays.equals(row.hash(), hash)) {
				continue;
			}
			if (row != null) {
				supersede.add(row.id());
			}
			inserts.add(new Object[] { UUID.randomUUID(), s.instrument().name(), s.patient().value(), s.encounter(),
					s.dischargedAt(), s.score(), s.band().name(), s.complete(), components, facts, missing, hash });
		}
		current.forEach((key, row) -> {
			if (!kept.contains(key)) {
				supersede.add(row.id());
			}
		});
		if (!supersede.isEmpty()) {
			this.jdbc.sql("update risk_assessment set superseded_at = ? where id = any(?)")
				.param(Timestamp.from(now))
				.param(supersede.toArray(UUID[]::new))
				.update();
		}
		if (!inserts.isEmpty()) {
			insert(inserts, now);
		}
		return inserts.size();
	}

	/**
	 * One statement for the whole batch: a multi-row insert for the few scores of a feed
	 * message's reaction, a COPY for more. COPY is the fastest way in for many rows, and
	 * the facts (about 2 KB of JSON a score) go as they are; but each COPY costs the
	 * server about 0.4 ms whatever it carries, five times the insert of a person's two
	 * scores.
	 */
	private void insert(List<Object[]> rows, Instant now) {
		if (rows.size() < COPY_FROM) {
			insertValues(rows, now);
			return;
		}
		CopyRows copy = new CopyRows("risk_assessment", INSERTED_COLUMNS);
		for (Object[] row : rows) {
			Object[] values = Arrays.copyOf(row, row.length + 1);
			values[row.length] = now;
			copy.row(values);
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			copy.sendTo(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot write " + rows.size() + " risk scores: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private void insertValues(List<Object[]> rows, Instant now) {
		StringBuilder sql = new StringBuilder("insert into risk_assessment (" + INSERTED_COLUMNS + ") values ");
		List<Object> params = new ArrayList<>();
		for (Object[] row : rows) {
			sql.append(params.isEmpty() ? "" : ", ")
				.append("(?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?::json, ?, ?)");
			for (Object value : row) {
				params.add(value instanceof Instant instant ? Timestamp.from(instant) : value);
			}
			params.add(Timestamp.from(now));
		}
		this.jdbc.sql(sql.toString()).params(params).update();
	}

	/** The current scores of these records, latest discharge first. */
	List<RiskAssessment> current(Collection<PatientId> records) {
		return current(records, COLUMNS);
	}

	/**
	 * As {@link #current}, each score without its components and facts (both empty): for
	 * lists of many people.
	 */
	List<RiskAssessment> currentSummaries(Collection<PatientId> records) {
		return current(records, SUMMARY_COLUMNS);
	}

	private List<RiskAssessment> current(Collection<PatientId> records, String columns) {
		if (records.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + columns + """
				 from risk_assessment where patient_id = any(?) and superseded_at is null
				order by discharged_at desc, encounter_id, instrument
				""").param(records.stream().map(PatientId::value).toArray(UUID[]::new)).query(RiskStore::row).list();
	}

	/**
	 * One page of the current scores of these records (null: of everyone), latest
	 * discharge first, and how many there are in all.
	 */
	RiskScores.Page currentPage(Collection<PatientId> records, int offset, int limit) {
		UUID[] ids = records == null ? null : records.stream().map(PatientId::value).toArray(UUID[]::new);
		String among = ids == null ? "" : " and patient_id = any(?)";
		JdbcClient.StatementSpec count = this.jdbc
			.sql("select count(*) from risk_assessment where superseded_at is null" + among);
		JdbcClient.StatementSpec page = this.jdbc
			.sql("select " + COLUMNS + " from risk_assessment where superseded_at is null" + among
					+ " order by discharged_at desc, encounter_id, instrument offset ? limit ?");
		if (ids != null) {
			count = count.param(ids);
			page = page.param(ids);
		}
		int total = count.query(Integer.class).single();
		List<RiskAssessment> scores = limit == 0 ? List.of()
				: page.param(offset).param(limit).query(RiskStore::row).list();
		return new RiskScores.Page(scores, total);
	}

	/** Every score of these records, current and superseded, newest first. */
	List<RiskAssessment> history(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + """
				 from risk_assessment where patient_id = any(?)
				order by computed_at desc, discharged_at desc, instrument
				""").param(records.stream().map(PatientId::value).toArray(UUID[]::new)).query(RiskStore::row).list();
	}

	Optional<RiskAssessment> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from risk_assessment where id = ?")
			.param(id)
			.query(RiskStore::row)
			.optional();
	}

	private static RiskAssessment row(ResultSet rs, int n) throws SQLException {
		Instrument instrument = Instrument.valueOf(rs.getString(2));
		Timestamp superseded = rs.getTimestamp(13);
		return new RiskAssessment(rs.getObject(1, UUID.class), instrument, new PatientId(rs.getObject(3, UUID.class)),
				rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(), rs.getInt(6),
				RiskBand.valueOf(rs.getString(7)), rs.getBoolean(8),
				rs.getString(9) == null ? Map.of() : RiskJson.readComponents(instrument, rs.getString(9)),
				rs.getString(10) == null ? List.of() : RiskJson.readFacts(rs.getString(10)),
				RiskJson.readMissing(rs.getString(11)), rs.getTimestamp(12).toInstant(),
				superseded == null ? null : superseded.toInstant());
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record CurrentRow(UUID id, byte[] hash) {
	}

}
