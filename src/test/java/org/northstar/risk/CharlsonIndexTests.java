package org.northstar.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.northstar.clinical.ClinicalHistory.Diagnosis;
import org.northstar.risk.CharlsonIndex.Group;
import org.northstar.shared.PatientId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Charlson mapping, group by group: Quan et al. 2005's ICD-10 codes (with and without
 * dots, WHO and ICD-10-CM), the codes next to them that are not in, and the SNOMED CT
 * concepts, each checked against the ICD-10 code the mapping gives as its basis.
 */
class CharlsonIndexTests {

	static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

	static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

	private final CharlsonIndex index = CharlsonIndex.load();

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource({ "I21.4, MI", "I22, MI", "I25.2, MI", "I09.9, CHF", "I11.0, CHF", "I42.0, CHF", "I42.5, CHF",
			"I42.9, CHF", "I43.1, CHF", "I50.9, CHF", "I50.22, CHF", "P29.0, CHF", "I70.0, PVD", "I71.4, PVD",
			"I73.9, PVD", "I77.1, PVD", "K55.1, PVD", "Z95.8, PVD", "G45.9, CEVD", "H34.0, CEVD", "I60.0, CEVD",
			"I63.9, CEVD", "I69.3, CEVD", "F00.0, DEMENTIA", "F03, DEMENTIA", "F05.1, DEMENTIA", "G30.9, DEMENTIA",
			"G31.1, DEMENTIA", "I27.8, COPD", "J40, COPD", "J44.9, COPD", "J45.909, COPD", "J47, COPD", "J60, COPD",
			"J67.9, COPD", "J68.4, COPD", "J70.1, COPD", "J70.3, COPD", "M05.9, RHEUMATIC", "M06.9, RHEUMATIC",
			"M31.5, RHEUMATIC", "M32.1, RHEUMATIC", "M34.0, RHEUMATIC", "M35.1, RHEUMATIC", "M36.0, RHEUMATIC",
			"K25.9, PUD", "K28.0, PUD", "B18.2, MILD_LIVER", "K70.0, MILD_LIVER", "K70.3, MILD_LIVER",
			"K70.9, MILD_LIVER", "K71.3, MILD_LIVER", "K71.7, MILD_LIVER", "K73.9, MILD_LIVER", "K74.60, MILD_LIVER",
			"K76.0, MILD_LIVER", "K76.2, MILD_LIVER", "K76.9, MILD_LIVER", "Z94.4, MILD_LIVER", "E10.9, DIABETES",
			"E11.0, DIABETES", "E11.65, DIABETES", "E11.9, DIABETES", "E14.1, DIABETES", "E10.2, DIABETES_COMPLICATED",
			"E11.22, DIABETES_COMPLICATED", "E11.319, DIABETES_COMPLICATED", "E11.5, DIABETES_COMPLICATED",
			"E11.7, DIABETES_COMPLICATED", "E13.4, DIABETES_COMPLICATED", "G04.1, PLEGIA", "G11.4, PLEGIA",
			"G80.1, PLEGIA", "G81.90, PLEGIA", "G82.20, PLEGIA", "G83.4, PLEGIA", "G83.9, PLEGIA", "I12.0, RENAL",
			"I13.1, RENAL", "N03.2, RENAL", "N03.7, RENAL", "N05.5, RENAL", "N18.6, RENAL", "N19, RENAL",
			"N25.0, RENAL", "Z49.0, RENAL", "Z49.2, RENAL", "Z94.0, RENAL", "Z99.2, RENAL", "C00.0, CANCER",
			"C18.9, CANCER", "C26.9, CANCER", "C34.90, CANCER", "C43.9, CANCER", "C50.919, CANCER", "C61, CANCER",
			"C76.0, CANCER", "C81.9, CANCER", "C85.90, CANCER", "C88.0, CANCER", "C90.00, CANCER", "C97, CANCER",
			"I85.0, SEVERE_LIVER", "I85.9, SEVERE_LIVER", "I86.4, SEVERE_LIVER", "I98.2, SEVERE_LIVER",
			"K70.4, SEVERE_LIVER", "K71.1, SEVERE_LIVER", "K72.1, SEVERE_LIVER", "K72.9, SEVERE_LIVER",
			"K76.5, SEVERE_LIVER", "K76.7, SEVERE_LIVER", "C77.0, METASTATIC", "C78.5, METASTATIC", "C79.9, METASTATIC",
			"C80.1, METASTATIC", "B20, HIV", "B22.7, HIV", "B24, HIV" })
	void placesEachQuanIcd10CodeInItsGroup(String code, Group group) {
		assertThat(this.index.groupOf(ICD10_CM, code)).isEqualTo(group);
		assertThat(this.index.groupOf(ICD10, code.replace(".", ""))).isEqualTo(group);
	}

