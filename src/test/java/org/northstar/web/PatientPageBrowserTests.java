package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.BrowserTest;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient page shows results exactly as measured: every digit the source sent, units
 * as people read them, the reference range, the flag and a panel's parts, and every time
 * in the practice's zone (Ohio's in the tests), across daylight-saving changes; a date
 * without a time is the day it names.
 */
class PatientPageBrowserTests extends BrowserTest {

	private static final String SOURCE = "exact-lab";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Caseloads caseloads;

	@Test
	void showsResultsAsMeasuredAndTimesInThePracticesZone() {
		this.fhirImport.importBundle(BUNDLE.getBytes(StandardCharsets.UTF_8), SOURCE, "test");
		PatientId patient = new PatientId(new RecordKey(SOURCE, "Patient", "exact-1").id());
		this.caseloads.assign(patient, "ana", Relation.COORDINATOR);

		browser.signIn("ana", "demo-ana-2026").open("/patients/" + patient.value());

		assertThat(browser.heading()).isEqualTo("Exact, Edna");
		String header = browser.find("section.patient-header").getText();
		assertThat(header).contains("12 Mar 1948").contains("Mandarin Chinese").doesNotContain("zh");
		// Taken at 10:05 in Ohio (15:05 UTC), after the clocks went back: EST.
		assertThat(row("Creatinine", "1.45")).startsWith("25 Nov 2026 10:05")
			.contains("1.45 mg/dL")
			.contains("High")
			.contains("ref 0.50–1.0 mg/dL");
		// 10:05 in Ohio on the day after the clocks went forward (14:05 UTC): EDT.
		assertThat(row("Creatinine", "0.9")).startsWith("9 Mar 2026 10:05")
			.contains("0.9 mg/dL")
			.doesNotContain("High");
		// The last day of EST: 10:05 is 15:05 UTC.
		assertThat(row("Hemoglobin", "12.0")).startsWith("7 Mar 2026 10:05")
			.contains("12.0 g/dL")
			.contains("Low")
			.contains("ref 13.5–17.5 g/dL");
		// A date without a time stays that day, not the evening before in Ohio.
		assertThat(row("Troponin I", "0.004")).startsWith("8 Mar 2026 result")
			.contains("0.004 ng/mL")
			.contains("ref ≤ 0.04 ng/mL");
		assertThat(row("Blood pressure", "Systolic")).contains("Systolic blood pressure 152 mmHg High")
			.contains("Diastolic blood pressure 78 mmHg")
			.doesNotContain("mm[Hg]");
		assertThat(row("eGFR", "37")).contains("37 mL/min/1.73 m²").contains("Low").contains("ref ≥ 60 mL/min/1.73 m²");
		assertThat(row("Pain severity", "9")).contains("Pain severity 9").doesNotContain("{score}");
		assertThat(row("Heart failure admission", "Inpatient")).startsWith("5 Mar 2026 21:00")
			.contains("Inpatient · Shortness of breath · Discharged home")
			.doesNotContain("IMP");
		// Problems are in the contacts and history section, loaded by htmx.
		browser.awaitText(".problem-episodes", "Chronic kidney disease stage 3");
		assertThat(browser.find(".problem-episodes").getText()).contains("Chronic kidney disease stage 3")
			.contains("since 8 Mar 2026");
		browser.screenshot("patient-exact-results");

		// The timeline's days are the practice's days, and a date is its own day.
		browser.open("/patients/" + patient.value() + "?from=2026-03-08&to=2026-03-08");
		assertThat(browser.all("#timeline tbody tr")).extracting(WebElement::getText)
			.singleElement()
			.asString()
			.contains("Troponin I");
		browser.open("/patients/" + patient.value() + "?from=2026-03-05&to=2026-03-05");
		assertThat(browser.all("#timeline tbody tr")).extracting(WebElement::getText)
			.singleElement()
			.asString()
			.contains("Heart failure admission");
	}

