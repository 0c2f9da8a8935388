package org.northstar.fhirapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.BundleRejectedException;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.ingest.ImportSummary;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.shared.RecordKey;
import org.northstar.support.FhirCorpus;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus ({@code src/test/resources/fhir/corpus}, see {@link FhirCorpus}) imported
 * and served back: every file is taken in or refused for the reason listed, and every
 * resource taken in is served as it was sent, field by field, but for the changes
 * docs/fhir-conformance.md lists: Northstar's id, {@code meta}, references rewritten to
 * what Northstar holds (which must then be found), identifier systems that are not URIs,
 * and how the narrative's XHTML is written. Prints the counts docs/conformance.md
 * reports.
 */
class FhirCorpusTests extends NorthstarTest {

	private static final String SOURCE = "corpus";

	private static final ObjectMapper JSON = SyntheaPopulation.JSON;

	private static final Pattern NORTHSTAR_REFERENCE = Pattern
		.compile("([A-Z][A-Za-z]+)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

	private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	ApiTokens tokens;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, Integer> resolved = new HashMap<>();

	private String token;

	@Test
	void servesBackEveryResourceOfTheCorpusAsItWasSent() throws Exception {
		this.token = this.tokens.issue("admin", "FHIR corpus tests", Duration.ofHours(1), Set.of(ApiScope.SYSTEM_READ));
		List<Path> files = FhirCorpus.files();
		Map<String, String> expectedRefusals = FhirCorpus.expectedRefusals();

		ImportSummary summary = this.fhirImport.importFiles(List.of(FhirCorpus.DIRECTORY), SOURCE, 2,
				ImportListener.NONE);

		Map<String, String> refused = new TreeMap<>();
		for (BundleRejectedException failure : summary.failures()) {
			refused.put(Path.of(failure.input()).getFileName().toString(), failure.getMessage());
		}
		assertThat(refused.keySet()).as("files refused").isEqualTo(new java.util.TreeSet<>(expectedRefusals.keySet()));
		refused.forEach((file, reason) -> assertThat(reason).as(file).contains(expectedRefusals.get(file)));

		Map<String, Sent> sent = new LinkedHashMap<>();
		for (Path file : files) {
			if (!expectedRefusals.containsKey(file.getFileName().toString())) {
				for (Sent resource : resources(file)) {
					Sent earlier = sent.get(resource.key());
					assertThat(earlier == null || earlier.file().equals(resource.file())
							|| earlier.resource().equals(resource.resource()))
						.as("%s is sent again by %s with other content", resource.key(), file)
						.isTrue();
					// Within one file, the last version of a resource is the one kept.
					sent.put(resource.key(), resource);
				}
			}
		}

		int exact = 0;
		int documented = 0;
		Map<String, Integer> byType = new TreeMap<>();
		Map<String, Integer> changes = new TreeMap<>();
		List<String> unexpected = new ArrayList<>();
		for (Sent resource : sent.values()) {
			byType.merge(resource.type(), 1, Integer::sum);
			UUID id = new RecordKey(SOURCE, resource.type(), resource.sourceId()).id();
			HttpResponse<String> response = get(resource.type() + "/" + id);
			if (response.statusCode() != 200) {
				unexpected.add(resource + ": GET answered " + response.statusCode() + " " + response.body());
				continue;
			}
			JsonNode served = JSON.readTree(response.body());
			Comparison comparison = new Comparison();
			if (!served.path("id").asText().equals(id.toString())) {
				comparison.unexpected.add("id: served " + served.path("id") + ", not Northstar's " + id);
			}
			if (!SOURCE.equals(served.path("meta").path("source").asText())) {
				comparison.unexpected.add("meta.source: " + served.path("meta").path("source"));
			}
			compare(resource.type(), resource.resource(), served, new Comparing(resource, comparison), true);
			if (!comparison.unexpected.isEmpty()) {
				comparison.unexpected.forEach(d -> unexpected.add(resource + ": " + d));
			}
			else if (comparison.documented.isEmpty()) {
				exact++;
			}
			else {
				documented++;
				comparison.documented.forEach(d -> changes.merge(d, 1, Integer::sum));
			}
		}

		System.out.printf("FHIR corpus: %d files: %d accepted, %d refused with a reason%n", files.size(),
				files.size() - refused.size(), refused.size());
		System.out.printf(
				"FHIR corpus: %d resources of %d types accepted: %d served back exactly (but id and meta), %d with documented changes only, %d with other differences%n",
				sent.size(), byType.size(), exact, documented,
				unexpected.isEmpty() ? 0 : sent.size() - exact - documented);
		System.out.println("FHIR corpus: documented changes, by kind and resources: " + changes);
		System.out.println("FHIR corpus: resources by type: " + byType);
		refused.forEach((file, reason) -> System.out.println(
				"FHIR corpus: refused " + file + ": " + reason.substring(reason.indexOf(file) + file.length() + 2)));
		assertThat(unexpected).as("differences between what was sent and what is served").isEmpty();
		assertThat(files).hasSizeGreaterThanOrEqualTo(200);
	}

	private void compare(String path, JsonNode sent, JsonNode served, Comparing comparing, boolean top) {
		Comparison comparison = comparing.comparison();
		if (sent.isObject() && served.isObject()) {
			Set<String> keys = new LinkedHashSet<>();
			sent.fieldNames().forEachRemaining(keys::add);
			served.fieldNames().forEachRemaining(keys::add);
			for (String key : keys) {
				if (top && ("id".equals(key) || "meta".equals(key))) {
					continue;
				}
				String here = path + "." + key;
				if (!sent.has(key)) {
					comparison.unexpected.add(here + " is served but was not sent: " + served.get(key));
				}
				else if (!served.has(key)) {
					comparison.unexpected.add(here + " was sent but is not served: " + sent.get(key));
				}
				else if ("reference".equals(key) && sent.get(key).isTextual()) {
					compareReference(here, sent.get(key).asText(), served.get(key).asText(), comparing);
				}
				else if ("div".equals(key) && sent.get(key).isTextual()) {
					if (!xhtml(sent.get(key).asText()).equals(xhtml(served.get(key).asText()))) {
						comparison.unexpected.add(here + ": sent " + sent.get(key) + ", served " + served.get(key));
					}
					else if (!sent.get(key).equals(served.get(key))) {
						comparison.documented.add("narrative XHTML written differently");
					}
				}
				else if ("system".equals(key) && sent.get(key).isTextual()
						&& !sent.get(key).asText().equals(served.get(key).asText())
						&& IdentifierSystems.served(sent.get(key).asText()).equals(served.get(key).asText())) {
					comparison.documented.add("identifier system made a URI");
				}
				else {
					compare(here, sent.get(key), served.get(key), comparing, false);
				}
			}
		}
		else if (sent.isArray() && served.isArray()) {
			if (sent.size() != served.size()) {
				comparison.unexpected.add(path + ": " + sent.size() + " items sent, " + served.size() + " served");
				return;
			}
			for (int i = 0; i < sent.size(); i++) {
				compare(path + "[" + i + "]", sent.get(i), served.get(i), comparing, false);
			}
		}
		else if (sent.isNumber() && served.isNumber()) {
			// As written: 0.40 is not 0.4.
			if (!sent.asText().equals(served.asText())) {
				comparison.unexpected.add(path + ": sent " + sent.asText() + ", served " + served.asText());
			}
		}
		else if (!sent.equals(served)) {
			comparison.unexpected.add(path + ": sent " + sent + ", served " + served);
		}
	}

	private void compareReference(String path, String sent, String served, Comparing comparing) {
		Comparison comparison = comparing.comparison();
		if (sent.equals(served)) {
			return;
		}
		Matcher northstar = NORTHSTAR_REFERENCE.matcher(served);
		if (!northstar.matches()) {
			comparison.unexpected.add(path + ": sent " + sent + ", served " + served);
			return;
		}
		String expected = target(sent, comparing.sent());
		if (expected != null && !expected.equals(served)) {
			comparison.unexpected.add(path + ": " + sent + " was rewritten to " + served + ", not to " + expected);
			return;
		}
		int status = this.resolved.computeIfAbsent(served, reference -> get(reference).statusCode());
		if (status != 200) {
			comparison.unexpected.add(path + ": " + sent + " was rewritten to " + served + ", which answers " + status);
			return;
		}
		comparison.documented.add(sent.contains("/_history/") ? "versioned reference rewritten to what is held"
				: "reference rewritten to what is held");
	}

	/**
	 * Where a reference the corpus wrote must lead: the resource of the same source that
	 * its fullUrl, or its type and id, names; null for a conditional reference.
	 */
	private static String target(String reference, Sent sent) {
		String key;
		if (reference.startsWith("urn:")) {
			key = sent.fullUrls().get(reference);
		}
		else if (reference.contains("?")) {
			return null;
		}
		else {
			String path = reference.contains("/_history/") ? reference.substring(0, reference.indexOf("/_history/"))
					: reference;
			String[] parts = path.split("/");
			key = parts[parts.length - 2] + "/" + parts[parts.length - 1];
		}
		if (key == null) {
			return "(nothing: " + reference + " names no entry of " + sent.file() + ")";
		}
		String type = key.substring(0, key.indexOf('/'));
		return type + "/" + new RecordKey(SOURCE, type, key.substring(key.indexOf('/') + 1)).id();
	}

	/**
	 * The narrative as its characters: HAPI writes XHTML again, with {@code &#160;} as
	 * the character itself and quotes as {@code &quot;}.
	 */
	private static String xhtml(String div) {
		Matcher references = CHARACTER_REFERENCE.matcher(div);
		StringBuilder text = new StringBuilder();
		while (references.find()) {
			int code = Integer.parseInt(references.group(2), references.group(1).isEmpty() ? 10 : 16);
			String replacement = code == '<' || code == '>' || code == '&' ? references.group()
					: new String(Character.toChars(code));
			references.appendReplacement(text, Matcher.quoteReplacement(replacement));
		}
		references.appendTail(text);
		return text.toString().replace("&quot;", "\"").replace("&apos;", "'");
	}

	/** The resources of one file as the import reads them, with the key it gives each. */
	private static List<Sent> resources(Path file) throws IOException {
		String name = file.getFileName().toString();
		String text;
		try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
				: Files.newInputStream(file)) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<Sent> resources = new ArrayList<>();
		if (name.contains(".ndjson")) {
			for (String line : text.split("\n")) {
				if (!line.isBlank()) {
					JsonNode resource = JSON.readTree(line);
					resources.add(new Sent(name, resource, resource.path("id").asText(), Map.of()));
				}
			}
			return resources;
		}
		JsonNode json = JSON.readTree(text);
		if (!"Bundle".equals(json.path("resourceType").asText())) {
			resources.add(new Sent(name, json, json.path("id").asText(), Map.of()));
			return resources;
		}
		Map<String, String> fullUrls = new HashMap<>();
		for (JsonNode entry : json.path("entry")) {
			JsonNode resource = entry.path("resource");
			if (resource.isMissingNode()) {
				continue;
			}
			String id = resource.path("id").asText(null);
			if (id == null) {
				String url = entry.path("request").path("url").asText("");
				String fullUrl = entry.path("fullUrl").asText();
				id = "PUT".equals(entry.path("request").path("method").asText()) && !url.contains("?")
						? url.substring(url.lastIndexOf('/') + 1)
						: fullUrl.substring(Math.max(fullUrl.lastIndexOf(':'), fullUrl.lastIndexOf('/')) + 1);
			}
			fullUrls.put(entry.path("fullUrl").asText(), resource.path("resourceType").asText() + "/" + id);
			resources.add(new Sent(name, resource, id, fullUrls));
		}
		return resources;
	}

	private HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/" + path))
				.header("Authorization", "Bearer " + this.token)
				.header("Accept", "application/fhir+json")
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One resource as a file sent it. */
	private record Sent(String file, JsonNode resource, String sourceId, Map<String, String> fullUrls) {

		String type() {
			return this.resource.path("resourceType").asText();
		}

		String key() {
			return type() + "/" + this.sourceId;
		}

		@Override
		public String toString() {
			return key() + " (" + this.file + ")";
		}

	}

	private record Comparing(Sent sent, Comparison comparison) {
	}

	private static final class Comparison {

		final List<String> unexpected = new ArrayList<>();

		final Set<String> documented = new LinkedHashSet<>();

	}

}