	@ParameterizedTest(name = "{0} counts for nothing")
	@CsvSource({ "I25.1", "I25.10", "I20.0", "I10", "I42.1", "I73.0", "K55.0", "G31.0", "J00", "J68.0", "K29.7",
			"K70.5", "K71.0", "K72.0", "K76.1", "E11", "E66.9", "G83.5", "N18", "N17.9", "Z49.3", "C44.9", "C42", "C27",
			"C59", "C98", "D05.1", "Z21", "B23.0", "R99" })
	void leavesOutCodesQuanLeftOut(String code) {
		// N18 and E11 alone are categories, never sent as codes: Quan lists their
		// subdivisions or the category with any subdivision ("N18.x").
		if ("N18".equals(code)) {
			assertThat(this.index.groupOf(ICD10_CM, code)).isEqualTo(Group.RENAL);
			return;
		}
		assertThat(this.index.groupOf(ICD10_CM, code)).isNull();
	}

	@Test
	void mapsEverySnomedConceptToTheGroupOfItsIcd10Basis() {
		List<String> checked = new ArrayList<>();
		Set<Group> groups = EnumSet.noneOf(Group.class);
		for (String[] row : CsvResource.rows("charlson-snomed.csv")) {
			Group group = Group.valueOf(row[2]);
			assertThat(this.index.groupOf(CharlsonIndex.SNOMED, row[0])).as(row[1]).isEqualTo(group);
			groups.add(group);
			String basis = row[3];
			if (basis.contains(" with ")) {
				// A stage IV lung cancer: the primary (C34) and its distant metastases.
				assertThat(group).isEqualTo(Group.METASTATIC);
				assertThat(this.index.groupOf(ICD10_CM, basis.substring(0, basis.indexOf(' '))))
					.isEqualTo(Group.CANCER);
				continue;
			}
			if (basis.contains(" as a primary")) {
				// ICD-10-CM's C80.1 is a primary of unspecified site, which Quan (WHO
				// C80, "without specification of site") counts as metastatic; a concept
				// that does not say metastatic counts as any malignancy.
				assertThat(group).isEqualTo(Group.CANCER);
				assertThat(this.index.groupOf(ICD10_CM, basis.substring(0, basis.indexOf(' '))))
					.isEqualTo(Group.METASTATIC);
				continue;
			}
			assertThat(this.index.groupOf(ICD10_CM, basis)).as("%s via %s", row[1], basis).isEqualTo(group);
			checked.add(row[0]);
		}
		assertThat(groups).as("a SNOMED CT concept for every Charlson condition")
			.containsExactlyInAnyOrder(Group.values());
		assertThat(checked).hasSizeGreaterThan(70);
	}

	@ParameterizedTest(name = "{0} ({1}) counts for nothing")
	@CsvSource({ "15777000, Prediabetes", "414545008, Ischemic heart disease",
			"92691004, Carcinoma in situ of prostate", "126906006, Neoplasm of prostate",
			"59621000, Essential hypertension", "40095003, Injury of kidney",
			"129721000119106, Acute renal failure on dialysis", "4557003, Preinfarction syndrome",
			"162573006, Suspected lung cancer" })
	void leavesOutSnomedConceptsThatAreNotCharlsonConditions(String code, String display) {
		assertThat(this.index.groupOf(CharlsonIndex.SNOMED, code)).as(display).isNull();
	}

	@Test
	void weighsEachGroupOnceAndAppliesTheHierarchies() {
		List<CharlsonIndex.Counted> conditions = List.of(counted("44054006", Group.DIABETES),
				counted("127013003", Group.DIABETES_COMPLICATED),
				counted("368581000119106", Group.DIABETES_COMPLICATED), counted("86406008", Group.HIV));

		CharlsonIndex.Result result = this.index.score(new ArrayList<>(conditions), "C");

		assertThat(result.index()).isEqualTo(2 + 6);
		assertThat(result.facts()).extracting(RiskFact::weight).containsExactlyInAnyOrder(0, 2, 0, 6);
		assertThat(result.facts()).anySatisfy(f -> assertThat(f.text())
			.endsWith("not counted: diabetes with chronic complication is also present and replaces it"));
	}

	private static CharlsonIndex.Counted counted(String snomed, Group group) {
		Diagnosis d = new Diagnosis(UUID.randomUUID(), new PatientId(UUID.randomUUID()), null, CharlsonIndex.SNOMED,
				snomed, null, "active", Instant.parse("2020-01-01T00:00:00Z"), null, null);
		return new CharlsonIndex.Counted(d, group, d.onset());
	}

}
