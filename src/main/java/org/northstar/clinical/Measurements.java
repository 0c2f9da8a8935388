package org.northstar.clinical;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import org.northstar.clinical.ClinicalItems.Quantity;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A person's measured values over time, for charts of goals: each value with the digits
 * and unit its source sent, oldest first, once per moment when linked records report the
 * same value; and the dates their medicines changed. Callers decide and audit access.
 */
@Service
public class Measurements {

	/** The blood-pressure panel, whose components carry the two pressures. */
	private static final String BLOOD_PRESSURE_PANEL = "85354-9";

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private final JdbcClient jdbc;

	Measurements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One measured value.
	 *
	 * @param code the LOINC code it was sent with (a panel's component's, for blood
	 * pressure)
	 */
	public record Measurement(Instant at, String code, Quantity quantity, List<String> sources) {
	}

	/** A medicine prescribed or changed on a day. */
	public record MedicationChange(Instant at, String medicine, String source) {
	}

	/**
	 * The values of these LOINC codes in the records, oldest first; systolic and
	 * diastolic pressures are read from blood-pressure panels too. Values without a
	 * number are left out.
	 */
	public List<Measurement> of(Collection<PatientId> records, Set<String> codes) {
		if (records.isEmpty() || codes.isEmpty()) {
			return List.of();
		}
		Set<String> asked = new java.util.HashSet<>(codes);
		boolean pressures = codes.contains("8480-6") || codes.contains("8462-4");
		if (pressures) {
			asked.add(BLOOD_PRESSURE_PANEL);
		}
		Map<String, Measurement> unique = new LinkedHashMap<>();
		this.jdbc.sql("""
				select o.code, o.effective, r.source, r.content::text
				from observation o join source_resource r on r.id = o.id
				where o.patient_id = any(?) and o.code = any(?) and o.effective is not null
				  and coalesce(o.status, 'final') not in ('entered-in-error', 'cancelled')
				order by o.effective, o.id
				""")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new), asked.toArray(String[]::new))
			.query(rs -> {
				String code = rs.getString(1);
				Instant at = rs.getTimestamp(2).toInstant();
				String source = rs.getString(3);
				for (Map.Entry<String, Quantity> value : values(code, rs.getString(4), codes).entrySet()) {
					Quantity quantity = value.getValue();
					// The same value at the same moment from two linked records is one
					// measurement, reported by both.
					String key = value.getKey() + "|" + at + "|" + quantity.digits() + "|" + quantity.unit();
					Measurement known = unique.get(key);
					if (known == null) {
						unique.put(key, new Measurement(at, value.getKey(), quantity, List.of(source)));
					}
					else if (!known.sources().contains(source)) {
						List<String> sources = new ArrayList<>(known.sources());
						sources.add(source);
						unique.put(key, new Measurement(at, known.code(), quantity, sources));
					}
				}
			});
		return List.copyOf(unique.values());
	}

	/** When the records' medicines were prescribed or changed, oldest first. */
	public List<MedicationChange> medicationChanges(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select m.authored_on, coalesce(m.display, m.code, 'a medicine'), r.source
				from medication_request m join source_resource r on r.id = m.id
				where m.patient_id = any(?) and m.authored_on is not null
				order by m.authored_on, m.id
				""")
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new MedicationChange(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The numeric values of an Observation for the codes asked, by code. */
	private static Map<String, Quantity> values(String code, String json, Set<String> codes) {
		Map<String, Quantity> values = new LinkedHashMap<>();
		JsonNode observation;
		try {
			observation = JSON.readTree(json);
		}
		catch (IOException ex) {
			return values;
		}
		if (codes.contains(code)) {
			Quantity quantity = quantity(observation);
			if (quantity != null) {
				values.put(code, quantity);
			}
		}
		for (JsonNode component : observation.path("component")) {
			for (JsonNode coding : component.path("code").path("coding")) {
				String componentCode = coding.path("code").asText(null);
				if (componentCode != null && codes.contains(componentCode)) {
					Quantity quantity = quantity(component);
					if (quantity != null) {
						values.putIfAbsent(componentCode, quantity);
					}
				}
			}
		}
		return values;
	}

	private static Quantity quantity(JsonNode element) {
		JsonNode value = element.path("valueQuantity");
		if (value.path("value").isNumber()) {
			return new Quantity(value.path("value").decimalValue(), text(value, "comparator"), text(value, "unit"),
					text(value, "system"), text(value, "code"));
		}
		if (element.path("valueInteger").isNumber()) {
			return new Quantity(element.path("valueInteger").decimalValue(), null, null, null, null);
		}
		return null;
	}

	private static String text(JsonNode node, String field) {
		return Objects.toString(node.path(field).asText(null), null);
	}

}
