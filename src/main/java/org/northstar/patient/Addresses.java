package org.northstar.patient;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A patient's addresses as {@code patient.addresses} stores them: a JSON array in the
 * shape of FHIR's Address ({@code use}, {@code type}, {@code line}, {@code city},
 * {@code district}, {@code state}, {@code postalCode}, {@code country}, {@code period}),
 * so that whoever reads the column raw sees familiar names.
 */
final class Addresses {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Addresses() {
	}

	static String toJson(List<PatientRecord.Address> addresses) {
		ArrayNode array = JSON.createArrayNode();
		for (PatientRecord.Address a : addresses) {
			ObjectNode node = array.addObject();
			put(node, "use", a.use());
			put(node, "type", a.type());
			if (!a.lines().isEmpty()) {
				ArrayNode lines = node.putArray("line");
				a.lines().forEach(lines::add);
			}
			put(node, "city", a.city());
			put(node, "district", a.district());
			put(node, "state", a.state());
			put(node, "postalCode", a.postalCode());
			put(node, "country", a.country());
			if (a.periodStart() != null || a.periodEnd() != null) {
				ObjectNode period = node.putObject("period");
				put(period, "start", a.periodStart());
				put(period, "end", a.periodEnd());
			}
		}
		return array.toString();
	}

	static List<PatientRecord.Address> fromJson(String json) {
		if (json == null) {
			return List.of();
		}
		JsonNode array;
		try {
			array = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("patient.addresses is not JSON: " + ex.getOriginalMessage(), ex);
		}
		List<PatientRecord.Address> addresses = new ArrayList<>();
		for (JsonNode a : array) {
			List<String> lines = new ArrayList<>();
			a.path("line").forEach(line -> lines.add(line.asText()));
			addresses.add(new PatientRecord.Address(text(a, "use"), text(a, "type"), lines, text(a, "city"),
					text(a, "district"), text(a, "state"), text(a, "postalCode"), text(a, "country"),
					text(a.path("period"), "start"), text(a.path("period"), "end")));
		}
		return addresses;
	}

	private static void put(ObjectNode node, String name, String value) {
		if (value != null) {
			node.put(name, value);
		}
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || value.isNull() ? null : value.asText();
	}

}
