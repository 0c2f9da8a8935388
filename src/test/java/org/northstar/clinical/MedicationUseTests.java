package org.northstar.clinical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.northstar.shared.RecordKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the narrow row of a medication resource keeps: each medicine it names, its status
 * and dates as sent, nothing interpreted.
 */
class MedicationUseTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	@Test
	void aPharmacyClaimGivesOneRowPerItemWithTheClaimsDaysSupply() throws Exception {
		JsonNode claim = JSON.readTree(
				"""
						{"resourceType": "Claim", "status": "active",
						 "type": {"coding": [{"code": "pharmacy"}]},
						 "billablePeriod": {"start": "2026-03-02T10:00:00-05:00"},
						 "supportingInfo": [{"category": {"coding": [{"code": "dayssupply"}]}, "valueQuantity": {"value": 90}}],
						 "item": [
						   {"productOrService": {"coding": [{"system": "%s", "code": "314231", "display": "Simvastatin 10 MG"}]}},
						   {"productOrService": {"coding": [{"system": "http://snomed.info/sct", "code": "1"}]}},
						   {"servicedDate": "2026-03-01", "productOrService": {"text": "metformin"}}]}"""
					.formatted(RXNORM));

		assertThat(MedicationUse.of("src", "Claim", claim)).containsExactly(new MedicationUse(0, "active", "314231",
				"Simvastatin 10 MG", null, "2026-03-02T10:00:00-05:00", null, 90),
				new MedicationUse(2, "active", null, "metformin", null, "2026-03-01", null, 90));
	}

	@Test
	void aClaimThatIsNotAPharmacysNamesNoMedicine() throws Exception {
		JsonNode claim = JSON.readTree("""
				{"resourceType": "Claim", "status": "active", "type": {"coding": [{"code": "professional"}]},
				 "item": [{"productOrService": {"coding": [{"system": "%s", "code": "314231"}]}}]}"""
			.formatted(RXNORM));

		assertThat(MedicationUse.of("src", "Claim", claim)).isEmpty();
		assertThat(MedicationUse.of("src", "Observation", claim)).isEmpty();
	}

	@Test
	void aDispenseNamesItsContainedMedicineOrTheStoredMedicationItRefersTo() throws Exception {
		JsonNode contained = JSON.readTree("""
				{"resourceType": "MedicationDispense", "status": "completed",
				 "contained": [{"resourceType": "Medication", "id": "m", "code": {"coding": [
				   {"system": "%s", "code": "310798", "display": "Hydrochlorothiazide 25 MG"}]}}],
				 "medicationReference": {"reference": "#m"},
				 "whenPrepared": "2026-02-27", "whenHandedOver": "not a date",
				 "daysSupply": {"value": 30.0}}""".formatted(RXNORM));
		JsonNode stored = JSON.readTree("""
				{"resourceType": "MedicationDispense", "status": "completed",
				 "medicationReference": {"reference": "Medication/med-7", "display": "furosemide"},
				 "whenHandedOver": "2026-02-28T09:15:00Z"}""");

		assertThat(MedicationUse.of("src", "MedicationDispense", contained)).containsExactly(
				new MedicationUse(0, "completed", "310798", "Hydrochlorothiazide 25 MG", null, "2026-02-27", null, 30));
		assertThat(MedicationUse.of("src", "MedicationDispense", stored))
			.containsExactly(new MedicationUse(0, "completed", null, "furosemide",
					new RecordKey("src", "Medication", "med-7").id(), "2026-02-28T09:15:00Z", null, null));
	}

	@Test
	void aStatementKeepsWhenItBeganAndEndedAsSent() throws Exception {
		JsonNode statement = JSON.readTree("""
				{"resourceType": "MedicationStatement", "status": "stopped",
				 "medicationCodeableConcept": {"text": "aspirin 81 mg"},
				 "effectivePeriod": {"start": "2025-11-01", "end": "2026-01-15T08:00:00+01:00"},
				 "dateAsserted": "2026-02-01"}""");
		JsonNode unnamed = JSON.readTree("""
				{"resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": {}}""");

		assertThat(MedicationUse.of("src", "MedicationStatement", statement)).containsExactly(new MedicationUse(0,
				"stopped", null, "aspirin 81 mg", null, "2025-11-01", "2026-01-15T08:00:00+01:00", null));
		assertThat(MedicationUse.of("src", "MedicationStatement", unnamed)).isEmpty();
	}

}
