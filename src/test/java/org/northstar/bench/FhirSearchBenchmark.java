package org.northstar.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import org.northstar.NorthstarApplication;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Latency of three FHIR searches over real HTTP, p50 and p99, with at least 10,000
 * patients loaded: {@code Patient?identifier=}, {@code Encounter?patient=&date=} and
 * {@code Observation?patient=&code=}, as a coordinator's {@code user/*.read} token (so
 * each request also decides access and writes its audit records).
 *
 * <p>
 * The population is {@link WorkspaceBenchmark}'s: the Synthea sample copied in SQL up to
 * the wanted size; the searched patients are the coordinator's 150, whose resources keep
 * their full JSON. Usage: {@code FhirSearchBenchmark [patients] [requests] [data-dir]}.
 */
public final class FhirSearchBenchmark {

	private FhirSearchBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int patients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-fhir-bench");
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.admin-password=bench-password-2026",
				"--northstar.hl7.enabled=false")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			if (count(jdbc, "patient") < patients) {
				WorkspaceBenchmark.populate(context, jdbc, patients);
			}
			System.out.printf("population: %d patients, %d source resources, %d observations (ready in %.0f s)%n",
					count(jdbc, "patient"), count(jdbc, "source_resource"), count(jdbc, "observation"),
					(System.nanoTime() - started) / 1e9);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String token = context.getBean(ApiTokens.class)
				.issue("bench-coordinator", "FHIR search benchmark", Duration.ofHours(2),
						java.util.Set.of(ApiScope.USER_READ));
			List<String> caseload = jdbc
				.sql("select patient_id::text from caseload_assignment where username = 'bench-coordinator' order by 1")
				.query(String.class)
				.list();
			List<String[]> identifiers = jdbc.sql("""
					select distinct on (i.patient_id) i.system, i.value from patient_identifier i
					join caseload_assignment c on c.patient_id = i.patient_id and c.username = 'bench-coordinator'
					order by i.patient_id, i.system
					""").query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
			List<String[]> codes = jdbc.sql("""
					select distinct on (o.patient_id) o.patient_id::text, o.code_system, o.code from observation o
					join caseload_assignment c on c.patient_id = o.patient_id and c.username = 'bench-coordinator'
					where o.code is not null order by o.patient_id, o.effective desc
					""").query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).list();
			HttpClient http = HttpClient.newHttpClient();
			String base = "http://localhost:" + port + "/fhir/";
			Random random = new Random(7);
			IntFunction<String> patientSearch = i -> {
				String[] id = identifiers.get(random.nextInt(identifiers.size()));
				return "Patient?identifier=" + encode(id[0] + "|" + id[1]);
			};
			IntFunction<String> encounterSearch = i -> "Encounter?patient="
					+ caseload.get(random.nextInt(caseload.size())) + "&date=ge2015-01-01";
			IntFunction<String> observationSearch = i -> {
				String[] code = codes.get(random.nextInt(codes.size()));
				return "Observation?patient=" + code[0] + "&code=" + encode(code[1] + "|" + code[2]);
			};
			for (IntFunction<String> search : List.of(patientSearch, encounterSearch, observationSearch)) {
				measure("warm-up", requests / 2, http, base, token, search);
			}
			measure("Patient?identifier=", requests, http, base, token, patientSearch);
			measure("Encounter?patient=&date=", requests, http, base, token, encounterSearch);
			measure("Observation?patient=&code=", requests, http, base, token, observationSearch);
		}
	}

	private static void measure(String name, int n, HttpClient http, String base, String token,
			IntFunction<String> query) throws Exception {
		double[] millis = new double[n];
		long entries = 0;
		for (int i = 0; i < n; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + query.apply(i)))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json")
				.build();
			long start = System.nanoTime();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			millis[i] = (System.nanoTime() - start) / 1e6;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						request.uri() + " answered " + response.statusCode() + ": " + response.body());
			}
			entries += response.body().split("\"fullUrl\"", -1).length - 1;
		}
		Arrays.sort(millis);
		if (!name.equals("warm-up")) {
			System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms (%.1f entries per bundle)%n", name, n,
					millis[n / 2], millis[(int) Math.ceil(n * 0.99) - 1], millis[n - 1], (double) entries / n);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static int count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

}
