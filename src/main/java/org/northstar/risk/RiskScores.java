package org.northstar.risk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.northstar.clinical.ClinicalHistories;
import org.northstar.clinical.ClinicalHistory;
import org.northstar.database.QueryPlans;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LACE and HOSPITAL of people: computed from the clinical record of every record of a
 * person, kept with their history, read by the API, the FHIR API and the caseload.
 *
 * <p>
 * Invariants: a person's current scores are those of each finished inpatient stay in
 * their records, as the record stood when they were last computed; recomputing with
 * nothing changed writes nothing; a score whose inputs were not all in the record says
 * which were missing ({@link RiskAssessment#missing()}) and counts them 0. Reads do not
 * check access: callers open the patient's record through {@code caseload.PatientAccess}
 * first.
 */
@Service
public class RiskScores {

	private static final Logger log = LoggerFactory.getLogger(RiskScores.class);

	/**
	 * From how many records a batch is read with fresh plans, which hash its arrays of
	 * records and codes ({@link QueryPlans#forManyKeys}).
	 */
	private static final int MANY_RECORDS = 20;

	private final ClinicalHistories histories;

	private final People people;

	private final RiskStore store;

	private final Scoring scoring;

	private final ClinicalHistories.HistoryQuery query;

	private final Clock clock;

	private final TransactionTemplate transactions;

	RiskScores(ClinicalHistories histories, People people, RiskStore store, Clock clock,
			TransactionTemplate transactions) {
		this.histories = histories;
		this.people = people;
		this.store = store;
		this.clock = clock;
		this.transactions = transactions;
		LabCodes labs = LabCodes.load();
		CharlsonIndex charlson = CharlsonIndex.load();
		Set<String> encounterClasses = new java.util.HashSet<>(Scoring.INPATIENT);
		encounterClasses.add(Scoring.EMERGENCY);
		this.query = new ClinicalHistories.HistoryQuery(encounterClasses, Scoring.INPATIENT, CharlsonIndex.ICD10,
				charlson.snomedCodes(), labs.codes());
		this.scoring = new Scoring(charlson, labs, OncologyServices.load(), clock.getZone());
	}

	/**
	 * Brings the scores of the people these records belong to up to date with their
	 * clinical record, in the caller's transaction or one of its own.
	 * @return how many scores were written (new or changed)
	 */
	@Transactional
	public int recompute(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return 0;
		}
		return score(people(records));
	}

	/** Scores these people, each a list of their records, in the caller's transaction. */
	private int score(List<List<PatientId>> people) {
		long started = System.nanoTime();
		List<PatientId> all = people.stream().flatMap(List::stream).toList();
		if (all.size() >= MANY_RECORDS) {
			this.store.planForManyKeys();
		}
		this.store.lockPeople(people.stream().map(p -> p.get(0)).toList());
		long locked = System.nanoTime();
		Map<PatientId, ClinicalHistory> histories = this.histories.of(all, this.query);
		long read = System.nanoTime();
		List<Scoring.Scored> scored = new ArrayList<>();
		for (List<PatientId> person : people) {
			scored.addAll(this.scoring.score(person.stream().map(histories::get).toList()));
		}
		long computed = System.nanoTime();
		int written = this.store.replace(all, scored, this.clock.instant());
		if (log.isDebugEnabled()) {
			log.debug("Scored {} people: locks {} ms, read {} ms, scored {} ms, written {} ms ({} scores)",
					people.size(), (locked - started) / 1_000_000, (read - locked) / 1_000_000,
					(computed - read) / 1_000_000, (System.nanoTime() - computed) / 1_000_000, written);
		}
		return written;
	}

	/** What scoring a whole population did. */
	public record Run(int records, int people, int written) {
	}

	/**
	 * Scores every person with an encounter, {@code batch} records per transaction and
	 * {@code jobs} transactions at once: the population from scratch (a new installation,
	 * a changed mapping). Batches hold disjoint people, so they neither wait for nor
	 * deadlock with one another.
	 * @param progress told how many records each batch held
	 */
	public Run recomputeAll(int batch, int jobs, IntConsumer progress) {
		int records = 0;
		int people = 0;
		java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors
			.newFixedThreadPool(Math.max(1, jobs));
		// At most two batches waiting per worker: memory stays flat however large the
		// population.
		java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(2 * Math.max(1, jobs));
		List<java.util.concurrent.Future<?>> running = new ArrayList<>();
		try {
			PatientId after = null;
			Set<PatientId> done = new java.util.HashSet<>();
			while (true) {
				List<PatientId> page = this.histories.recordsWithEncounters(after, batch);
				if (page.isEmpty()) {
					break;
				}
				after = page.get(page.size() - 1);
				// A person whose records fall in two pages is scored once, with the
				// first.
				List<PatientId> todo = page.stream().filter(p -> !done.contains(p)).toList();
				List<List<PatientId>> batchPeople = people(todo);
				batchPeople.forEach(done::addAll);
				records += page.size();
				people += batchPeople.size();
				queued.acquireUninterruptibly();
				running.add(workers.submit(() -> {
					try {
						Integer w = this.transactions.execute(status -> score(batchPeople));
						written.addAndGet(w == null ? 0 : w);
						if (progress != null) {
							progress.accept(page.size());
						}
					}
					finally {
						queued.release();
					}
				}));
			}
			for (java.util.concurrent.Future<?> f : running) {
				f.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Scoring interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Scoring a batch failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		return new Run(records, people, written.get());
	}

	/** The person's current scores: those of their latest finished inpatient stay. */
	@Transactional(readOnly = true)
	public PersonRisk forPerson(PatientId record) {
		return latest(this.store.current(this.people.recordsOf(record)));
	}

	/** The current score of every stay of the person, latest discharge first. */
	@Transactional(readOnly = true)
	public List<RiskAssessment> currentOfPerson(PatientId record) {
		return this.store.current(this.people.recordsOf(record));
	}

	/** Every score of the person, current and superseded, newest first. */
	@Transactional(readOnly = true)
	public List<RiskAssessment> historyOfPerson(PatientId record) {
		return this.store.history(this.people.recordsOf(record));
	}

	/** A page of current scores, and how many there are in all. */
	public record Page(List<RiskAssessment> scores, int total) {
	}

	/**
	 * One page of the current scores of every stay of these records (null: of everyone),
	 * latest discharge first: for searches not limited to one person.
	 */
	@Transactional(readOnly = true)
	public Page currentAmong(Collection<PatientId> records, int offset, int count) {
		return this.store.currentPage(records == null ? null : this.people.withLinkedRecords(records), offset, count);
	}

	@Transactional(readOnly = true)
	public Optional<RiskAssessment> find(UUID id) {
		return this.store.find(id);
	}

	/**
	 * The current scores of each given record's person, in one round trip for a list (the
	 * caseload): each with its score, band and what was missing, but without its
	 * components and facts ({@link #forPerson} has them).
	 */
	@Transactional(readOnly = true)
	public Map<PatientId, PersonRisk> forPeople(Collection<PatientId> records) {
		Map<PatientId, PersonRisk> risks = new LinkedHashMap<>();
		currentOfPeople(records).forEach((record, current) -> risks.put(record, latest(current)));
		return risks;
	}

	/**
	 * The current scores of each given record's person, over all their records, without
	 * components and facts.
	 */
	private Map<PatientId, List<RiskAssessment>> currentOfPeople(Collection<PatientId> records) {
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(records);
		Set<PatientId> all = new LinkedHashSet<>(records);
		others.values().forEach(all::addAll);
		Map<PatientId, List<RiskAssessment>> byRecord = new HashMap<>();
		for (RiskAssessment a : this.store.currentSummaries(all)) {
			byRecord.computeIfAbsent(a.patient(), p -> new ArrayList<>()).add(a);
		}
		Map<PatientId, List<RiskAssessment>> byPerson = new LinkedHashMap<>();
		for (PatientId record : records) {
			List<RiskAssessment> mine = new ArrayList<>(byRecord.getOrDefault(record, List.of()));
			for (PatientId other : others.getOrDefault(record, List.of())) {
				mine.addAll(byRecord.getOrDefault(other, List.of()));
			}
			byPerson.put(record, mine);
		}
		return byPerson;
	}

	/**
	 * For each given record's person, the current scores of their latest stay and of the
	 * stay before it (a trend: rising when the latest is higher), in one round trip; as
	 * {@link #forPeople}, without components and facts.
	 */
	@Transactional(readOnly = true)
	public Map<PatientId, RiskTrend> trendsOf(Collection<PatientId> records) {
		Map<PatientId, RiskTrend> trends = new LinkedHashMap<>();
		for (Map.Entry<PatientId, List<RiskAssessment>> person : currentOfPeople(records).entrySet()) {
			PatientId record = person.getKey();
			List<RiskAssessment> mine = person.getValue();
			PersonRisk latest = latest(mine);
			UUID latestStay = latest.lace() != null ? latest.lace().encounter()
					: latest.hospital() != null ? latest.hospital().encounter() : null;
			PersonRisk previous = latest(mine.stream().filter(a -> !a.encounter().equals(latestStay)).toList());
			trends.put(record, new RiskTrend(latest, previous));
		}
		return trends;
	}

	private static PersonRisk latest(List<RiskAssessment> current) {
		RiskAssessment last = current.stream()
			.max(Comparator.comparing(RiskAssessment::dischargedAt).thenComparing(RiskAssessment::encounter))
			.orElse(null);
		if (last == null) {
			return PersonRisk.NONE;
		}
		RiskAssessment lace = null;
		RiskAssessment hospital = null;
		for (RiskAssessment a : current) {
			if (a.encounter().equals(last.encounter())) {
				if (a.instrument() == Instrument.LACE) {
					lace = a;
				}
				else {
					hospital = a;
				}
			}
		}
		return new PersonRisk(lace, hospital);
	}

	/** The given records grouped by person, each person's records in id order. */
	private List<List<PatientId>> people(Collection<PatientId> records) {
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(records);
		Map<PatientId, List<PatientId>> people = new LinkedHashMap<>();
		for (PatientId record : records) {
			TreeSet<PatientId> person = new TreeSet<>(Comparator.comparing(PatientId::value));
			person.add(record);
			person.addAll(others.getOrDefault(record, List.of()));
			people.putIfAbsent(person.first(), List.copyOf(person));
		}
		return List.copyOf(people.values());
	}

}
