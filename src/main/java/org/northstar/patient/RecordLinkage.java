package org.northstar.patient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.northstar.database.LeadingStatement;
import org.northstar.patient.LinkCandidate.FieldAgreement;
import org.northstar.patient.linkage.BatchLinkage;
import org.northstar.patient.linkage.Blocking;
import org.northstar.patient.linkage.Comparison;
import org.northstar.patient.linkage.Decision;
import org.northstar.patient.linkage.Field;
import org.northstar.patient.linkage.LinkageRecord;
import org.northstar.patient.linkage.Matcher;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Record linkage: which patient records, from whichever sources, describe one person.
 * <ul>
 * <li>After an import, {@link #linkRecords} compares the new or changed records with the
 * records that share a blocking key, links the pairs the matcher is sure of and queues
 * the borderline ones for review. {@link #linkAll} does the same over every record.</li>
 * <li>A coordinator links or rejects a queued pair, or unlinks a record from its person.
 * These decisions are sticky: the matcher never links a pair a person rejected or
 * unlinked, and never merges two people across such a pair.</li>
 * </ul>
 * Concurrency, with transaction-scoped advisory locks taken in one order:
 * <ol>
 * <li>Finding candidates: a run locks the blocking keys of its records, so of two runs
 * whose records share a key (and could be one person) the second waits for the first to
 * commit and then sees its records. Runs over different keys, such as two feeds'
 * patients, go on side by side. A large run (an import, {@link #linkAll}) locks the key
 * space as a whole, which small runs share.</li>
 * <li>Changing people: linking, queueing, unlinking and deciding are serialised by one
 * lock, taken only by a run that has something to write.</li>
 * </ol>
 * Auditing the coordinator's decisions is the caller's, through the access check; the
 * matcher's own links are announced as {@link RecordsLinked}, for the audit trail, and a
 * user's (a link, an undone unlink) as {@link RecordsLinkedByUser}.
 */
@Service
public class RecordLinkage {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Serialises changes to people: links, merges, decisions. */
	private static final long PEOPLE_LOCK = 0x6e6f72746873L;

	/**
	 * Held shared by runs that lock their blocking keys one by one, exclusively by runs
	 * too large to.
	 */
	private static final long ALL_KEYS_LOCK = 0x6e6f72746874L;

	/** Locks the whole key space, for a run too large to lock its keys one by one. */
	private static final LeadingStatement ALL_KEYS = new LeadingStatement("select pg_advisory_xact_lock(?)",
			ALL_KEYS_LOCK);

	/** The advisory lock class of single blocking keys (two-int locks). */
	private static final int KEY_LOCK_CLASS = 0x6e73;

	/** Runs of more records than this lock all keys at once. */
	private static final int MAX_RECORDS_LOCKED_BY_KEY = 64;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Matcher matcher = Matcher.DEFAULT;

	private final ApplicationEventPublisher events;

	private final People people;

	RecordLinkage(JdbcClient jdbc, JdbcTemplate template, ApplicationEventPublisher events, People people) {
		this.jdbc = jdbc;
		this.template = template;
		this.events = events;
		this.people = people;
	}

	/**
	 * What one run did.
	 *
	 * @param compared candidate pairs compared
	 * @param linked pairs linked automatically
	 * @param queued pairs put in the review queue
	 */
	public record Run(int records, int compared, int linked, int queued) {
	}

	/**
	 * Links the given records (new or changed) to the records they match. Joins the
	 * caller's transaction, so the links commit with the import that caused them.
	 */
	@Transactional
	public Run linkRecords(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return new Run(0, 0, 0, 0);
		}
		UUID[] ids = records.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
		Map<UUID, LinkageRecord> loaded = load(ids);
		Set<String> keys = new HashSet<>();
		loaded.values().forEach(r -> keys.addAll(Blocking.keys(r)));
		LeadingStatement locks = loaded.size() > MAX_RECORDS_LOCKED_BY_KEY ? ALL_KEYS : lockKeys(keys);
		LeadingStatement store = storeBlockingKeys(
				new LeadingStatement("delete from patient_blocking_key where patient_id = any(?)", (Object) ids),
				loaded.values());
		// Each key's members by index, at most one more than a block may have: a larger
		// block is skipped without being read whole. Read in one round trip after the
		// locks and the records' own keys, which the read then sees.
		Map<String, List<UUID>> blocks = new HashMap<>();
		locks.then(store)
			.thenQuery(this.template, """
					select u.key, b.patient_id from unnest(?::text[]) as u (key)
					cross join lateral (select patient_id from patient_blocking_key k where k.key = u.key limit ?) b
					""", (rs, n) -> blocks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
				.add(rs.getObject(2, UUID.class)), keys.toArray(String[]::new), Blocking.MAX_BLOCK + 1);
		Set<List<UUID>> pairs = new HashSet<>();
		for (List<UUID> members : blocks.values()) {
			if (members.size() > Blocking.MAX_BLOCK) {
				continue;
			}
			for (UUID a : members) {
				if (!loaded.containsKey(a)) {
					continue;
				}
				for (UUID b : members) {
					if (!a.equals(b)) {
						pairs.add(ordered(a, b));
					}
				}
			}
		}
		Set<UUID> others = new HashSet<>();
		pairs.forEach(p -> others.addAll(p));
		others.removeAll(loaded.keySet());
		Map<UUID, LinkageRecord> all = new HashMap<>(loaded);
		all.putAll(load(others.toArray(UUID[]::new)));
		List<Scored> scored = new ArrayList<>();
		for (List<UUID> pair : pairs) {
			LinkageRecord a = all.get(pair.get(0));
			LinkageRecord b = all.get(pair.get(1));
			if (a != null && b != null) {
				Comparison comparison = this.matcher.compare(a, b);
				if (comparison.decision() != Decision.NO_LINK) {
					scored.add(new Scored(a.id(), b.id(), comparison));
				}
			}
		}
		return apply(loaded.size(), pairs.size(), scored);
	}

	/**
	 * Links every patient record: rebuilds the blocking keys and runs the matcher over
	 * all of them. Earlier decisions by coordinators stand.
	 */
	@Transactional
	public Run linkAll() {
		ALL_KEYS.run(this.template);
		Map<UUID, LinkageRecord> loaded = load(null);
		storeBlockingKeys(new LeadingStatement("delete from patient_blocking_key"), loaded.values()).run(this.template);
		List<LinkageRecord> records = new ArrayList<>(loaded.values());
		BatchLinkage.Result result = new BatchLinkage(this.matcher).run(records);
		List<Scored> scored = new ArrayList<>();
		for (BatchLinkage.ScoredPair p : result.links()) {
			scored.add(new Scored(records.get(p.a()).id(), records.get(p.b()).id(), p.comparison()));
		}
		for (BatchLinkage.ScoredPair p : result.reviews()) {
			scored.add(new Scored(records.get(p.a()).id(), records.get(p.b()).id(), p.comparison()));
		}
		return apply(records.size(), (int) result.candidatePairs(), scored);
	}

	/**
	 * The review queue of the records given (and the records linked to them): each unsure
	 * pair of people once, by its best-scoring pair of records, surest first. A pair
	 * whose records are one person by now, or whose people hold a pair someone marked as
	 * different people, is no longer unsure and is left out.
	 */
	public List<LinkCandidate> pendingFor(Collection<PatientId> records, int limit) {
		UUID[] visible = this.people.withLinkedRecords(records).stream().map(PatientId::value).toArray(UUID[]::new);
		List<LinkCandidate> pending = this.jdbc.sql("""
				select * from link_candidate
				where status = 'PENDING' and (record_a = any(?) or record_b = any(?))
				order by score desc, record_a, record_b
				""").params(visible, visible).query((rs, n) -> candidate(rs)).list();
		Set<UUID> involved = new HashSet<>();
		pending.forEach(c -> involved.addAll(List.of(c.recordA().value(), c.recordB().value())));
		Map<UUID, UUID> persons = this.people.personIds(involved);
		Set<List<UUID>> pairsOfPeople = new HashSet<>();
		List<LinkCandidate> queue = new ArrayList<>();
		for (LinkCandidate c : pending) {
			UUID a = c.recordA().value();
			UUID b = c.recordB().value();
			UUID personA = persons.getOrDefault(a, a);
			UUID personB = persons.getOrDefault(b, b);
			if (personA.equals(personB) || !pairsOfPeople.add(ordered(personA, personB))
					|| rejectedBetween(a, b).isPresent()) {
				continue;
			}
			queue.add(c);
			if (queue.size() == limit) {
				break;
			}
		}
		return queue;
	}

	/** The pair as the matcher or a coordinator left it, if it was ever compared. */
	public Optional<LinkCandidate> candidate(PatientId one, PatientId other) {
		List<UUID> pair = ordered(one.value(), other.value());
		return this.jdbc.sql("select * from link_candidate where record_a = ? and record_b = ?")
			.params(pair.get(0), pair.get(1))
			.query((rs, n) -> candidate(rs))
			.optional();
	}

	/**
	 * Someone says the two records are one person: their people become one. Who may say
	 * so is the caller's to decide.
	 * @throws DecisionConflictException if the pair, or a pair between the two people,
	 * was marked as different people
	 */
	@Transactional
	public void link(PatientId one, PatientId other, String username) {
		lockPeople();
		if (one.equals(other) || this.people.samePerson(one, other)) {
			return;
		}
		Optional<LinkCandidate> pair = candidate(one, other);
		if (pair.isPresent() && pair.get().status() == LinkCandidate.Status.REJECTED) {
			throw new DecisionConflictException(
					"%s and %s were marked as different people%s. A supervisor can re-open the pair; until then they cannot be linked."
						.formatted(describe(one.value()), describe(other.value()), decidedBy(pair.get())),
					pair.get());
		}
		Optional<LinkCandidate> across = rejectedBetween(one.value(), other.value());
		if (across.isPresent()) {
			LinkCandidate rejected = across.get();
			throw new DecisionConflictException(
					"Linking these records would make one person of %s and %s, which were marked as different people%s. A supervisor can re-open that pair if it was wrong."
						.formatted(describe(rejected.recordA().value()), describe(rejected.recordB().value()),
								decidedBy(rejected)),
					rejected);
		}
		Comparison comparison = compare(one.value(), other.value());
		merge(one.value(), other.value(), "MANUAL", comparison == null ? null : comparison.score(), username,
				this.people.personIds(List.of(one.value(), other.value())));
		decide(one.value(), other.value(), comparison, LinkCandidate.Status.LINKED, username);
		this.events.publishEvent(new RecordsLinkedByUser(one, other, username));
	}

	/**
	 * Someone says the two records are different people.
	 * @throws DecisionConflictException if they are one person now: separating them is an
	 * unlink, which takes a reason and can be undone
	 */
	@Transactional
	public void reject(PatientId one, PatientId other, String username) {
		lockPeople();
		if (this.people.samePerson(one, other)) {
			throw new DecisionConflictException(
					"%s and %s are linked as one person. To separate them, unlink the record that is someone else's from the patient page, giving a reason."
						.formatted(describe(one.value()), describe(other.value())));
		}
		decide(one.value(), other.value(), compare(one.value(), other.value()), LinkCandidate.Status.REJECTED,
				username);
	}

	/**
	 * Puts a pair marked as different people back in the review queue. Who may is the
	 * caller's to decide (a supervisor). The matcher still leaves the pair to people.
	 * @throws DecisionConflictException if the pair was not marked as different people
	 */
	@Transactional
	public void reopen(PatientId one, PatientId other, String username) {
		lockPeople();
		Optional<LinkCandidate> pair = candidate(one, other);
		if (pair.isEmpty() || pair.get().status() != LinkCandidate.Status.REJECTED) {
			throw new DecisionConflictException(
					"%s and %s are not marked as different people: there is nothing to re-open."
						.formatted(describe(one.value()), describe(other.value())));
		}
		List<UUID> ids = ordered(one.value(), other.value());
		this.jdbc.sql("""
				update link_candidate set status = 'PENDING', decided_by = ?, decided_at = now()
				where record_a = ? and record_b = ?
				""").params(username, ids.get(0), ids.get(1)).update();
	}

	/**
	 * Takes the record out of its person: it shows its own data again, and so do the
	 * others. Every pair it formed with the others is marked rejected, so the matcher
	 * does not link it back. What it changed is kept, so {@link #undoUnlink} can put it
	 * back exactly.
	 * @param reason why, as the person who unlinks says it; required
	 * @return the unlink, or empty if the record was not linked
	 * @throws IllegalArgumentException if no reason is given
	 */
	@Transactional
	public Optional<Unlink> unlink(PatientId record, String username, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("Say why this record is not the same person");
		}
		lockPeople();
		UUID person = this.people.personId(record.value());
		if (person == null) {
			return Optional.empty();
		}
		String links = this.people.rowsJson(person);
		List<UUID> others = this.people.rows(person)
			.stream()
			.map(People.LinkRow::record)
			.filter(r -> !r.equals(record.value()))
			.toList();
		String decisions = decisionsJson(record.value(), others);
		this.people.leave(record.value());
		for (UUID other : others) {
			decide(record.value(), other, compare(record.value(), other), LinkCandidate.Status.REJECTED, username);
		}
		if (others.size() == 1) {
			this.people.leave(others.get(0));
		}
		long id = this.jdbc.sql("""
				insert into patient_unlink (patient_id, reason, unlinked_by, links, decisions)
				values (?, ?, ?, ?::jsonb, ?::jsonb) returning id
				""").params(record.value(), reason.strip(), username, links, decisions).query(Long.class).single();
		return findUnlink(id);
	}

	/** An unlink, by its id. */
	public Optional<Unlink> findUnlink(long id) {
		return this.jdbc.sql("""
				select id, patient_id, reason, unlinked_by, unlinked_at, undone_by from patient_unlink where id = ?
				""")
			.param(id)
			.query((rs, n) -> new Unlink(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.optional();
	}

	/**
	 * Undoes an unlink: the record rejoins its person as it was linked before, and the
	 * pairs it marked rejected get back their earlier standing. Who may is the caller's
	 * to decide.
	 * @throws DecisionConflictException if it was undone already, or if the person's
	 * records were linked or unlinked differently since, so that undoing would overturn a
	 * later decision
	 */
	@Transactional
	public void undoUnlink(long id, String username) {
		lockPeople();
		Unlink unlink = findUnlink(id).orElseThrow(() -> new IllegalArgumentException("There is no unlink " + id));
		if (unlink.undone()) {
			throw new DecisionConflictException("This unlink was undone already, by " + unlink.undoneBy() + ".");
		}
		String links = this.jdbc.sql("select links::text from patient_unlink where id = ?")
			.param(id)
			.query(String.class)
			.single();
		List<People.LinkRow> before = this.people.rowsFromJson(links);
		Map<UUID, UUID> now = this.people.personIds(before.stream().map(People.LinkRow::record).toList());
		UUID person = before.get(0).person();
		boolean othersStayed = before.stream()
			.filter(r -> !r.record().equals(unlink.record().value()))
			.allMatch(r -> person.equals(now.get(r.record())));
		boolean othersLeftTogether = before.stream().allMatch(r -> !now.containsKey(r.record()));
		if (now.containsKey(unlink.record().value()) || !(othersStayed || othersLeftTogether)) {
			throw new DecisionConflictException(
					"%s's records were linked or unlinked differently since this unlink, and undoing it would overturn that. Decide on the records from the review queue or the patient page instead."
						.formatted(describe(unlink.record().value())));
		}
		this.people.restore(before.stream().filter(r -> !person.equals(now.get(r.record()))).toList());
		List<UUID> others = before.stream()
			.map(People.LinkRow::record)
			.filter(r -> !r.equals(unlink.record().value()))
			.toList();
		for (UUID other : others) {
			List<UUID> pair = ordered(unlink.record().value(), other);
			this.jdbc.sql("delete from link_candidate where record_a = ? and record_b = ?")
				.params(pair.get(0), pair.get(1))
				.update();
		}
		this.jdbc.sql("""
				insert into link_candidate
				select * from jsonb_populate_recordset(null::link_candidate,
				    (select decisions from patient_unlink where id = ?))
				""").param(id).update();
		this.jdbc.sql("update patient_unlink set undone_by = ?, undone_at = now() where id = ?")
			.params(username, id)
			.update();
		if (!others.isEmpty()) {
			this.events.publishEvent(new RecordsLinkedByUser(unlink.record(), new PatientId(others.get(0)), username));
		}
	}

	/** The stored decisions on the pairs of the record with each of the others. */
	private String decisionsJson(UUID record, List<UUID> others) {
		UUID[] as = new UUID[others.size()];
		UUID[] bs = new UUID[others.size()];
		for (int i = 0; i < others.size(); i++) {
			List<UUID> pair = ordered(record, others.get(i));
			as[i] = pair.get(0);
			bs[i] = pair.get(1);
		}
		return this.jdbc.sql("""
				select coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb)::text from link_candidate c
				join unnest(?::uuid[], ?::uuid[]) as u (a, b) on c.record_a = u.a and c.record_b = u.b
				""").params(as, bs).query(String.class).single();
	}

	/**
	 * A pair marked as different people with one record in each of the two records'
	 * people, if any.
	 */
	private Optional<LinkCandidate> rejectedBetween(UUID a, UUID b) {
		UUID[] peopleA = this.people.members(a);
		UUID[] peopleB = this.people.members(b);
		return this.jdbc.sql("""
				select * from link_candidate where status = 'REJECTED'
				    and ((record_a = any(?) and record_b = any(?)) or (record_a = any(?) and record_b = any(?)))
				order by decided_at desc nulls last limit 1
				""").params(peopleA, peopleB, peopleB, peopleA).query((rs, n) -> candidate(rs)).optional();
	}

	/** "Quince, Bart (lk-ui-pharmacy)": a record as a coordinator knows it. */
	private String describe(UUID record) {
		return Patients.details(this.jdbc, new PatientId(record))
			.map(d -> d.summary().displayName() + " (" + d.source() + ")")
			.orElse("record " + record);
	}

	private static String decidedBy(LinkCandidate pair) {
		return pair.decidedBy() == null ? "" : " by " + pair.decidedBy();
	}

	/**
	 * A compared pair, {@code a} before {@code b} as {@code link_candidate} stores them.
	 */
	private record Scored(UUID a, UUID b, Comparison comparison) {

		Scored {
			List<UUID> pair = ordered(a, b);
			a = pair.get(0);
			b = pair.get(1);
		}

	}

	/**
	 * Applies the matcher's conclusions (links and pairs to review), surest first, around
	 * earlier decisions.
	 */
	private Run apply(int records, int compared, List<Scored> scored) {
		if (scored.isEmpty()) {
			return new Run(records, compared, 0, 0);
		}
		if (scored.stream().noneMatch(s -> s.comparison().decision() == Decision.LINK)) {
			return new Run(records, compared, 0, queue(scored));
		}
		lockPeople();
		scored.sort(Comparator.comparingDouble((Scored s) -> -s.comparison().score()));
		UUID[] as = scored.stream().map(Scored::a).toArray(UUID[]::new);
		UUID[] bs = scored.stream().map(Scored::b).toArray(UUID[]::new);
		Set<UUID> involved = new HashSet<>(List.of(as));
		involved.addAll(List.of(bs));
		Set<List<UUID>> decidedByPeople = new HashSet<>();
		this.jdbc.sql("""
				select c.record_a, c.record_b from unnest(?::uuid[], ?::uuid[]) as u (a, b)
				cross join lateral (select record_a, record_b from link_candidate
				                    where record_a = u.a and record_b = u.b and decided_by is not null offset 0) c
				""")
			.params(as, bs)
			.query((rs, n) -> decidedByPeople.add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))))
			.list();
		Map<UUID, UUID> persons = this.people.personIds(involved);
		List<RecordsLinked.Link> links = new ArrayList<>();
		int queued = 0;
		for (Scored s : scored) {
			if (decidedByPeople.contains(List.of(s.a(), s.b()))) {
				continue;
			}
			UUID personA = persons.get(s.a());
			boolean samePerson = personA != null && personA.equals(persons.get(s.b()));
			if (s.comparison().decision() == Decision.LINK && !samePerson && rejectedBetween(s.a(), s.b()).isEmpty()) {
				String method = s.comparison().sharedIdentifier() ? "IDENTIFIER" : "PROBABILISTIC";
				merge(s.a(), s.b(), method, s.comparison().score(), null, persons);
				decide(s.a(), s.b(), s.comparison(), LinkCandidate.Status.LINKED, null);
				links.add(new RecordsLinked.Link(new PatientId(s.a()), new PatientId(s.b()), method,
						s.comparison().score()));
			}
			else if (samePerson) {
				decide(s.a(), s.b(), s.comparison(), LinkCandidate.Status.LINKED, null);
			}
			else {
				decide(s.a(), s.b(), s.comparison(), LinkCandidate.Status.PENDING, null);
				queued++;
			}
		}
		if (!links.isEmpty()) {
			this.events.publishEvent(new RecordsLinked(links));
		}
		return new Run(records, compared, links.size(), queued);
	}

	/**
	 * Puts pairs in the review queue, in one statement and without the people lock: a
	 * pair a person already decided keeps their decision, and a pair already of one
	 * person is marked linked.
	 * @return how many pairs now wait for review
	 */
	private int queue(List<Scored> reviews) {
		Set<UUID> involved = new HashSet<>();
		reviews.forEach(s -> involved.addAll(List.of(s.a(), s.b())));
		Map<UUID, UUID> persons = this.people.personIds(involved);
		return (int) this.jdbc
			.sql("""
					insert into link_candidate (record_a, record_b, score, agreement, status)
					select u.a, u.b, u.score, u.agreement::jsonb, u.status
					from unnest(?::uuid[], ?::uuid[], ?::float8[], ?::text[], ?::text[]) as u (a, b, score, agreement, status)
					on conflict (record_a, record_b) do update set score = excluded.score,
					    agreement = excluded.agreement, status = excluded.status
					where link_candidate.decided_by is null
					returning status
					""")
			.params(reviews.stream().map(Scored::a).toArray(UUID[]::new),
					reviews.stream().map(Scored::b).toArray(UUID[]::new),
					reviews.stream().map(s -> s.comparison().score()).toArray(Double[]::new),
					reviews.stream().map(s -> agreementJson(s.comparison())).toArray(String[]::new),
					reviews.stream()
						.map(s -> persons.get(s.a()) != null && persons.get(s.a()).equals(persons.get(s.b()))
								? LinkCandidate.Status.LINKED.name() : LinkCandidate.Status.PENDING.name())
						.toArray(String[]::new))
			.query(String.class)
			.list()
			.stream()
			.filter(LinkCandidate.Status.PENDING.name()::equals)
			.count();
	}

	/**
	 * Puts the two records in one person.
	 * @param persons the person of each record involved, kept up to date
	 */
	private void merge(UUID a, UUID b, String method, Double score, String username, Map<UUID, UUID> persons) {
		UUID personA = persons.get(a);
		UUID personB = persons.get(b);
		if (personA == null && personB == null) {
			UUID person = UUID.randomUUID();
			this.people.join(a, person, method, score, username);
			this.people.join(b, person, method, score, username);
			persons.put(a, person);
			persons.put(b, person);
		}
		else if (personA == null) {
			this.people.join(a, personB, method, score, username);
			persons.put(a, personB);
		}
		else if (personB == null) {
			this.people.join(b, personA, method, score, username);
			persons.put(b, personA);
		}
		else if (!personA.equals(personB)) {
			this.people.mergePeople(personA, personB);
			persons.replaceAll((record, person) -> person.equals(personB) ? personA : person);
		}
	}

	private void decide(UUID a, UUID b, Comparison comparison, LinkCandidate.Status status, String username) {
		List<UUID> pair = ordered(a, b);
		this.jdbc.sql("""
				insert into link_candidate (record_a, record_b, score, agreement, status, decided_by, decided_at)
				values (?, ?, ?, ?::jsonb, ?, ?, ?)
				on conflict (record_a, record_b) do update set score = excluded.score,
				    agreement = excluded.agreement, status = excluded.status, decided_by = excluded.decided_by,
				    decided_at = excluded.decided_at
				""")
			.params(pair.get(0), pair.get(1), comparison == null ? 0 : comparison.score(), agreementJson(comparison),
					status.name(), username, username == null ? null : Timestamp.from(Instant.now()))
			.update();
	}

	private Comparison compare(UUID a, UUID b) {
		Map<UUID, LinkageRecord> records = load(new UUID[] { a, b });
		return records.size() == 2 ? this.matcher.compare(records.get(a), records.get(b)) : null;
	}

	private void lockPeople() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(PEOPLE_LOCK).query((rs, n) -> null).list();
	}

	/**
	 * Locks the blocking keys, in one order so that two runs cannot deadlock, after a
	 * shared lock on the key space.
	 */
	private static LeadingStatement lockKeys(Set<String> keys) {
		return new LeadingStatement("""
				select count(pg_advisory_xact_lock(?, h)) from (
				    -- The shared lock on the key space is taken on each row read, before
				    -- the sort hands out the first key to lock.
				    select distinct hashtext(k) h from unnest(?::text[]) k
				    where pg_advisory_xact_lock_shared(?) is not null
				    order by 1) s
				""", KEY_LOCK_CLASS, keys.toArray(String[]::new), ALL_KEYS_LOCK);
	}

	/**
	 * The statements that delete blocking keys, then store those of {@code records}, to
	 * run in one round trip.
	 */
	private static LeadingStatement storeBlockingKeys(LeadingStatement delete, Collection<LinkageRecord> records) {
		LeadingStatement statements = delete;
		List<String> keys = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (LinkageRecord r : records) {
			for (String key : Blocking.keys(r)) {
				keys.add(key);
				ids.add(r.id());
			}
		}
		for (int from = 0; from < keys.size(); from += 50_000) {
			int to = Math.min(keys.size(), from + 50_000);
			statements = statements.then(new LeadingStatement("""
					insert into patient_blocking_key (key, patient_id)
					select * from unnest(?::text[], ?::uuid[]) on conflict do nothing
					""", keys.subList(from, to).toArray(String[]::new), ids.subList(from, to).toArray(UUID[]::new)));
		}
		return statements;
	}

	/**
	 * The records to link, normalised; all of them when {@code ids} is null. Records a
	 * feed merged into another (A40) are left out: they live on in their survivor.
	 */
	private Map<UUID, LinkageRecord> load(UUID[] ids) {
		if (ids != null && ids.length == 0) {
			return Map.of();
		}
		// Given ids, each record is read by index whatever plan the server caches.
		String patients = ids == null ? "(select * from patient where merged_into is null) p" : """
				unnest(?::uuid[]) as u (id)
				cross join lateral (select * from patient where id = u.id and merged_into is null offset 0) p""";
		var query = this.jdbc.sql("""
				select p.id, p.source, p.family_name, p.given_names,
				       -- A birth year, or year and month, is no evidence for or against a day.
				       case when p.birth_date_precision is null then p.birth_date end, p.sex, p.address_line,
				       p.postal_code, p.phone, p.email, i.systems, i.vals, i.types
				from %s
				left join lateral (select array_agg(system) systems, array_agg(value) vals, array_agg(type_code) types
				                   from patient_identifier where patient_id = p.id) i on true
				""".formatted(patients));
		if (ids != null) {
			query = query.param(ids);
		}
		Map<UUID, LinkageRecord> records = new LinkedHashMap<>();
		query.query((rs, n) -> {
			UUID id = rs.getObject(1, UUID.class);
			List<PatientRecord.Identifier> identifiers = new ArrayList<>();
			if (rs.getArray(11) != null) {
				String[] systems = (String[]) rs.getArray(11).getArray();
				String[] values = (String[]) rs.getArray(12).getArray();
				String[] types = (String[]) rs.getArray(13).getArray();
				for (int i = 0; i < systems.length; i++) {
					identifiers.add(new PatientRecord.Identifier(systems[i], values[i], types[i]));
				}
			}
			records.put(id,
					LinkageRecord.of(id, rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getString(8),
							rs.getString(9), rs.getString(10), identifiers));
			return null;
		}).list();
		return records;
	}

	/**
	 * In PostgreSQL's order of uuids (bytewise), which UUID.compareTo (signed) is not.
	 */
	private static List<UUID> ordered(UUID a, UUID b) {
		return a.toString().compareTo(b.toString()) < 0 ? List.of(a, b) : List.of(b, a);
	}

	private static String agreementJson(Comparison comparison) {
		List<FieldAgreement> fields = new ArrayList<>();
		if (comparison != null) {
			for (Field field : Field.values()) {
				fields.add(new FieldAgreement(field.label(), comparison.agreement(field).name(),
						Math.round(comparison.weight(field) * 100) / 100.0));
			}
		}
		try {
			return JSON.writeValueAsString(fields);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static LinkCandidate candidate(ResultSet rs) throws SQLException {
		List<FieldAgreement> fields;
		try {
			fields = JSON.readValue(rs.getString("agreement"), new TypeReference<List<FieldAgreement>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored agreement is not JSON", ex);
		}
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		return new LinkCandidate(new PatientId(rs.getObject("record_a", UUID.class)),
				new PatientId(rs.getObject("record_b", UUID.class)), rs.getDouble("score"), fields,
				LinkCandidate.Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
				decidedAt == null ? null : decidedAt.toInstant());
	}

}
