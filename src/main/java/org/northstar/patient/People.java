package org.northstar.patient;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who is one person: the patient records that describe them, across sources. The only
 * place that reads or writes {@code patient_link}; record linkage changes people through
 * the package-private methods, everything else asks the public ones.
 *
 * <p>
 * A person is named by any of their records: there is no person id outside this module,
 * so a record can be unlinked without leaving other modules pointing at a person that no
 * longer exists. A record that is linked to no other is a person of one record. The
 * records a feed merged (A40) into one of the person's records are the person's too.
 */
@Service
public class People {

	/**
	 * A patient's phone number as its digits, a leading North American country code 1
	 * dropped: the expression of the index {@code patient_phone_digits} (V56), which a
	 * query finds only when it is written the same.
	 */
	static final String PHONE_DIGITS = "regexp_replace(regexp_replace(phone, '\\D', '', 'g'), '^1(\\d{10})$', '\\1')";

	/*
	 * The feed runs these for every message, and lists for every page. A lateral subquery
	 * kept apart by offset 0 is looked up by index for each row before it, whatever plan
	 * the session caches: a join can be planned as a scan of the whole table while the
	 * tables are empty (a new installation), and the session then keeps that plan as they
	 * grow. PlansOnEmptyTablesTests holds them to it.
	 */

	/** The records of one person ({@link #recordsOf}). */
	static final String RECORDS_OF = """
			with person as (
			    select ?::uuid as id
			    union
			    select other.patient_id from patient_link mine
			    join patient_link other on other.person_id = mine.person_id
			    where mine.patient_id = ?
			)
			select id from person where id <> ?
			union all
			select merged.id from person
			cross join lateral (select p.id from patient p where p.merged_into = person.id offset 0) merged
			where merged.id <> ?
			order by 1
			""";

	/** The records linked to any of some records ({@link #withLinkedRecords}). */
	static final String LINKED_RECORDS = """
			select other.patient_id from patient_link mine
			cross join lateral (select o.patient_id from patient_link o where o.person_id = mine.person_id offset 0) other
			where mine.patient_id = any(?)
			""";

	/** The other records linked to each of some records ({@link #otherLinkedRecords}). */
	static final String OTHER_LINKED_RECORDS = """
			select mine.patient_id, other.patient_id from patient_link mine
			cross join lateral (select o.patient_id from patient_link o
			                    where o.person_id = mine.person_id and o.patient_id <> mine.patient_id offset 0) other
			where mine.patient_id = any(?) order by 1, 2
			""";

	private final JdbcClient jdbc;

