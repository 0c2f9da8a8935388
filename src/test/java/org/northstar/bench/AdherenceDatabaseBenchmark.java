package org.northstar.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.NorthstarApplication;
import org.northstar.clinical.MedicationUse;
import org.northstar.medication.ClassAdherence;
import org.northstar.medication.Medicines;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;
import org.northstar.support.SyntheaPopulation;
import org.postgresql.PGConnection;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adherence (PDC) for a population, in people per second and CPU per person, read from
 * the database: {@link Medicines#adherence(Map, LocalDate, LocalDate)} for {@link #BATCH}
 * people per query (their records from {@link People#otherLinkedRecords}), then, for the
 * first 2,000 people, one person per query as {@code GET /api/patients/{id}/adherence}
 * reads it ({@link People#recordsOf},
 * {@link Medicines#adherence(Collection, LocalDate, LocalDate)}), beside a plain SQL read
 * of the same rows. The access check, its audit record and the JSON answer are not
 * counted.
 *
 * <p>
 * The population is written by PostgreSQL itself ({@code generate_series}), so that
 * 100,000 people are built in minutes: per person, an active order of a statin, a RAS
 * antagonist and metformin; a pharmacy Claim and its ExplanationOfBenefit for each fill
 * over the year (30 or 90 days, refilled 3 days early to 11 days late); an inpatient stay
 * for one person in five; and, because the endpoint reads them too, 8 visits with a
 * professional claim and its EOB each.
 *
 * <p>
 * Usage: {@code AdherenceDatabaseBenchmark [people] [threads] [data-dir]}. A data
 * directory that already holds the population is reused.
 */
public final class AdherenceDatabaseBenchmark {

	static final LocalDate FROM = LocalDate.of(2025, 12, 1);

	static final LocalDate TO = LocalDate.of(2026, 11, 30);

	private static final String SOURCE = "bench-adherence";

	/** The PostgreSQL data directory, as its postmaster's command line names it. */
	private static String dataDir;

	private AdherenceDatabaseBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-adherence-bench");
		AdherenceDatabaseBenchmark.dataDir = dataDir.resolve("postgres").toString();
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--northstar.hl7.port=0", "--logging.level.root=WARN",
				"--northstar.admin-password=bench-password-2026")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			int held = count(jdbc, "select count(*) from patient where source = '" + SOURCE + "'");
			if (held < people) {
				populate(jdbc, context.getBean(DataSource.class), held + 1, people);
			}
			System.out.printf(
					"population: %d people, %d resources (%d pharmacy claims and EOBs), %.1f GB on disk"
							+ " (ready in %.0f s)%n",
					people, count(jdbc, "select count(*) from source_resource where source = '" + SOURCE + "'"),
					count(jdbc,
							"select count(*) from source_resource where source = '" + SOURCE
									+ "' and resource_type in ('Claim', 'ExplanationOfBenefit')"
									+ " and content -> 'type' -> 'coding' -> 0 ->> 'code' = 'pharmacy'"),
					jdbc.sql("select pg_database_size(current_database())").query(Long.class).single() / 1e9,
					(System.nanoTime() - started) / 1e9);
			List<PatientId> ids = jdbc
				.sql("select id from patient where source = ? and source_id::text ~ '^p[0-9]+$'"
						+ " and substr(source_id, 2)::int <= ? order by id")
				.params(SOURCE, people)
				.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
				.list();
			People persons = context.getBean(People.class);
			Medicines medicines = context.getBean(Medicines.class);
			int warmUp = Math.min(ids.size(), Math.max(2_000, ids.size() / 20));
			int onePerQuery = Math.min(ids.size(), 2_000);
			run("warm-up, batches", ids.subList(0, warmUp), threads, BATCH,
					batch -> adherence(persons, medicines, batch));
			run("plain SQL read of the same rows (baseline)", ids, threads, BATCH, batch -> plainRead(jdbc, batch));
			run("adherence, " + BATCH + " people per query", ids, threads, BATCH,
					batch -> adherence(persons, medicines, batch));
			run("adherence, one person per query (the endpoint's read)", ids.subList(0, onePerQuery), threads, 1,
					batch -> {
						List<ClassAdherence> classes = medicines.adherence(persons.recordsOf(batch.get(0)), FROM, TO);
						return adherent(List.of(classes));
					});
		}
	}

	/** People per query in the batched runs. */
	static final int BATCH = Integer.getInteger("batch", 500);

	/** Measures of a batch, and how many were adherent. */
	private record Counted(long measures, long adherent) {
	}

	private interface Batch {

		Counted of(List<PatientId> people) throws Exception;

	}

	private static Counted adherence(People persons, Medicines medicines, List<PatientId> batch) {
		Map<PatientId, List<PatientId>> linked = persons.otherLinkedRecords(batch);
		Map<PatientId, List<PatientId>> people = new LinkedHashMap<>();
		for (PatientId person : batch) {
			List<PatientId> records = new ArrayList<>();
			records.add(person);
			records.addAll(linked.getOrDefault(person, List.of()));
			people.put(person, records);
		}
		return adherent(medicines.adherence(people, FROM, TO).values());
	}

	private static Counted adherent(Collection<List<ClassAdherence>> people) {
		long measures = 0;
		long adherent = 0;
		for (List<ClassAdherence> classes : people) {
			measures += classes.size();
			adherent += classes.stream().filter(c -> Boolean.TRUE.equals(c.adherent())).count();
		}
		return new Counted(measures, adherent);
	}

	/**
	 * The rows the adherence read selects (the fills' narrow rows, the stays' JSON), read
	 * as text and nothing more: what PostgreSQL and the driver cost before any reading.
	 */
	private static Counted plainRead(JdbcClient jdbc, List<PatientId> batch) {
		long[] rows = new long[1];
		UUID[] people = batch.stream().map(PatientId::value).toArray(UUID[]::new);
		jdbc.sql("""
				select id, resource_type, source, patient_id, received_at, item, status, rxnorm, display,
				  medication_id, date, end_date, days_supply
				from medication_use where patient_id = any(?)
				  and resource_type in ('MedicationDispense', 'Claim', 'ExplanationOfBenefit')
				order by received_at, id, item""").param(people).query(rs -> {
			rs.getString(11);
			rows[0]++;
		});
		jdbc.sql("""
				select r.id, r.content::text from encounter t join source_resource r on r.id = t.id
				where t.patient_id = any(?) and t.class_code = 'IMP'""").param(people).query(rs -> {
			rs.getString(2);
			rows[0]++;
		});
		return new Counted(rows[0], 0);
	}

	private static void run(String what, List<PatientId> ids, int threads, int batchSize, Batch batch)
			throws Exception {
		int batches = (ids.size() + batchSize - 1) / batchSize;
		long[] micros = new long[batches];
		AtomicInteger next = new AtomicInteger();
		AtomicLong measures = new AtomicLong();
		AtomicLong adherent = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		double[] cpuBefore = cpu();
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			done.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < batches; i = next.getAndIncrement()) {
					long begun = System.nanoTime();
					Counted counted = batch.of(ids.subList(i * batchSize, Math.min(ids.size(), (i + 1) * batchSize)));
					micros[i] = (System.nanoTime() - begun) / 1000;
					measures.addAndGet(counted.measures());
					adherent.addAndGet(counted.adherent());
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		double[] cpuAfter = cpu();
		double jvm = (cpuAfter[0] - cpuBefore[0]) * 1e6 / ids.size();
		double postgres = (cpuAfter[1] - cpuBefore[1]) * 1e6 / ids.size();
		double jit = (cpuAfter[2] - cpuBefore[2]) * 1e6 / ids.size();
		double gc = (cpuAfter[3] - cpuBefore[3]) * 1e6 / ids.size();
		Arrays.sort(micros);
		System.out.printf(
				"%s: %d people in %.2f s: %.0f people/s on %d threads; per query of %d p50 %.1f ms, p99 %.1f ms"
						+ " (%d class measures or rows, %d adherent; %d cores)%n",
				what, ids.size(), seconds, ids.size() / seconds, threads, batchSize, micros[micros.length / 2] / 1000.0,
				micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.99) - 1)] / 1000.0, measures.get(),
				adherent.get(), Runtime.getRuntime().availableProcessors());
		System.out.printf(
				"  CPU per person: JVM %.0f µs (of which JIT compiler %.0f, GC %.0f) + PostgreSQL %.0f µs = %.0f µs:"
						+ " %.0f people/s on %d idle cores%n",
				jvm, jit, gc, postgres, jvm + postgres,
				Runtime.getRuntime().availableProcessors() * 1e6 / (jvm + postgres),
				Runtime.getRuntime().availableProcessors());
	}

	/**
	 * CPU seconds used so far by this JVM ([0]), by the PostgreSQL processes of its data
	 * directory ([1]), and by the JVM's JIT compiler ([2]) and garbage collector ([3])
	 * threads, parts of [0]: on a shared machine, what a run costs says more than how
	 * long it took.
	 */
	private static double[] cpu() throws IOException {
		double[] seconds = new double[4];
		try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
			for (Path thread : threads.toList()) {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					int part = name.matches("C\\d CompilerThre.*") ? 2
							: name.startsWith("GC Thread") || name.startsWith("G1 ") ? 3 : -1;
					if (part > 0) {
						String stat = Files.readString(thread.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						seconds[part] += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended while being read
				}
			}
		}
		String self = Long.toString(ProcessHandle.current().pid());
		Map<String, String[]> stats = new HashMap<>();
		Set<String> postmasters = new HashSet<>();
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String pid = proc.getFileName().toString();
					String stat = Files.readString(proc.resolve("stat"));
					stats.put(pid, stat.substring(stat.lastIndexOf(')') + 2).split(" "));
					if (!pid.equals(self) && Files.readString(proc.resolve("cmdline")).contains(dataDir)) {
						postmasters.add(pid);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended while being read
				}
			}
		}
		stats.forEach((pid, fields) -> {
			// From the state on: the parent is the 2nd field, user and system time the
			// 12th
			// and 13th, in ticks of 1/100 s.
			double used = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
			if (pid.equals(self)) {
				seconds[0] += used;
			}
			else if (postmasters.contains(pid) || postmasters.contains(fields[1])) {
				seconds[1] += used;
			}
		});
		return seconds;
	}

	/**
	 * People {@code from} to {@code to} (numbered from 1), written by PostgreSQL, with
	 * the normalised rows an import writes beside them: the medicines each medication
	 * resource names ({@link MedicationUse}, from its JSON by the import's own code) and
	 * each encounter's row.
	 */
	static void populate(JdbcClient jdbc, DataSource dataSource, int from, int to) throws Exception {
		int batch = 5_000;
		for (int first = from; first <= to; first += batch) {
			int last = Math.min(to, first + batch - 1);
			jdbc.sql("""
					insert into patient (id, source, source_id, family_name, given_names, birth_date, sex, updated_at)
					select md5(? || '/Patient/p' || i)::uuid, ?, 'p' || i, 'Adherence' || i, 'Bench',
					       date '1940-01-01' + (i % 12000), case when i % 2 = 0 then 'female' else 'male' end, now()
					from generate_series(?, ?) i
					""").params(SOURCE, SOURCE, first, last).update();
			insert(jdbc, first, last, ORDERS);
			insert(jdbc, first, last, FILLS);
			insert(jdbc, first, last, STAYS);
			insert(jdbc, first, last, VISITS);
			jdbc.sql(
					"""
							insert into encounter (id, patient_id, status, class_code, period_start, period_end)
							select r.id, r.patient_id, r.content ->> 'status', r.content -> 'class' ->> 'code',
							       (r.content -> 'period' ->> 'start')::timestamptz, (r.content -> 'period' ->> 'end')::timestamptz
							from source_resource r join patient p on p.id = r.patient_id
							where r.source = ? and r.resource_type = 'Encounter' and p.source = ?
							  and substr(p.source_id, 2)::int between ? and ?""")
				.params(SOURCE, SOURCE, first, last)
				.update();
			writeMedicationUses(jdbc, dataSource, first, last);
		}
		jdbc.sql("analyze patient").update();
		jdbc.sql("analyze source_resource").update();
		jdbc.sql("analyze medication_use").update();
		jdbc.sql("analyze encounter").update();
	}

	private static void writeMedicationUses(JdbcClient jdbc, DataSource dataSource, int first, int last)
			throws Exception {
		StringBuilder rows = new StringBuilder();
		jdbc.sql("""
				select r.id, r.resource_type, r.source, r.patient_id, r.received_at, r.content::text
				from source_resource r join patient p on p.id = r.patient_id
				where r.source = ? and r.resource_type = any(?) and p.source = ?
				  and substr(p.source_id, 2)::int between ? and ?""")
			.params(SOURCE, MedicationUse.TYPES.toArray(String[]::new), SOURCE, first, last)
			.query(rs -> {
				JsonNode json;
				try {
					json = SyntheaPopulation.JSON.readTree(rs.getString(6));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				for (MedicationUse use : MedicationUse.of(rs.getString(3), rs.getString(2), json)) {
					Object[] values = { rs.getObject(1), use.item(), rs.getObject(4), rs.getString(2), rs.getString(3),
							rs.getTimestamp(5).toInstant(), use.status(), use.rxnorm(), use.display(), use.medication(),
							use.date(), use.end(), use.daysSupply() };
					for (int i = 0; i < values.length; i++) {
						rows.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i]);
					}
					rows.append('\n');
				}
			});
		try (Connection connection = dataSource.getConnection()) {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy medication_use (id, item, patient_id, resource_type, source, received_at, status,"
						+ " rxnorm, display, medication_id, date, end_date, days_supply) from stdin",
						new StringReader(rows.toString()));
		}
	}

	private static void insert(JdbcClient jdbc, int first, int last, String resources) {
		jdbc.sql(
				"""
						insert into source_resource (id, resource_type, source, source_id, patient_id, content, content_hash,
						    received_at, received_via)
						select md5(? || '/' || r.type || '/' || r.sid)::uuid, r.type, ?, r.sid, md5(? || '/Patient/p' || r.i)::uuid,
						       r.content, decode(md5(r.content::text), 'hex'), now(), 'bench'
						from ("""
						+ resources + ") r")
			.params(SOURCE, SOURCE, SOURCE, first, last)
			.update();
	}

	/** The three medicines: an order of each, a year before the period ends. */
	private static final String MEDICINES = """
			(values (1, '314231', 'Simvastatin 10 MG Oral Tablet'), (2, '314076', 'lisinopril 10 MG Oral Tablet'),
			        (3, '861007', 'metformin hydrochloride 500 MG Oral Tablet')) m (c, code, display)""";

	private static final String ORDERS = """
			select i, 'MedicationRequest' as type, 'p' || i || '-order-' || m.c as sid,
			       jsonb_build_object('resourceType', 'MedicationRequest', 'id', 'p' || i || '-order-' || m.c,
			         'status', 'active', 'intent', 'order',
			         'medicationCodeableConcept', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			           'system', 'http://www.nlm.nih.gov/research/umls/rxnorm', 'code', m.code, 'display', m.display)),
			           'text', m.display),
			         'subject', jsonb_build_object('reference', 'Patient/p' || i),
			         'authoredOn', '2025-11-20T09:30:00-05:00',
			         'requester', jsonb_build_object('reference',
			           'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|99999' || lpad((i % 1000)::text, 5, '0'),
			           'display', 'Dr. Bench ' || (i % 1000)),
			         'dosageInstruction', jsonb_build_array(jsonb_build_object('sequence', 1, 'text', 'one tablet daily',
			           'timing', jsonb_build_object('repeat', jsonb_build_object('frequency', 1, 'period', 1, 'periodUnit', 'd')))))
			         as content
			from generate_series(?, ?) i, """
			+ MEDICINES;

	/**
	 * A Claim and an EOB per fill: person i's class c is filled every {@code every} days
	 * from {@code start}, for 30 days (90 for one person-class in four).
	 */
	private static final String FILLS = """
			select f.i, t.type, 'p' || f.i || '-' || lower(t.type) || '-' || f.c || '-' || f.k as sid,
			       jsonb_build_object('resourceType', t.type, 'id', 'p' || f.i || '-' || lower(t.type) || '-' || f.c || '-' || f.k,
			         'status', 'active',
			         'type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			           'system', 'http://terminology.hl7.org/CodeSystem/claim-type', 'code', 'pharmacy'))),
			         'use', 'claim', 'patient', jsonb_build_object('reference', 'Patient/p' || f.i),
			         'billablePeriod', jsonb_build_object('start', to_char(f.day, 'YYYY-MM-DD') || 'T10:00:00-05:00',
			           'end', to_char(f.day, 'YYYY-MM-DD') || 'T10:15:00-05:00'),
			         'created', to_char(f.day, 'YYYY-MM-DD') || 'T10:15:00-05:00',
			         'provider', jsonb_build_object('display', 'Bench Pharmacy'),
			         'supportingInfo', jsonb_build_array(jsonb_build_object('sequence', 1,
			           'category', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			             'system', 'http://terminology.hl7.org/CodeSystem/claiminformationcategory', 'code', 'dayssupply'))),
			           'valueQuantity', jsonb_build_object('value', f.supply))),
			         'item', jsonb_build_array(jsonb_build_object('sequence', 1,
			           'productOrService', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			             'system', 'http://www.nlm.nih.gov/research/umls/rxnorm', 'code', f.code, 'display', f.display)),
			             'text', f.display),
			           'servicedDate', to_char(f.day, 'YYYY-MM-DD'),
			           'net', jsonb_build_object('value', 24.37, 'currency', 'USD'))),
			         'total', jsonb_build_array(jsonb_build_object('category', jsonb_build_object('coding',
			           jsonb_build_array(jsonb_build_object('code', 'submitted'))),
			           'amount', jsonb_build_object('value', 24.37, 'currency', 'USD')))) as content
			from (
			  select i, m.c, m.code, m.display, k, supply,
			         date '2025-12-01' + (abs(hashtext(i || '/' || m.c)) % 60)
			           + k * (supply - 3 + abs(hashtext(i || '/' || m.c || '/every')) % 15) as day
			  from generate_series(?, ?) i, """
			+ MEDICINES
			+ """
					  , lateral (select case when abs(hashtext(i || '/' || m.c || '/supply')) % 4 = 0 then 90 else 30 end as supply) s,
					  generate_series(0, 13) k
					) f, (values ('Claim'), ('ExplanationOfBenefit')) t (type)
					where f.day <= date '2026-11-30'""";

	/** An inpatient stay of 1 to 10 days for one person in five. */
	private static final String STAYS = """
			select i, 'Encounter' as type, 'p' || i || '-stay' as sid,
			       jsonb_build_object('resourceType', 'Encounter', 'id', 'p' || i || '-stay', 'status', 'finished',
			         'class', jsonb_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code', 'IMP'),
			         'subject', jsonb_build_object('reference', 'Patient/p' || i),
			         'period', jsonb_build_object(
			           'start', to_char(date '2025-12-01' + abs(hashtext(i || '/stay')) % 300, 'YYYY-MM-DD') || 'T08:00:00-05:00',
			           'end', to_char(date '2025-12-01' + abs(hashtext(i || '/stay')) % 300 + 1 + i % 10, 'YYYY-MM-DD')
			             || 'T12:00:00-05:00')) as content
			from generate_series(?, ?) i where abs(hashtext(i || '/stays')) % 5 = 0""";

	/**
	 * Eight visits a year with a professional claim and its EOB: what else the endpoint
	 * reads.
	 */
	private static final String VISITS = """
			select v.i, t.type, 'p' || v.i || '-' || lower(t.type) || '-visit-' || v.k as sid,
			       case when t.type = 'Encounter' then jsonb_build_object('resourceType', 'Encounter',
			         'id', 'p' || v.i || '-encounter-visit-' || v.k, 'status', 'finished',
			         'class', jsonb_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code', 'AMB'),
			         'type', jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			           'system', 'http://snomed.info/sct', 'code', '185349003', 'display', 'Encounter for check up')))),
			         'subject', jsonb_build_object('reference', 'Patient/p' || v.i),
			         'participant', jsonb_build_array(jsonb_build_object('individual', jsonb_build_object('reference',
			           'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|99999' || lpad((v.i % 1000)::text, 5, '0'),
			           'display', 'Dr. Bench ' || (v.i % 1000)))),
			         'period', jsonb_build_object('start', to_char(v.day, 'YYYY-MM-DD') || 'T09:00:00-05:00',
			           'end', to_char(v.day, 'YYYY-MM-DD') || 'T09:30:00-05:00'))
			       else jsonb_build_object('resourceType', t.type, 'id', 'p' || v.i || '-' || lower(t.type) || '-visit-' || v.k,
			         'status', 'active',
			         'type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			           'system', 'http://terminology.hl7.org/CodeSystem/claim-type', 'code', 'professional'))),
			         'use', 'claim', 'patient', jsonb_build_object('reference', 'Patient/p' || v.i),
			         'billablePeriod', jsonb_build_object('start', to_char(v.day, 'YYYY-MM-DD') || 'T09:00:00-05:00'),
			         'item', jsonb_build_array(jsonb_build_object('sequence', 1,
			           'productOrService', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object(
			             'system', 'http://snomed.info/sct', 'code', '185349003', 'display', 'Encounter for check up'))),
			           'net', jsonb_build_object('value', 136.80, 'currency', 'USD')))) end as content
			from (select i, k, date '2025-12-01' + k * 45 + abs(hashtext(i || '/visit')) % 30 as day
			      from generate_series(?, ?) i, generate_series(0, 7) k) v,
			     (values ('Encounter'), ('Claim'), ('ExplanationOfBenefit')) t (type)""";

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
