package org.northstar.risk;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The stored form of components, facts and missing inputs ({@code json}). Written by
 * hand, field by field, so that a stored score reads back exactly (decimals with their
 * digits) and the same score always writes the same text, which its content hash relies
 * on.
 */
final class RiskJson {

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private RiskJson() {
	}

	static String components(Map<String, Integer> components) {
		return write(json -> {
			json.writeStartObject();
			for (Map.Entry<String, Integer> c : components.entrySet()) {
				json.writeNumberField(c.getKey(), c.getValue());
			}
			json.writeEndObject();
		});
	}

	static String facts(List<RiskFact> facts) {
		return write(json -> {
			json.writeStartArray();
			for (RiskFact f : facts) {
				json.writeStartObject();
				json.writeStringField("component", f.component());
				json.writeStringField("text", f.text());
				writeIfPresent(json, "reference", f.reference());
				writeIfPresent(json, "at", f.at() == null ? null : f.at().toString());
				writeIfPresent(json, "code", f.code());
				writeIfPresent(json, "group", f.group());
				if (f.weight() != null) {
					json.writeNumberField("weight", f.weight());
				}
				if (f.value() != null) {
					json.writeNumberField("value", f.value());
				}
				writeIfPresent(json, "unit", f.unit());
				json.writeEndObject();
			}
			json.writeEndArray();
		});
	}

	static String missing(List<String> missing) {
		return write(json -> {
			json.writeStartArray();
			for (String m : missing) {
				json.writeString(m);
			}
			json.writeEndArray();
		});
	}

	/**
	 * The components in the instrument's order, whatever the stored order (scores written
	 * while the column was {@code jsonb} have its own).
	 */
	static Map<String, Integer> readComponents(Instrument instrument, String json) {
		JsonNode stored = read(json);
		Map<String, Integer> components = new LinkedHashMap<>();
		for (String name : instrument.components()) {
			if (stored.has(name)) {
				components.put(name, stored.path(name).intValue());
			}
		}
		return components;
	}

	static List<RiskFact> readFacts(String json) {
		List<RiskFact> facts = new ArrayList<>();
		for (JsonNode f : read(json)) {
			facts.add(new RiskFact(f.path("component").asText(), f.path("text").asText(), text(f, "reference"),
					f.hasNonNull("at") ? Instant.parse(f.path("at").asText()) : null, text(f, "code"), text(f, "group"),
					f.hasNonNull("weight") ? f.path("weight").intValue() : null,
					f.hasNonNull("value") ? f.path("value").decimalValue() : null, text(f, "unit")));
		}
		return facts;
	}

	static List<String> readMissing(String json) {
		List<String> missing = new ArrayList<>();
		read(json).forEach(m -> missing.add(m.asText()));
		return missing;
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.path(field).asText() : null;
	}

	private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
		if (value != null) {
			json.writeStringField(field, value);
		}
	}

	/**
	 * Written straight to text, field by field: building a tree of nodes first cost as
	 * much as writing it (a population's scores are a few GB of facts).
	 */
	private static String write(Writing writing) {
		StringWriter text = new StringWriter(256);
		try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
			writing.to(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

	private interface Writing {

		void to(JsonGenerator json) throws IOException;

	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored risk assessment is not JSON", ex);
		}
	}

}
