package org.northstar.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored form of components, facts and missing inputs ({@code jsonb}). Written by
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
		ObjectNode node = JSON.createObjectNode();
		components.forEach(node::put);
		return write(node);
	}

	static String facts(List<RiskFact> facts) {
		ArrayNode array = JSON.createArrayNode();
		for (RiskFact f : facts) {
			ObjectNode node = array.addObject();
			node.put("component", f.component());
			node.put("text", f.text());
			putIfPresent(node, "reference", f.reference());
			putIfPresent(node, "at", f.at() == null ? null : f.at().toString());
			putIfPresent(node, "code", f.code());
			putIfPresent(node, "group", f.group());
			if (f.weight() != null) {
				node.put("weight", f.weight());
			}
			if (f.value() != null) {
				node.put("value", f.value());
			}
			putIfPresent(node, "unit", f.unit());
		}
		return write(array);
	}

	static String missing(List<String> missing) {
		ArrayNode array = JSON.createArrayNode();
		missing.forEach(array::add);
		return write(array);
	}

	/**
	 * The components in the instrument's order: {@code jsonb} keeps its keys in an order
	 * of its own.
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

	private static void putIfPresent(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static String write(JsonNode node) {
		try {
			return JSON.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
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
