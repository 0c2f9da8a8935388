package org.northstar.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored text of a score's parts, character for character: each current score's
 * content hash is of this text, so a change to it (a field's order, a number's form)
 * would make the next recomputation rewrite every score in the database.
 */
class RiskJsonTests {

	static final List<RiskFact> FACTS = List.of(
			RiskFact.of("L", "Admitted 1 Mar 2020, discharged 5 Mar 2020: 4 days", "Encounter/e1",
					Instant.parse("2020-03-01T15:00:00Z")),
			RiskFact.of("C", "Charlson \"index\" 6 — back\\slash\ttab\nline", null, null),
			new RiskFact("C", "Diabetes", "Condition/c1", Instant.parse("2019-01-01T15:00:00.123Z"),
					"http://snomed.info/sct|44054006", "DIABETES", 0, null, null),
			new RiskFact("H", "Last haemoglobin 11.50 g/dL", "Observation/o1", Instant.parse("2020-03-04T15:00:00Z"),
					"http://loinc.org|718-7", null, null, new BigDecimal("11.50"), "g/dL"),
			new RiskFact("S", "Sodium", null, null, null, null, null, new BigDecimal("1.3E+2"), "mmol/L"));

	@Test
	void writesFactsComponentsAndMissingInputsAsScoresWereAlwaysStored() {
		Map<String, Integer> components = new LinkedHashMap<>();
		components.put("L", 4);
		components.put("A", 3);
		components.put("C", 5);
		components.put("E", 0);

		assertThat(RiskJson.components(components)).isEqualTo("{\"L\":4,\"A\":3,\"C\":5,\"E\":0}");
		assertThat(RiskJson.facts(FACTS)).isEqualTo("[{\"component\":\"L\",\"text\":\"Admitted 1 Mar 2020, discharged"
				+ " 5 Mar 2020: 4 days\",\"reference\":\"Encounter/e1\",\"at\":\"2020-03-01T15:00:00Z\"},"
				+ "{\"component\":\"C\",\"text\":\"Charlson \\\"index\\\" 6 — back\\\\slash\\ttab\\nline\"},"
				+ "{\"component\":\"C\",\"text\":\"Diabetes\",\"reference\":\"Condition/c1\","
				+ "\"at\":\"2019-01-01T15:00:00.123Z\",\"code\":\"http://snomed.info/sct|44054006\","
				+ "\"group\":\"DIABETES\",\"weight\":0},"
				+ "{\"component\":\"H\",\"text\":\"Last haemoglobin 11.50 g/dL\",\"reference\":\"Observation/o1\","
				+ "\"at\":\"2020-03-04T15:00:00Z\",\"code\":\"http://loinc.org|718-7\",\"value\":11.50,\"unit\":\"g/dL\"},"
				+ "{\"component\":\"S\",\"text\":\"Sodium\",\"value\":1.3E+2,\"unit\":\"mmol/L\"}]");
		assertThat(RiskJson.missing(List.of("H: no haemoglobin", "O: \"x\"")))
			.isEqualTo("[\"H: no haemoglobin\",\"O: \\\"x\\\"\"]");
		assertThat(RiskJson.missing(List.of())).isEqualTo("[]");
	}

	@Test
	void readsBackEveryFactExactlyDecimalsWithTheirDigits() {
		assertThat(RiskJson.readFacts(RiskJson.facts(FACTS))).isEqualTo(FACTS);
		assertThat(RiskJson.readFacts(RiskJson.facts(FACTS)).get(3).value()).hasToString("11.50");
	}

}
