package org.northstar.patient;

import java.sql.Date;
import java.time.LocalDate;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patients Northstar knows: the pages' and the API's queries, and the import's batch
 * upsert. Writes join the caller's transaction, so a bundle that fails halfway leaves no
 * patient behind. The feed's writes are {@link PatientFeed}'s; who is one person is
 * {@link People}'s.
 */
@Service
public class Patients {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final People people;

	private final NameSearch names = NameSearch.withShippedNicknames();

	Patients(JdbcClient jdbc, JdbcTemplate jdbcTemplate, People people) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.people = people;
	}

	/** Creates or replaces each patient as its source now describes them. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Collection<PatientRecord> patients) {
		if (patients.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> identifiers = new ArrayList<>();
		List<Object[]> ids = new ArrayList<>();
		for (PatientRecord p : patients) {
			UUID id = p.id().value();
			ids.add(new Object[] { id });
			rows.add(new Object[] { id, p.key().source(), p.key().sourceId(), p.familyName(), p.givenNames(),
					p.birthDate() == null ? null : Date.valueOf(p.birthDate()), p.sex(), p.deceased(), p.language(),
					p.interpreterRequired(), p.phone(), p.email(), p.addressLine(), p.city(), p.state(), p.postalCode(),
					now });
			p.identifiers()
				.stream()
				.distinct()
				.forEach(i -> identifiers.add(new Object[] { id, i.system(), i.value(), i.typeCode() }));
		}
		this.jdbcTemplate.batchUpdate(
				"""
						insert into patient (id, source, source_id, family_name, given_names, birth_date, sex, deceased,
						                     language, interpreter_required, phone, email, address_line, city, state,
						                     postal_code, updated_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (id) do update set
						    family_name = excluded.family_name, given_names = excluded.given_names,
						    birth_date = excluded.birth_date, sex = excluded.sex, deceased = excluded.deceased,
						    language = excluded.language, interpreter_required = excluded.interpreter_required, phone = excluded.phone, email = excluded.email,
						    address_line = excluded.address_line, city = excluded.city, state = excluded.state,
						    postal_code = excluded.postal_code, updated_at = excluded.updated_at
						""",
				rows);
		this.jdbcTemplate.batchUpdate("delete from patient_identifier where patient_id = ?", ids);
		this.jdbcTemplate.batchUpdate(
				"insert into patient_identifier (patient_id, system, value, type_code) values (?, ?, ?, ?) on conflict do nothing",
				identifiers);
	}

	/**
	 * The patients a source identifier belongs to (more than one when sources disagree).
	 */
	public List<PatientId> findByIdentifier(String system, String value) {
		return this.jdbc.sql("select patient_id from patient_identifier where value = ? and system = ?")
			.params(value, system)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
	}

	private static final String SUMMARY_COLUMNS = """
			id, family_name, given_names, birth_date, sex, language, interpreter_required, deceased
			""";

	static PatientSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new PatientSummary(new PatientId(rs.getObject("id", UUID.class)), rs.getString("family_name"),
				rs.getString("given_names"), rs.getObject("birth_date", LocalDate.class), rs.getString("sex"),
				rs.getString("language"), rs.getBoolean("interpreter_required"), rs.getBoolean("deceased"));
	}

	/**
	 * The given patients, those matching {@code query} when it is not blank, ordered by
	 * name. A query is read as coordinators type it ({@link NameSearch}): words that
	 * start parts of the name in either order, "Family, Given", a nickname for a given
	 * name ("Jim" for James), accents ignored ("Gonzalez" for González), or part of an
	 * identifier (three characters or more).
	 */
	public List<PatientSummary> summaries(Collection<PatientId> ids, String query) {
		if (ids.isEmpty()) {
			return List.of();
		}
		UUID[] array = ids.stream().map(PatientId::value).toArray(UUID[]::new);
		List<PatientSummary> all = this.jdbc
			.sql("select " + SUMMARY_COLUMNS + " from patient where id = any(?) order by family_name, given_names")
			.param(array)
			.query((rs, n) -> summary(rs))
			.list();
		if (query == null || query.isBlank()) {
			return all;
		}
		Map<UUID, List<String>> identifiers = new HashMap<>();
		this.jdbc.sql("select patient_id, value from patient_identifier where patient_id = any(?)")
			.param(array)
			.query((rs, n) -> identifiers.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		return all.stream()
			.filter(p -> this.names.matches(query, p, identifiers.getOrDefault(p.id().value(), List.of())))
			.toList();
	}

	public Optional<PatientDetails> find(PatientId id) {
		return details(this.jdbc, id);
	}

	/** The record's header; for {@link People}, which reads the headers of a person. */
	static Optional<PatientDetails> details(JdbcClient jdbc, PatientId id) {
		List<PatientRecord.Identifier> identifiers = jdbc.sql(
				"select system, value, type_code from patient_identifier where patient_id = ? order by type_code, system")
			.param(id.value())
			.query((rs, n) -> new PatientRecord.Identifier(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return jdbc.sql("select " + SUMMARY_COLUMNS + """
				, source, phone, email,
				  concat_ws(', ', address_line, city, nullif(concat_ws(' ', state, postal_code), '')) as address
				from patient where id = ?
				""")
			.param(id.value())
			.query((rs, n) -> new PatientDetails(summary(rs), rs.getString("source"), rs.getString("phone"),
					rs.getString("email"), rs.getString("address"), identifiers))
			.optional();
	}

	/**
	 * Every patient record that describes the same person as {@code patient}; the same as
	 * {@link People#recordsOf}, which new code should ask.
	 */
	public List<PatientId> linkedRecords(PatientId patient) {
		return this.people.recordsOf(patient);
	}

	/**
	 * The patient records a query finds, one page of them in a stable order (name, then
	 * id), and how many match in all. A {@code count} of 0 only counts.
	 */
	public PatientPage search(PatientQuery query) {
		StringBuilder where = new StringBuilder("true");
		List<Object> params = new ArrayList<>();
		if (query.among() != null) {
			where.append(" and p.id = any(?)");
			params.add(query.among().stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (query.ids() != null) {
			where.append(" and p.id = any(?)");
			params.add(query.ids().stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (query.identifierValue() != null) {
			where.append(" and exists (select 1 from patient_identifier i where i.patient_id = p.id and i.value = ?");
			params.add(query.identifierValue());
			if (query.identifierSystem() != null) {
				where.append(" and i.system = ?");
				params.add(query.identifierSystem());
			}
			where.append(")");
		}
		if (query.family() != null) {
			where.append(" and lower(p.family_name) like ?");
			params.add(prefix(query.family()));
		}
		if (query.given() != null) {
			where.append(" and (lower(p.given_names) like ? or lower(p.given_names) like ?)");
			params.add(prefix(query.given()));
			params.add("% " + prefix(query.given()));
		}
		if (query.name() != null) {
			where.append(
					" and (lower(p.family_name) like ? or lower(p.given_names) like ? or lower(p.given_names) like ?)");
			params.add(prefix(query.name()));
			params.add(prefix(query.name()));
			params.add("% " + prefix(query.name()));
		}
		if (query.bornFrom() != null) {
			where.append(" and p.birth_date >= ?");
			params.add(Date.valueOf(query.bornFrom()));
		}
		if (query.bornBefore() != null) {
			where.append(" and p.birth_date < ?");
			params.add(Date.valueOf(query.bornBefore()));
		}
		if (query.sex() != null) {
			where.append(" and p.sex = ?");
			params.add(query.sex());
		}
		if (query.count() <= 0) {
			return new PatientPage(List.of(),
					this.jdbc.sql("select count(*) from patient p where " + where)
						.params(params)
						.query(Integer.class)
						.single());
		}
		int[] total = { -1 };
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.count());
		pageParams.add(query.offset());
		List<PatientId> ids = this.jdbc
			.sql("select p.id, count(*) over () from patient p where " + where
					+ " order by p.family_name, p.given_names, p.id limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> {
				total[0] = rs.getInt(2);
				return new PatientId(rs.getObject(1, UUID.class));
			})
			.list();
		if (total[0] < 0) {
			total[0] = query.offset() == 0 ? 0
					: this.jdbc.sql("select count(*) from patient p where " + where)
						.params(params)
						.query(Integer.class)
						.single();
		}
		return new PatientPage(ids, total[0]);
	}

	private static String prefix(String text) {
		return text.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
	}

	/**
	 * The patient as Northstar keeps them, identifiers included: for patients known only
	 * from a feed, for whom no source sent a Patient resource.
	 */
	public Optional<PatientRecord> record(PatientId id) {
		List<PatientRecord.Identifier> identifiers = this.jdbc
			.sql("select system, value, type_code from patient_identifier where patient_id = ? order by system, value")
			.param(id.value())
			.query((rs, n) -> new PatientRecord.Identifier(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return this.jdbc.sql("select * from patient where id = ?")
			.param(id.value())
			.query((rs, n) -> new PatientRecord(id,
					new org.northstar.shared.RecordKey(rs.getString("source"), "Patient", rs.getString("source_id")),
					rs.getString("family_name"), rs.getString("given_names"),
					rs.getObject("birth_date", LocalDate.class), rs.getString("sex"), rs.getBoolean("deceased"),
					rs.getString("language"), rs.getBoolean("interpreter_required"), rs.getString("phone"),
					rs.getString("email"), rs.getString("address_line"), rs.getString("city"), rs.getString("state"),
					rs.getString("postal_code"), identifiers, Addresses.fromJson(rs.getString("addresses")),
					precision(rs.getString("birth_date_precision"))))
			.optional();
	}

	/**
	 * How a birth date's precision is stored: a year or a month; null for a full date.
	 */
	static String precision(ChronoUnit precision) {
		return switch (precision) {
			case YEARS -> "year";
			case MONTHS -> "month";
			default -> null;
		};
	}

	private static ChronoUnit precision(String stored) {
		if (stored == null) {
			return ChronoUnit.DAYS;
		}
		return stored.equals("year") ? ChronoUnit.YEARS : ChronoUnit.MONTHS;
	}

	/** The patients one source described, in a stable order. */
	public List<PatientId> fromSource(String source) {
		return this.jdbc.sql("select id from patient where source = ? order by family_name, given_names, id")
			.param(source)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
	}

	public long count() {
		return this.jdbc.sql("select count(*) from patient").query(Long.class).single();
	}

}
