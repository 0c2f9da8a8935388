package org.northstar.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The small fixed Synthea population shipped as the demo sample, and ways to count and
 * copy it. Counts are taken from the files themselves, so they stay right when the sample
 * changes.
 */
public final class SyntheaPopulation {

	public static final Path SAMPLE = Path.of("src/main/resources/demo/synthea");

	private static final Pattern UUID_PATTERN = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	/**
	 * Reads and writes FHIR JSON as the import does: decimals as written, {@code 0.40}
	 * not {@code 0.4}, so a file written back holds the same values.
	 */
	public static final ObjectMapper JSON = new ObjectMapper()
		.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private SyntheaPopulation() {
	}

	public static List<Path> files(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Hospitals and practitioners, which patient bundles refer to by identifier. */
	public static List<Path> sharedFiles(Path dir) {
		return files(dir).stream().filter(f -> f.getFileName().toString().contains("Information")).toList();
	}

	public static List<Path> patientFiles(Path dir) {
		return files(dir).stream().filter(f -> !f.getFileName().toString().contains("Information")).toList();
	}

	/**
	 * Resources per type in the given bundles, read independently of Northstar's reader.
	 */
	public static Map<String, Integer> countByType(List<Path> bundles) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Path bundle : bundles) {
			for (JsonNode entry : read(bundle).path("entry")) {
				counts.merge(entry.path("resource").path("resourceType").asText(), 1, Integer::sum);
			}
		}
		return counts;
	}

	public static int total(Map<String, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	public static JsonNode read(Path bundle) {
		try {
			return JSON.readTree(bundle.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Streams the entries of the given bundles into one transaction bundle, never holding
	 * more than a token in memory: how a test or benchmark gets a single very large
	 * bundle.
	 */
	public static Path merge(List<Path> bundles, Path out) {
		return merge(bundles, out, Long.MAX_VALUE);
	}

	/**
	 * As {@link #merge(List, Path)}, stopping after the bundle that takes the output past
	 * {@code maxBytes}.
	 */
	public static Path merge(List<Path> bundles, Path out, long maxBytes) {
		try (JsonGenerator generator = JSON.getFactory().createGenerator(out.toFile(), JsonEncoding.UTF8)) {
			generator.writeStartObject();
			generator.writeStringField("resourceType", "Bundle");
			generator.writeStringField("type", "transaction");
			generator.writeArrayFieldStart("entry");
			for (Path bundle : bundles) {
				try (JsonParser parser = JSON.getFactory().createParser(bundle.toFile())) {
					while (parser.nextToken() != null) {
						if (parser.currentToken() == JsonToken.FIELD_NAME && "entry".equals(parser.currentName())
								&& parser.getParsingContext().getParent().inRoot()) {
							parser.nextToken();
							while (parser.nextToken() == JsonToken.START_OBJECT) {
								generator.copyCurrentStructure(parser);
							}
						}
					}
				}
				generator.flush();
				if (Files.size(out) >= maxBytes) {
					break;
				}
			}
			generator.writeEndArray();
			generator.writeEndObject();
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes {@code copies} copies of the sample's patients into {@code out}, each with
	 * fresh ids, plus the shared bundles once: a bigger population of distinct patients.
	 */
	public static Path replicate(Path sample, Path out, int copies) {
		try {
			Files.createDirectories(out);
			Set<String> shared = new HashSet<>();
			for (Path file : sharedFiles(sample)) {
				String text = Files.readString(file);
				Matcher ids = UUID_PATTERN.matcher(text);
				while (ids.find()) {
					shared.add(ids.group());
				}
				Files.writeString(out.resolve(file.getFileName()), text);
			}
			for (Path file : patientFiles(sample)) {
				String text = Files.readString(file);
				for (int copy = 0; copy < copies; copy++) {
					int c = copy;
					String renamed = UUID_PATTERN.matcher(text)
						.replaceAll(m -> shared.contains(m.group()) ? m.group()
								: UUID.nameUUIDFromBytes((c + ":" + m.group()).getBytes(StandardCharsets.UTF_8))
									.toString());
					Files.writeString(out.resolve("copy" + copy + "-" + file.getFileName()), renamed);
				}
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
