package org.northstar.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.northstar.database.DataDirectories;
import org.northstar.support.SyntheaPopulation;

/**
 * The issue #4 searches against any FHIR server loaded with a population of Synthea
 * bundles: Northstar and, beside it, a HAPI FHIR JPA server with the same data. Patients
 * are found by their Synthea identifier, so each server may give them its own ids.
 *
 * <p>
 * Usage:
 * <ul>
 * <li>{@code replicate COPIES DIR}: writes the population, copies of the Synthea sample
 * with fresh ids;</li>
 * <li>{@code load BASE TOKEN|- DIR}: posts the directory's bundles as transactions
 * (shared hospitals and practitioners first), on two threads, and prints resources per
 * second (into Northstar, the token must be an INTEGRATION account's
 * {@code system/*.write});</li>
 * <li>{@code search NAME BASE TOKEN|- DIR REQUESTS}: p50/p99 of
 * {@code Patient?identifier=}, {@code Encounter?patient=&date=} and
 * {@code Observation?patient=&code=}.</li>
 * </ul>
 */
public final class FhirSearchComparison {

	private static final String SYNTHEA = "https://github.com/synthetichealth/synthea";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private FhirSearchComparison() {
	}

	public static void main(String[] args) throws Exception {
		if ("server-settings".equals(args[0])) {
			// The embedded database's settings, durability included, as postgres options:
			// the other server's PostgreSQL runs with the same ones.
			DataDirectories.serverSettings()
				.forEach((name, value) -> System.out.print("-c " + name + "=" + value + " "));
			System.out.println();
			return;
		}
		if ("replicate".equals(args[0])) {
			SyntheaPopulation.replicate(SyntheaPopulation.SAMPLE, Path.of(args[2]), Integer.parseInt(args[1]));
			return;
		}
		String token = "-".equals(args[2]) ? null : args[2];
		if ("load".equals(args[0])) {
			load(args[1], token, Path.of(args[3]));
		}
		else {
			search(args[1], base(args[2]), "-".equals(args[3]) ? null : args[3], Path.of(args[4]),
					Integer.parseInt(args[5]));
		}
	}

	private static void load(String base, String token, Path dir) throws Exception {
		long started = System.nanoTime();
		AtomicLong resources = new AtomicLong();
		for (Path shared : SyntheaPopulation.sharedFiles(dir)) {
			resources.addAndGet(post(base(base), token, shared));
		}
		List<Path> patients = SyntheaPopulation.patientFiles(dir);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Long>> posted = new ArrayList<>();
		for (Path file : patients) {
			posted.add(pool.submit(() -> resources.addAndGet(post(base(base), token, file))));
		}
		for (Future<Long> f : posted) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("load base=%s bundles=%d resources=%d seconds=%.0f rate=%.0f%n", base, patients.size(),
				resources.get(), seconds, resources.get() / seconds);
	}

	private static long post(String base, String token, Path bundle) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base))
			.timeout(Duration.ofMinutes(10))
			.header("Content-Type", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofFile(bundle));
		HttpResponse<String> response = HTTP.send(authorized(request, token).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(bundle.getFileName() + " answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(500, response.body().length())));
		}
		return JSON.readTree(response.body()).path("entry").size();
	}

	/** One patient the searches ask about, as its bundle describes them. */
	private record Target(String identifier, String encounterSince, String observationCode) {
	}

	private static void search(String name, String base, String token, Path dir, int requests) throws Exception {
		List<Path> files = new ArrayList<>(SyntheaPopulation.patientFiles(dir));
		Collections.shuffle(files, new Random(7));
		List<Target> targets = new ArrayList<>();
		for (Path file : files.subList(0, Math.min(150, files.size()))) {
			targets.add(target(SyntheaPopulation.read(file)));
		}
		List<String> ids = new ArrayList<>();
		for (Target t : targets) {
			JsonNode found = JSON
				.readTree(get(base + "Patient?identifier=" + encode(SYNTHEA + "|" + t.identifier()), token));
			ids.add(found.path("entry").path(0).path("resource").path("id").asText());
			if (ids.get(ids.size() - 1).isEmpty()) {
				throw new IllegalStateException(name + " does not know patient " + t.identifier());
			}
		}
		Random random = new Random(11);
		String[] names = { "Patient?identifier=", "Encounter?patient=&date=", "Observation?patient=&code=" };
		for (int q = 0; q < names.length; q++) {
			int query = q;
			java.util.function.Supplier<String> next = () -> {
				int i = random.nextInt(targets.size());
				Target t = targets.get(i);
				return switch (query) {
					case 0 -> base + "Patient?identifier=" + encode(SYNTHEA + "|" + t.identifier());
					case 1 -> base + "Encounter?patient=" + ids.get(i) + "&date=ge" + t.encounterSince();
					default -> base + "Observation?patient=" + ids.get(i) + "&code=" + encode(t.observationCode());
				};
			};
			for (int i = 0; i < Math.max(50, requests / 5); i++) {
				get(next.get(), token);
			}
			long[] nanos = new long[requests];
			long empty = 0;
			for (int i = 0; i < requests; i++) {
				String url = next.get();
				long start = System.nanoTime();
				String body = get(url, token);
				nanos[i] = System.nanoTime() - start;
				if (!body.contains("\"entry\"")) {
					empty++;
				}
			}
			Arrays.sort(nanos);
			System.out.printf("search server=%s query=%s requests=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f empty=%d%n",
					name, names[q], requests, nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.99)] / 1e6,
					nanos[requests - 1] / 1e6, empty);
		}
	}

	/**
	 * The patient's Synthea id, the start of a visit in their last year, a code they
	 * have.
	 */
	private static Target target(JsonNode bundle) {
		String identifier = null;
		List<String> encounterStarts = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		for (JsonNode entry : bundle.path("entry")) {
			JsonNode r = entry.path("resource");
			switch (r.path("resourceType").asText()) {
				case "Patient" -> {
					for (JsonNode i : r.path("identifier")) {
						if (SYNTHEA.equals(i.path("system").asText())) {
							identifier = i.path("value").asText();
						}
					}
				}
				case "Encounter" -> encounterStarts.add(r.path("period").path("start").asText().substring(0, 10));
				case "Observation" -> {
					JsonNode coding = r.path("code").path("coding").path(0);
					codes.add(coding.path("system").asText() + "|" + coding.path("code").asText());
				}
				default -> {
				}
			}
		}
		Collections.sort(encounterStarts);
		String since = encounterStarts.isEmpty() ? "2000-01-01"
				: encounterStarts.get(Math.max(0, encounterStarts.size() - 10));
		return new Target(identifier, since, codes.isEmpty() ? "http://loinc.org|8302-2" : codes.get(codes.size() / 2));
	}

	private static String get(String url, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/fhir+json")
			.GET();
		HttpResponse<String> response = HTTP.send(authorized(request, token).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
		return token == null ? request : request.header("Authorization", "Bearer " + token);
	}

	private static String base(String base) {
		return base.endsWith("/") ? base : base + "/";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
