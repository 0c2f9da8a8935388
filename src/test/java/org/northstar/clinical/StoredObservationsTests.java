package org.northstar.clinical;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalItems.Quantity;
import org.northstar.clinical.ClinicalItems.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result is read from the stored Observation with every digit and word its source sent.
 */
class StoredObservationsTests {

	@Test
	void keepsEveryDigitTheSourceSent() {
		assertThat(value("0.9")).isEqualTo("0.9");
		assertThat(value("1.45")).isEqualTo("1.45");
		assertThat(value("12.0")).isEqualTo("12.0");
		assertThat(value("0.004")).isEqualTo("0.004");
		assertThat(value("62.6")).isEqualTo("62.6");
		assertThat(value("6840")).isEqualTo("6840");
		assertThat(value("1.000000000000000000001")).isEqualTo("1.000000000000000000001");
	}

	@Test
	void readsUnitRangeFlagAndComparator() {
		Result creatinine = StoredObservations.result(
				"""
						{"resourceType": "Observation", "code": {"text": "Creatinine"},
						 "valueQuantity": {"value": 1.45, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"},
						 "interpretation": [{"coding": [{"code": "H", "display": "High"}]}],
						 "referenceRange": [{"low": {"value": 0.50, "unit": "mg/dL"}, "high": {"value": 1.0, "unit": "mg/dL"}}]}
						""",
				null);
		assertThat(creatinine.quantity().unit()).isEqualTo("mg/dL");
		assertThat(creatinine.quantity().code()).isEqualTo("mg/dL");
		assertThat(creatinine.flag().code()).isEqualTo("H");
		assertThat(creatinine.range().low().digits()).isEqualTo("0.50");
		assertThat(creatinine.range().high().digits()).isEqualTo("1.0");

		Result troponin = StoredObservations.result("""
				{"valueQuantity": {"value": 0.010, "comparator": "<", "unit": "ng/mL"}}""", null);
		assertThat(troponin.quantity().comparator()).isEqualTo("<");
		assertThat(troponin.quantity().digits()).isEqualTo("0.010");
	}

	@Test
	void readsThePartsOfAPanel() {
		Result pressure = StoredObservations.result(
				"""
						{"code": {"text": "Blood pressure"},
						 "component": [
						  {"code": {"coding": [{"code": "8480-6", "display": "Systolic blood pressure"}]},
						   "valueQuantity": {"value": 152, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"},
						   "interpretation": [{"coding": [{"code": "H"}]}],
						   "referenceRange": [{"high": {"value": 130, "unit": "mm[Hg]"}}]},
						  {"code": {"text": "Diastolic"},
						   "valueQuantity": {"value": 78.0, "unit": "mm[Hg]", "code": "mm[Hg]"}}]}
						""",
				"Systolic blood pressure: 152 mm[Hg]; Diastolic: 78.0 mm[Hg]");
		assertThat(pressure.quantity()).isNull();
		assertThat(pressure.text()).as("the parts say it all").isNull();
		assertThat(pressure.components()).hasSize(2);
		assertThat(pressure.components().get(0).name()).isEqualTo("Systolic blood pressure");
		assertThat(pressure.components().get(0).quantity().digits()).isEqualTo("152");
		assertThat(pressure.components().get(0).flag().code()).isEqualTo("H");
		assertThat(pressure.components().get(0).range().high().digits()).isEqualTo("130");
		assertThat(pressure.components().get(1).name()).as("the source's short name").isEqualTo("Diastolic");
		assertThat(pressure.components().get(1).quantity().digits()).isEqualTo("78.0");
	}

	@Test
	void readsCodedAndTextValuesAsWords() {
		assertThat(StoredObservations.result("""
				{"valueCodeableConcept": {"coding": [{"code": "10828004", "display": "Positive"}]}}""", null).text())
			.isEqualTo("Positive");
		assertThat(StoredObservations.result("""
				{"valueString": "Lives alone"}""", null).text()).isEqualTo("Lives alone");
		assertThat(StoredObservations.result("""
				{"valueRatio": {}}""", "1:4").text()).as("the normalised words when nothing else").isEqualTo("1:4");
	}

	private static String value(String json) {
		Quantity quantity = StoredObservations
			.result("{\"valueQuantity\": {\"value\": " + json + ", \"unit\": \"mg/dL\"}}", null)
			.quantity();
		return quantity.digits();
	}

}