	People(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The person the record belongs to, with every record's header and how it was linked;
	 * empty when there is no such record.
	 */
	public Optional<Person> personOf(PatientId record) {
		List<PatientId> ids = recordsOf(record);
		Map<PatientId, RecordLink> links = new HashMap<>();
		linksOf(record).forEach(l -> links.put(l.record(), l));
		Set<PatientId> merged = new HashSet<>(
				this.jdbc.sql("select id from patient where id = any(?) and merged_into is not null")
					.param(ids.stream().map(PatientId::value).toArray(UUID[]::new))
					.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
					.list());
		Set<PatientId> stubs = new HashSet<>(this.jdbc.sql("select id from patient where id = any(?) and needs_review")
			.param(ids.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
		List<Person.Record> records = new ArrayList<>();
		for (PatientId id : ids) {
			Patients.details(this.jdbc, id)
				.ifPresent(d -> records.add(new Person.Record(d, links.get(id), merged.contains(id))));
		}
		if (records.stream().noneMatch(r -> r.id().equals(record))) {
			return Optional.empty();
		}
		// The primary record first: a record a source sent in full before a feed's stub,
		// then the first to join the person; the rest keep their order.
		records.sort(Comparator.comparing((Person.Record r) -> r.mergedByFeed())
			.thenComparing(r -> stubs.contains(r.id()))
			.thenComparing(r -> r.link() == null ? null : r.link().linkedAt(),
					Comparator.nullsFirst(Comparator.naturalOrder())));
		return Optional.of(new Person(record, records));
	}

	/**
	 * Every patient record that describes the same person as {@code record}: itself
	 * first, then in id order the records linked to it across sources (record linkage)
	 * and the records a feed merged into any of them. Unlinked, a record is its own
	 * person again.
	 */
	public List<PatientId> recordsOf(PatientId record) {
		List<PatientId> records = new ArrayList<>();
		records.add(record);
		this.jdbc.sql(RECORDS_OF)
			.params(record.value(), record.value(), record.value(), record.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list()
			.stream()
			.distinct()
			.forEach(records::add);
		return records;
	}

	/**
	 * The records whose phone number is this one, compared by its digits alone (a leading
	 * North American country code 1 ignored), as an SMS gateway reports the number a
	 * reply came from. Not merged-away records.
	 */
	public List<PatientId> withPhone(String phone) {
		String digits = phone == null ? "" : phone.replaceAll("\\D", "");
		if (digits.length() == 11 && digits.startsWith("1")) {
			digits = digits.substring(1);
		}
		if (digits.length() < 7) {
			return List.of();
		}
		return this.jdbc
			.sql("select id from patient where merged_into is null and phone is not null and " + PHONE_DIGITS
					+ " = ? order by id")
			.param(digits)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
	}

	/** Whether the two records describe one person (record linkage only). */
	public boolean samePerson(PatientId one, PatientId other) {
		if (one.equals(other)) {
			return true;
		}
		UUID person = personId(one.value());
		return person != null && person.equals(personId(other.value()));
	}

	/**
	 * The given records and every record linked to any of them (record linkage only; not
	 * feed merges): what a user who may see the given records may see of their people.
	 */
	public Set<PatientId> withLinkedRecords(Collection<PatientId> records) {
		Set<PatientId> all = new HashSet<>(records);
		if (records.isEmpty()) {
			return all;
		}
		this.jdbc.sql(LINKED_RECORDS)
			.param(ids(records))
			.query((rs, n) -> all.add(new PatientId(rs.getObject(1, UUID.class))))
			.list();
		return all;
	}

	/**
	 * For each given record, the other records linked to it (record linkage only), in one
	 * round trip: for lists that show a person's whole record in one row. Records linked
	 * to no other are absent.
	 */
	public Map<PatientId, List<PatientId>> otherLinkedRecords(Collection<PatientId> records) {
		Map<PatientId, List<PatientId>> others = new HashMap<>();
		if (records.isEmpty()) {
			return others;
		}
		this.jdbc.sql(OTHER_LINKED_RECORDS)
			.param(ids(records))
			.query((rs, n) -> others.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new ArrayList<>())
				.add(new PatientId(rs.getObject(2, UUID.class))))
			.list();
		return others;
	}

	/**
	 * The given records with one record per person: of the records of one person, the
	 * first given is kept. For lists where a person must appear once, whichever of their
	 * records brought them there.
	 */
	public List<PatientId> onePerPerson(List<PatientId> records) {
		if (records.size() < 2) {
			return records;
		}
		Map<UUID, UUID> personOf = personIds(records.stream().map(PatientId::value).toList());
		Set<UUID> seen = new HashSet<>();
		List<PatientId> kept = new ArrayList<>();
		for (PatientId record : records) {
			if (seen.add(personOf.getOrDefault(record.value(), record.value()))) {
				kept.add(record);
			}
		}
		return kept;
	}

	/**
	 * The people none of whose records is among {@code claimed} (merged and linked
	 * records count as the person's), latest arrived first, each once by the record that
	 * stands for them; those whose name or an identifier matches {@code query} when it is
	 * not blank.
	 * @param limit at most this many rows
	 * @return the rows, and how many people there are in all
	 */
	public PeopleOutside outside(Collection<PatientId> claimed, String query, int limit) {
		UUID[] ids = ids(claimed);
		boolean search = query != null && !query.isBlank();
		String pattern = search ? "%"
				+ query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%" : "";
		int[] total = { 0 };
		List<PersonRow> rows = this.jdbc.sql("""
				with claimed_people as (select person_id from patient_link where patient_id = any(:claimed)),
				unclaimed as (
				    select p.*, l.person_id,
				        max(p.updated_at) over (partition by coalesce(l.person_id, p.id)) as arrived,
				        count(*) over (partition by coalesce(l.person_id, p.id)) as records
				    from patient p left join patient_link l on l.patient_id = p.id
				    where p.merged_into is null and not (p.id = any(:claimed))
				      and (l.person_id is null or l.person_id not in (select person_id from claimed_people))
				      and not exists (select 1 from patient m where m.merged_into = p.id and m.id = any(:claimed))
				),
				person as (
				    select distinct on (coalesce(person_id, id)) * from unclaimed
				    order by coalesce(person_id, id), needs_review, updated_at, id
				)
				select *, count(*) over () as total from person
				where not :search or (
				    lower(coalesce(family_name, '') || ' ' || coalesce(given_names, '')) like :pattern
				    or lower(coalesce(given_names, '') || ' ' || coalesce(family_name, '')) like :pattern
				    or exists (select 1 from patient_identifier i where i.patient_id = person.id and i.value = :value))
				order by arrived desc, family_name, given_names, id
				limit :limit
				""")
			.param("claimed", ids)
			.param("search", search)
			.param("pattern", pattern)
			.param("value", search ? query.strip() : "")
			.param("limit", limit)
			.query((rs, n) -> {
				total[0] = rs.getInt("total");
				return new PersonRow(Patients.summary(rs), rs.getString("source"), rs.getBoolean("needs_review"),
						rs.getTimestamp("arrived").toInstant(), rs.getInt("records"));
			})
			.list();
		return new PeopleOutside(rows, total[0]);
	}

	/**
	 * Some of the people a list is about, and how many there are in all.
	 */
	public record PeopleOutside(List<PersonRow> rows, int total) {

		public PeopleOutside {
			rows = List.copyOf(rows);
		}

	}

	/** How each record of the record's person was linked; empty when it has none. */
	public List<RecordLink> linksOf(PatientId record) {
		return this.jdbc.sql("""
				select l.patient_id, l.method, l.score, l.linked_by, l.linked_at from patient_link l
				where l.person_id = (select person_id from patient_link where patient_id = ?)
				order by l.linked_at, l.patient_id
				""")
			.param(record.value())
			.query((rs, n) -> new RecordLink(new PatientId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getObject(3) == null ? null : rs.getDouble(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	// What record linkage changes people with. The caller holds the people lock.

	/** The person id of a linked record; null for a record linked to no other. */
	UUID personId(UUID record) {
		return this.jdbc.sql("select person_id from patient_link where patient_id = ?")
			.param(record)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	/** The person id of each linked record among those given. */
	Map<UUID, UUID> personIds(Collection<UUID> records) {
		Map<UUID, UUID> persons = new HashMap<>();
		if (records.isEmpty()) {
			return persons;
		}
		this.jdbc.sql("""
				select l.patient_id, l.person_id from unnest(?::uuid[]) as u (id)
				cross join lateral (select patient_id, person_id from patient_link where patient_id = u.id offset 0) l
				""")
			.param(records.toArray(UUID[]::new))
			.query((rs, n) -> persons.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
		return persons;
	}

	/** The records of the record's person (itself alone when it is linked to none). */
	UUID[] members(UUID record) {
		UUID person = personId(record);
		if (person == null) {
			return new UUID[] { record };
		}
		return this.jdbc.sql("select patient_id from patient_link where person_id = ?")
			.param(person)
			.query(UUID.class)
			.list()
			.toArray(UUID[]::new);
	}

	/** How every record of a person was linked, to put back as it was. */
	List<LinkRow> rows(UUID person) {
		return this.jdbc
			.sql("select patient_id, person_id, method, score, linked_by, linked_at from patient_link "
					+ "where person_id = ? order by patient_id")
			.param(person)
			.query((rs, n) -> new LinkRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getObject(4) == null ? null : rs.getDouble(4), rs.getString(5), rs.getTimestamp(6)))
			.list();
	}

	/** How every record of a person was linked, as JSON to keep. */
	String rowsJson(UUID person) {
		return this.jdbc
			.sql("select coalesce(jsonb_agg(to_jsonb(l)), '[]'::jsonb)::text from patient_link l where person_id = ?")
			.param(person)
			.query(String.class)
			.single();
	}

	/** Link rows kept by {@link #rowsJson}. */
	List<LinkRow> rowsFromJson(String json) {
		return this.jdbc
			.sql("select patient_id, person_id, method, score, linked_by, linked_at "
					+ "from jsonb_populate_recordset(null::patient_link, ?::jsonb) order by patient_id")
			.param(json)
			.query((rs, n) -> new LinkRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getObject(4) == null ? null : rs.getDouble(4), rs.getString(5), rs.getTimestamp(6)))
			.list();
	}

	/** Adds the record to the person, or moves it there. */
	void join(UUID record, UUID person, String method, Double score, String username) {
		this.jdbc.sql("""
				insert into patient_link (patient_id, person_id, method, score, linked_by) values (?, ?, ?, ?, ?)
				on conflict (patient_id) do update set person_id = excluded.person_id, method = excluded.method,
				    score = excluded.score, linked_by = excluded.linked_by, linked_at = now()
				""").params(record, person, method, score, username).update();
	}

	/** Puts back link rows as they were (undoing an unlink). */
	void restore(Collection<LinkRow> rows) {
		for (LinkRow row : rows) {
			this.jdbc.sql("""
					insert into patient_link (patient_id, person_id, method, score, linked_by, linked_at)
					values (?, ?, ?, ?, ?, ?)
					""")
				.params(row.record(), row.person(), row.method(), row.score(), row.linkedBy(), row.linkedAt())
				.update();
		}
	}

	/** The records of person {@code from} become person {@code into}'s. */
	void mergePeople(UUID into, UUID from) {
		this.jdbc.sql("update patient_link set person_id = ? where person_id = ?").params(into, from).update();
	}

	/** The record is linked to no other any more. */
	void leave(UUID record) {
		this.jdbc.sql("delete from patient_link where patient_id = ?").param(record).update();
	}

	/**
	 * One row of {@code patient_link}: how one record belongs to its person.
	 */
	record LinkRow(UUID record, UUID person, String method, Double score, String linkedBy, Timestamp linkedAt) {
	}

	private static UUID[] ids(Collection<PatientId> records) {
		return records.stream().map(PatientId::value).toArray(UUID[]::new);
	}

}