	private static String row(String title, String containing) {
		List<WebElement> rows = browser.all("#timeline tbody tr");
		return rows.stream()
			.map(WebElement::getText)
			.filter(text -> text.contains(title) && text.contains(containing))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No timeline row with " + title + " and " + containing + " in:\n"
					+ String.join("\n", rows.stream().map(WebElement::getText).toList())));
	}

	private static final String BUNDLE = """
			{"resourceType": "Bundle", "type": "collection", "entry": [
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000001", "resource": {
			   "resourceType": "Patient", "id": "exact-1", "name": [{"family": "Exact", "given": ["Edna"]}],
			   "birthDate": "1948-03-12", "gender": "female",
			   "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "zh", "display": "Chinese"}],
			                      "text": "Mandarin Chinese"}, "preferred": true}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000002", "resource": {
			   "resourceType": "Condition", "id": "exact-ckd", "subject": {"reference": "Patient/exact-1"},
			   "clinicalStatus": {"coding": [{"code": "active"}]},
			   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "433144002", "display": "Chronic kidney disease stage 3"}]},
			   "onsetDateTime": "2026-03-08"}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000003", "resource": {
			   "resourceType": "Observation", "id": "exact-creat-nov", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "2160-0", "display": "Creatinine [Mass/volume] in Serum or Plasma"}], "text": "Creatinine"},
			   "effectiveDateTime": "2026-11-25T15:05:00Z",
			   "valueQuantity": {"value": 1.45, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"},
			   "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "H"}]}],
			   "referenceRange": [{"low": {"value": 0.50, "unit": "mg/dL"}, "high": {"value": 1.0, "unit": "mg/dL"}}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000004", "resource": {
			   "resourceType": "Observation", "id": "exact-creat-mar", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "2160-0", "display": "Creatinine [Mass/volume] in Serum or Plasma"}], "text": "Creatinine"},
			   "effectiveDateTime": "2026-03-09T14:05:00Z",
			   "valueQuantity": {"value": 0.9, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"},
			   "interpretation": [{"coding": [{"code": "N"}]}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000005", "resource": {
			   "resourceType": "Observation", "id": "exact-hgb", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin [Mass/volume] in Blood"}], "text": "Hemoglobin"},
			   "effectiveDateTime": "2026-03-07T15:05:00Z",
			   "valueQuantity": {"value": 12.0, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"},
			   "interpretation": [{"coding": [{"code": "L"}]}],
			   "referenceRange": [{"low": {"value": 13.5, "unit": "g/dL"}, "high": {"value": 17.5, "unit": "g/dL"}}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000006", "resource": {
			   "resourceType": "Observation", "id": "exact-trop", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "10839-9", "display": "Troponin I.cardiac [Mass/volume] in Serum or Plasma"}], "text": "Troponin I"},
			   "effectiveDateTime": "2026-03-08",
			   "valueQuantity": {"value": 0.004, "unit": "ng/mL", "system": "http://unitsofmeasure.org", "code": "ng/mL"},
			   "referenceRange": [{"high": {"value": 0.04, "unit": "ng/mL"}}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000007", "resource": {
			   "resourceType": "Observation", "id": "exact-bp", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood pressure panel with all children optional"}], "text": "Blood pressure"},
			   "effectiveDateTime": "2026-11-25T15:10:00Z",
			   "component": [
			    {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6", "display": "Systolic blood pressure"}]},
			     "valueQuantity": {"value": 152, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"},
			     "interpretation": [{"coding": [{"code": "H"}]}]},
			    {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4", "display": "Diastolic blood pressure"}]},
			     "valueQuantity": {"value": 78, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000008", "resource": {
			   "resourceType": "Observation", "id": "exact-egfr", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "98979-8", "display": "Glomerular filtration rate/1.73 sq M.predicted"}], "text": "eGFR"},
			   "effectiveDateTime": "2026-11-25T15:05:00Z",
			   "valueQuantity": {"value": 37, "unit": "mL/min/{1.73_m2}", "system": "http://unitsofmeasure.org", "code": "mL/min/{1.73_m2}"},
			   "interpretation": [{"coding": [{"code": "L"}]}],
			   "referenceRange": [{"low": {"value": 60, "unit": "mL/min/{1.73_m2}", "system": "http://unitsofmeasure.org", "code": "mL/min/{1.73_m2}"}}]}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000009", "resource": {
			   "resourceType": "Observation", "id": "exact-pain", "status": "final", "subject": {"reference": "Patient/exact-1"},
			   "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3", "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}], "text": "Pain severity"},
			   "effectiveDateTime": "2026-11-25T15:20:00Z",
			   "valueQuantity": {"value": 9, "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"}}},
			 {"fullUrl": "urn:uuid:6a1e0000-0000-4000-8000-000000000010", "resource": {
			   "resourceType": "Encounter", "id": "exact-stay", "status": "finished", "subject": {"reference": "Patient/exact-1"},
			   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP", "display": "inpatient encounter"},
			   "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "32485007", "display": "Hospital admission"}], "text": "Heart failure admission"}],
			   "reasonCode": [{"text": "Shortness of breath"}],
			   "period": {"start": "2026-03-06T02:00:00Z", "end": "2026-03-10T16:00:00Z"},
			   "hospitalization": {"dischargeDisposition": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "home"}]}}}}
			]}
			""";

}
