package org.northstar.clinical;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import org.northstar.clinical.ClinicalItems.Component;
import org.northstar.clinical.ClinicalItems.Flag;
import org.northstar.clinical.ClinicalItems.Quantity;
import org.northstar.clinical.ClinicalItems.Range;
import org.northstar.clinical.ClinicalItems.Result;

/**
 * Reads a result from the Observation its source sent, as stored: the value with all its
 * digits, the unit, the first reference range, the interpretation and the components.
 * Numbers are read as decimals, never as doubles, so {@code 12.0} stays {@code 12.0} and
 * {@code 0.004} is not rounded.
 */
final class StoredObservations {

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private StoredObservations() {
	}

	/**
	 * The result of a stored Observation; {@code fallback} is the normalised value in
	 * words, for value types read here as neither a quantity nor text.
	 */
	static Result result(String json, String fallback) {
		JsonNode observation;
		try {
			observation = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored Observation is not JSON", ex);
		}
		List<Component> components = new ArrayList<>();
		for (JsonNode component : observation.path("component")) {
			components.add(new Component(name(component.path("code")), quantity(component), text(component),
					flag(component), range(component)));
		}
		String text = text(observation);
		return new Result(quantity(observation), text != null ? text : components.isEmpty() ? fallback : null,
				flag(observation), range(observation), components);
	}

	/** The short name a source gave a code ({@code text}), else its first display. */
	private static String name(JsonNode concept) {
		String text = string(concept, "text");
		if (text != null) {
			return text;
		}
		for (JsonNode coding : concept.path("coding")) {
			String display = string(coding, "display");
			if (display != null) {
				return display;
			}
		}
		return string(concept.path("coding").path(0), "code");
	}

	private static Quantity quantity(JsonNode element) {
		if (element.has("valueQuantity")) {
			return quantityOf(element.path("valueQuantity"));
		}
		if (element.path("valueInteger").isNumber()) {
			return new Quantity(element.path("valueInteger").decimalValue(), null, null, null, null);
		}
		return null;
	}

	private static Quantity quantityOf(JsonNode quantity) {
		JsonNode value = quantity.path("value");
		if (!value.isNumber() && string(quantity, "unit") == null && string(quantity, "code") == null) {
			return null;
		}
		return new Quantity(value.isNumber() ? value.decimalValue() : null, string(quantity, "comparator"),
				string(quantity, "unit"), string(quantity, "system"), string(quantity, "code"));
	}

	private static String text(JsonNode element) {
		if (element.has("valueCodeableConcept")) {
			return name(element.path("valueCodeableConcept"));
		}
		if (element.has("valueString")) {
			return string(element, "valueString");
		}
		if (element.has("valueBoolean")) {
			return element.path("valueBoolean").asBoolean() ? "yes" : "no";
		}
		return null;
	}

	private static Flag flag(JsonNode element) {
		JsonNode interpretation = element.path("interpretation").path(0);
		if (interpretation.isMissingNode()) {
			return null;
		}
		JsonNode coding = interpretation.path("coding").path(0);
		String display = string(interpretation, "text");
		return new Flag(string(coding, "code"), display != null ? display : string(coding, "display"));
	}

	private static Range range(JsonNode element) {
		JsonNode range = element.path("referenceRange").path(0);
		if (range.isMissingNode()) {
			return null;
		}
		Quantity low = range.has("low") ? quantityOf(range.path("low")) : null;
		Quantity high = range.has("high") ? quantityOf(range.path("high")) : null;
		String text = string(range, "text");
		return low == null && high == null && text == null ? null : new Range(low, high, text);
	}

	private static String string(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isValueNode() && !value.isNull() ? value.asText() : null;
	}

}
