package org.northstar.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.northstar.NorthstarApplication;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.SyntheaPopulation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the caseload page and the patient page, p50 and p99, for a coordinator
 * with 150 patients in a database of at least 10,000, and the cost of the audit record
 * each page writes.
 *
 * <p>
 * The database: the demo Synthea sample imported once, then copied with fresh ids in SQL
 * until there are 10,000 patients; the first copies keep their full resources (they make
 * up the coordinator's caseload), the rest keep every normalised row but an empty
 * resource body, which keeps the tables and indexes at full row count without gigabytes
 * of JSON. Every patient is on the caseload of one of many coordinators, 150 each.
 *
 * <p>
 * Usage: {@code WorkspaceBenchmark [patients] [requests] [data-dir]}; prints one line per
 * figure. A data directory that already holds the population is reused as it is.
 */
public final class WorkspaceBenchmark {

	private static final String PASSWORD = "bench-password-2026";

	private WorkspaceBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int patients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-workspace-bench");
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.admin-password=" + PASSWORD)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			int caseloadSize = count(jdbc, "patient") >= patients ? 150 : populate(context, jdbc, patients);
			System.out.printf("population: %d patients, %d source resources, caseload %d (built in %.0f s)%n",
					count(jdbc, "patient"), count(jdbc, "source_resource"), caseloadSize,
					(System.nanoTime() - started) / 1e9);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Pages pages = new Pages(port);
			pages.signIn("bench-coordinator", PASSWORD);
			List<String> caseload = jdbc
				.sql("select patient_id::text from caseload_assignment where username = 'bench-coordinator'")
				.query(String.class)
				.list();
			Random random = new Random(7);
			measure("warm-up", requests / 3, () -> pages.get("/caseload"));
			measure("warm-up", requests / 3,
					() -> pages.get("/patients/" + caseload.get(random.nextInt(caseload.size()))));
			double[] caseloadPage = measure("caseload page", requests, () -> pages.get("/caseload"));
			double[] patientPage = measure("patient page", requests,
					() -> pages.get("/patients/" + caseload.get(random.nextInt(caseload.size()))));
			AuditTrail audit = context.getBean(AuditTrail.class);
			PatientId somebody = new PatientId(UUID.fromString(caseload.get(0)));
			Runnable record = () -> audit.record(new AuditRecord("bench-coordinator", "COORDINATOR", AuditAction.READ,
					somebody, "benchmark", "127.0.0.1", AuditRecord.Outcome.SUCCESS, false, null));
			measure("warm-up", 200, record);
			double[] auditRecord = measure("audit record", requests * 2, record);
			System.out.printf("audit share: %.1f%% of the caseload page p50, %.1f%% of the patient page p50%n",
					100 * auditRecord[0] / caseloadPage[0], 100 * auditRecord[0] / patientPage[0]);
		}
	}

	/**
	 * Imports the sample, copies it up to the wanted size and hands out caseloads;
	 * returns the coordinator's.
	 */
	static int populate(ConfigurableApplicationContext context, JdbcClient jdbc, int wanted) {
		context.getBean(FhirImport.class)
			.importFiles(List.of(SyntheaPopulation.SAMPLE), "bench", 2, ImportListener.NONE);
		int seed = count(jdbc, "patient");
		int copies = (wanted + seed - 1) / seed;
		int fullCopies = Math.max(1, (150 + seed - 1) / seed);
		copy(jdbc, copies, fullCopies);
		UserAccounts accounts = context.getBean(UserAccounts.class);
		List<String> all = jdbc.sql(
				"select id::text from patient order by coalesce(nullif(split_part(source_id, '#', 2), '')::int, 0), source_id")
			.query(String.class)
			.list();
		int teams = (all.size() + 149) / 150;
		for (int t = 0; t < teams; t++) {
			String user = t == 0 ? "bench-coordinator" : "bench-coordinator-" + t;
			accounts.ensureTeam("bench-" + t, "Benchmark team " + t);
			accounts.create(user, user, PASSWORD, Set.of(Role.COORDINATOR), "bench-" + t);
			List<String> caseload = all.subList(t * 150, Math.min(all.size(), (t + 1) * 150));
			jdbc.sql(
					"insert into caseload_assignment (patient_id, username, relation) select unnest(?::uuid[]), ?, 'COORDINATOR'")
				.params(caseload.toArray(String[]::new), user)
				.update();
		}
		jdbc.sql("analyze").update();
		return Math.min(150, all.size());
	}

	/**
	 * The tables copied row for row, after {@code patient} and {@code source_resource}.
	 */
	private static final List<String> RECORD_TABLES = List.of("encounter", "condition", "observation",
			"medication_request", "medication_use", "procedure", "allergy_intolerance", "immunization");

	/**
	 * Copies sent in one statement: enough to amortise it, few enough to keep each short.
	 */
	private static final int COPIES_PER_STATEMENT = 100;

	/**
	 * Copies 1 to {@code copies - 1} of the imported sample, with ids derived from the
	 * copy number; copies below {@code fullCopies} keep their resource bodies. Each
	 * table's sample rows are first set aside in an unlogged seed table, so every
	 * statement reads only the sample however large the population grows, and each
	 * statement writes up to {@link #COPIES_PER_STATEMENT} copies at once.
	 */
	private static void copy(JdbcClient jdbc, int copies, int fullCopies) {
		Map<String, String> seeds = new LinkedHashMap<>();
		seeds.put("patient", "select * from patient");
		seeds.put("patient_identifier", "select * from patient_identifier");
		seeds.put("source_resource", "select * from source_resource where patient_id is not null");
		RECORD_TABLES.forEach(table -> seeds.put(table,
				"select * from " + table + " where id in (select id from bench_seed_source_resource)"));
		seeds.forEach(
				(table, select) -> jdbc.sql("create unlogged table bench_seed_" + table + " as " + select).update());
		String id = "md5(c || ':' || id::text)::uuid";
		String patient = "md5(c || ':' || patient_id::text)::uuid";
		String sourceId = "source_id || '#' || c";
		for (int from = 1; from < copies; from += COPIES_PER_STATEMENT) {
			String series = " cross join generate_series(" + from + ", "
					+ Math.min(copies - 1, from + COPIES_PER_STATEMENT - 1) + ") c";
			insertCopies(jdbc, "patient", series, Map.of("id", id, "source_id", sourceId));
			insertCopies(jdbc, "patient_identifier", series,
					Map.of("patient_id", patient, "value", "value || '-' || c"));
			insertCopies(jdbc, "source_resource", series, Map.of("id", id, "source_id", sourceId, "patient_id", patient,
					"content", "case when c < " + fullCopies + " then content else '{}'::jsonb end"));
			for (String table : RECORD_TABLES) {
				insertCopies(jdbc, table, series, Map.of("id", id, "patient_id", patient, "encounter_id",
						"md5(c || ':' || encounter_id::text)::uuid"));
			}
		}
		seeds.keySet().forEach(table -> jdbc.sql("drop table bench_seed_" + table).update());
	}

	/** Inserts the seed rows once per copy in the series, replacing the given columns. */
	private static void insertCopies(JdbcClient jdbc, String table, String series, Map<String, String> replaced) {
		List<String> columns = columns(jdbc, table);
		String select = String.join(", ",
				columns.stream().map(column -> replaced.getOrDefault(column, column)).toList());
		jdbc.sql("insert into " + table + " (" + String.join(", ", columns) + ") select " + select + " from bench_seed_"
				+ table + series)
			.update();
	}

	private static List<String> columns(JdbcClient jdbc, String table) {
		return jdbc
			.sql("select column_name from information_schema.columns where table_name = ? order by ordinal_position")
			.param(table)
			.query(String.class)
			.list();
	}

	private static int count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	/** Runs the action n times; prints and returns p50, p99 and max in milliseconds. */
	static double[] measure(String name, int n, Runnable action) {
		double[] millis = new double[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			action.run();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		double[] result = { millis[n / 2], millis[(int) Math.ceil(n * 0.99) - 1], millis[n - 1] };
		if (!name.equals("warm-up")) {
			System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", name, n, result[0], result[1],
					result[2]);
		}
		return result;
	}

	/** A signed-in browser session over plain HTTP. */
	static final class Pages {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base;

		Pages(int port) {
			this.base = "http://localhost:" + port;
		}

		void signIn(String user, String password) throws Exception {
			String login = this.http
				.send(HttpRequest.newBuilder(URI.create(this.base + "/login")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = CSRF.matcher(login);
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF token on the login page");
			}
			String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1);
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 302
					|| response.headers().firstValue("Location").orElse("").contains("error")) {
				throw new IllegalStateException("Sign-in failed: " + response.statusCode());
			}
		}

		void get(String path) {
			try {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(URI.create(this.base + path)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(path + " answered " + response.statusCode());
				}
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
