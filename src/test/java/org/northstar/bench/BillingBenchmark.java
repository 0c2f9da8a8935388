package org.northstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.northstar.NorthstarApplication;
import org.northstar.billing.BillingLine;
import org.northstar.billing.MonthEndReport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seconds for the month-end care-management report over every person (issue 15: target
 * under 10 s on 2 cores for 100,000 people with a year of interactions).
 *
 * <p>
 * The generator writes, in SQL, {@code people} patients, each with three coded conditions
 * (a quarter of them one chronic-condition group only, so CCM-ineligible), a CCM consent
 * (one in 20 PCM, one in 20 none), and {@code perYear} interactions spread over the
 * twelve months to November 2026: mostly CCM, every tenth TCM, some by the physician,
 * some establishing a complex care plan. Its minutes are chosen so that the month has
 * people billable, short, and over every add-on limit. It then times
 * {@link MonthEndReport#report} for November 2026 over everyone, as an administrator's
 * {@code system/*.read} CSV asks for it, three times, the first cold.
 *
 * <p>
 * Usage: {@code BillingBenchmark [people] [perYear] [data-dir]}. A data directory that
 * already holds the population is reused.
 */
public final class BillingBenchmark {

	private static final String SOURCE = "bench-billing";

	private static final int CHUNK = 10_000;

	private BillingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int perYear = args.length > 1 ? Integer.parseInt(args[1]) : 48;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-billing-bench");
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.time-zone=America/New_York",
				"--northstar.admin-password=bench-password-2026")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			int existing = jdbc.sql("select count(*) from patient where source = ?")
				.param(SOURCE)
				.query(Integer.class)
				.single();
			if (existing < people) {
				generate(jdbc, existing, people, perYear);
				jdbc.sql("analyze").update();
			}
			System.out.printf("population: %d people, %d interactions, %d consents, %d conditions (built in %.0f s)%n",
					count(jdbc, "patient"), count(jdbc, "interaction"), count(jdbc, "care_consent"),
					count(jdbc, "condition"), (System.nanoTime() - started) / 1e9);
			MonthEndReport report = context.getBean(MonthEndReport.class);
			for (int run = 1; run <= 3; run++) {
				long start = System.nanoTime();
				List<BillingLine> lines = report.report(YearMonth.of(2026, 11), null);
				double seconds = (System.nanoTime() - start) / 1e9;
				Map<String, Integer> byStatus = new TreeMap<>();
				lines.forEach(line -> byStatus.merge(line.program() + " " + line.status(), 1, Integer::sum));
				System.out.printf("run %d: month-end report 2026-11, %d lines in %.2f s %s%n", run, lines.size(),
						seconds, byStatus);
			}
		}
	}

	private static void generate(JdbcClient jdbc, int from, int people, int perYear) {
		for (int first = from + 1; first <= people; first += CHUNK) {
			int last = Math.min(people, first + CHUNK - 1);
			jdbc.sql("""
					insert into patient (id, source, source_id, family_name, given_names, birth_date, updated_at)
					select md5('bench-billing-' || n)::uuid, 'bench-billing', n::text, 'Family' || n, 'Given',
					       date '1940-01-01' + (n % 12000), now()
					from generate_series(?, ?) n
					""").params(first, last).update();
			jdbc.sql("""
					insert into source_resource (id, resource_type, source, source_id, patient_id, content,
					                             content_hash, received_at, received_via)
					select md5('bench-billing-c' || n || '-' || k)::uuid, 'Condition', 'bench-billing', n || '-' || k,
					       md5('bench-billing-' || n)::uuid, '{}', '\\x00', now(), 'bench'
					from generate_series(?, ?) n, generate_series(1, 3) k
					""").params(first, last).update();
			// n % 4 = 0 has diabetes three times: one chronic group, not enough for CCM.
			jdbc.sql("""
					insert into condition (id, patient_id, code_system, code, display, clinical_status)
					select md5('bench-billing-c' || n || '-' || k)::uuid, md5('bench-billing-' || n)::uuid,
					       'http://snomed.info/sct',
					       (array['44054006', '38341003', '84114007', '195662009'])[1 + (n * k) % 4], 'bench', 'active'
					from generate_series(?, ?) n, generate_series(1, 3) k
					""").params(first, last).update();
			jdbc.sql("""
					insert into care_consent (patient_id, program, kind, obtained_on, obtained_by, disclosures_given,
					                          recorded_by)
					select md5('bench-billing-' || n)::uuid, case when n % 20 = 0 then 'PCM' else 'CCM' end, 'VERBAL',
					       date '2025-11-01' + (n % 60), 'bench', true, 'bench'
					from generate_series(?, ?) n where n % 20 <> 19
					""").params(first, last).update();
			jdbc.sql("""
					insert into interaction (patient_id, kind, outcome, started_at, minutes, staff, activity, note,
					                         complex_care_plan, recorded_by)
					select md5('bench-billing-' || n)::uuid, 'PHONE_OUT', 'REACHED',
					       timestamptz '2025-12-01 14:00:00+00' + make_interval(days => i * 365 / ?, hours => n % 7),
					       2 + (n * 7 + i * 13) % 20,
					       case when (n + i) % 15 = 0 then 'PHYSICIAN_QHP' else 'CLINICAL_STAFF' end,
					       case when i % 10 = 9 then 'TCM' when n % 20 = 0 then 'PCM' else 'CCM' end,
					       'Generated for the billing benchmark.', n % 10 = 3 and i % 4 = 0 and n % 20 <> 0, 'bench'
					from generate_series(?, ?) n, generate_series(0, ? - 1) i
					""").params(perYear, first, last, perYear).update();
			System.out.printf("generated %d of %d people%n", last, people);
		}
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
