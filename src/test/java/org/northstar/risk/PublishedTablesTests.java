package org.northstar.risk;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two papers publish, as golden cases: each patient a FHIR bundle taken in
 * through the real import and scored by the reaction to it.
 *
 * <p>
 * Neither paper gives a worked patient example. What they publish, and what is encoded
 * here, is:
 * <ul>
 * <li>van Walraven C et al., CMAJ 2010;182(6):551-557: the LACE point table (length of
 * stay, acuity, Charlson index, emergency department visits in the previous six months)
 * and its range, 0 to 19 (Abstract, Results). The paper defines no bands.</li>
 * <li>Donzé J et al., JAMA Intern Med 2013;173(8):632-638: the HOSPITAL point table
 * (haemoglobin below 12 g/dL and sodium below 135 mmol/L at discharge, oncology service,
 * procedure, urgent or emergent admission, admissions in the previous 12 months 0-1, 2-5,
 * more than 5, length of stay of 5 days or more), its range 0 to 13, and its three risk
 * categories by total score: low 0-4, intermediate 5-6, high 7 or more.</li>
 * </ul>
 * Every boundary of every component is tested one at a time in {@link RiskScoresTests};
 * here each table is checked whole: both ends of each range, each with every input sent
 * (a complete score), and HOSPITAL's category for every total from 0 to 8 and 13. Times
 * are at 15:00 UTC, 10:00 in the practice's zone, so calendar days agree.
 */
class PublishedTablesTests extends NorthstarTest {

	static final String SOURCE = "risk-published";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	RiskScores risks;

	@Test
	void laceIsZeroForASameDayElectiveStayWithNothingBeforeIt() {
		StayBundle p = StayBundle.aPatient(SOURCE, "lace-least")
			.stay("stay", "2012-05-02T15:00:00Z", "2012-05-02T20:00:00Z", "EL", null);

		RiskAssessment lace = scores(p, Instrument.LACE).get(p.id("Encounter", "stay"));

		assertThat(lace.components()).containsExactlyInAnyOrderEntriesOf(Map.of("L", 0, "A", 0, "C", 0, "E", 0));
		assertThat(lace.score()).isZero();
		assertThat(lace.band()).isEqualTo(RiskBand.LOW);
		assertThat(lace.complete()).isTrue();
	}

	@Test
	void laceReachesNineteenWithEveryComponentAtTheTopOfVanWalravensTable() {
		StayBundle p = StayBundle.aPatient(SOURCE, "lace-most")
			// Charlson index 4 (heart failure 1, chronic pulmonary disease 1, renal
			// disease
			// 2): C 5, the table's top row (4 or more).
			.condition("chf", StayBundle.ICD10, "I50.9", "2011-01-10T15:00:00Z")
			.condition("copd", StayBundle.ICD10, "J44.9", "2011-01-10T15:00:00Z")
			.condition("ckd", StayBundle.ICD10, "N18.4", "2011-01-10T15:00:00Z");
		// Five emergency visits in the six months before: E 4, the table's top row.
		for (int i = 1; i <= 5; i++) {
			String day = String.format("2011-%02d-10", i + 7);
			p.edVisit("ed-" + i, day + "T15:00:00Z", day + "T19:00:00Z");
		}
		// Emergent (A 3), 14 days (L 7, the table's top row).
		p.stay("stay", "2012-01-10T15:00:00Z", "2012-01-24T15:00:00Z", "EM", "emd");

		RiskAssessment lace = scores(p, Instrument.LACE).get(p.id("Encounter", "stay"));

		assertThat(lace.components()).containsExactlyInAnyOrderEntriesOf(Map.of("L", 7, "A", 3, "C", 5, "E", 4));
		assertThat(lace.score()).isEqualTo(19);
		assertThat(lace.band()).isEqualTo(RiskBand.HIGH);
		assertThat(lace.complete()).isTrue();
	}

	@Test
	void hospitalIsZeroWithEveryInputSentAndEachJustOutsideItsPoints() {
		StayBundle p = StayBundle.aPatient(SOURCE, "hospital-least")
			// One admission in the 12 months before: "0-1" scores 0.
			.stay("earlier", "2012-01-10T15:00:00Z", "2012-01-11T15:00:00Z", "EL", null);
		// Four days (under 5), elective, general medicine, haemoglobin 12.0 (not below
		// 12), sodium 135 (not below 135), no procedure.
		generalMedicineStay(p, "stay", "2012-06-10", 4, "EL", "12.0", "135");

		RiskAssessment hospital = scores(p, Instrument.HOSPITAL).get(p.id("Encounter", "stay"));

		assertThat(hospital.components())
			.containsExactlyInAnyOrderEntriesOf(Map.of("H", 0, "O", 0, "S", 0, "P", 0, "IT", 0, "A", 0, "L", 0));
		assertThat(hospital.score()).isZero();
		assertThat(hospital.band()).isEqualTo(RiskBand.LOW);
		assertThat(hospital.complete()).isTrue();
	}

	@Test
	void hospitalReachesThirteenWithEveryComponentAtTheTopOfDonzesTable() {
		StayBundle p = StayBundle.aPatient(SOURCE, "hospital-most");
		// Six admissions in the 12 months before: "more than 5" scores 5.
		for (int month = 1; month <= 6; month++) {
			p.stay("earlier-" + month, "2012-0" + month + "-10T15:00:00Z", "2012-0" + month + "-11T15:00:00Z", "EL",
					null);
		}
		// Emergent (IT 1), 5 days (L 2), oncology (O 2), haemoglobin 11.9 (H 1), sodium
		// 134.9 (S 1), a procedure during the stay (P 1).
		p.stay("stay", "2012-08-10T15:00:00Z", "2012-08-15T15:00:00Z", "EM", null)
			.service("stay", "394593009", "Medical oncology")
			.result("hb", "718-7", "11.9", "g/dL", "2012-08-15T08:00:00Z", "stay")
			.result("na", "2951-2", "134.9", "mmol/L", "2012-08-15T08:00:00Z", "stay")
			.procedure("proc", "387713003", "2012-08-11T15:00:00Z", "stay");

		RiskAssessment hospital = scores(p, Instrument.HOSPITAL).get(p.id("Encounter", "stay"));

		assertThat(hospital.components())
			.containsExactlyInAnyOrderEntriesOf(Map.of("H", 1, "O", 2, "S", 1, "P", 1, "IT", 1, "A", 5, "L", 2));
		assertThat(hospital.score()).isEqualTo(13);
		assertThat(hospital.band()).isEqualTo(RiskBand.HIGH);
		assertThat(hospital.complete()).isTrue();
	}

	@Test
	void hospitalRiskCategoryForEveryTotalAsDonzePublishedIt() {
		// Stays two years apart, so that none counts as an earlier admission of another.
		StayBundle p = StayBundle.aPatient(SOURCE, "hospital-categories");
		// total: IT + L + H + S + P + O
		generalMedicineStay(p, "s0", "2001-03-01", 1, "EL", "13.0", "140");
		generalMedicineStay(p, "s1", "2003-03-01", 1, "EM", "13.0", "140");
		generalMedicineStay(p, "s2", "2005-03-01", 5, "EL", "13.0", "140");
		generalMedicineStay(p, "s3", "2007-03-01", 5, "EM", "13.0", "140");
		generalMedicineStay(p, "s4", "2009-03-01", 5, "EM", "11.0", "140");
		generalMedicineStay(p, "s5", "2011-03-01", 5, "EM", "11.0", "130");
		generalMedicineStay(p, "s6", "2013-03-01", 5, "EM", "11.0", "130").procedure("proc-6", "387713003",
				"2013-03-02T15:00:00Z", "s6");
		generalMedicineStay(p, "s7", "2015-03-01", 5, "EM", "11.0", "130").service("s7", "394593009",
				"Medical oncology");
		generalMedicineStay(p, "s8", "2017-03-01", 5, "EM", "11.0", "130")
			.service("s8", "394593009", "Medical oncology")
			.procedure("proc-8", "387713003", "2017-03-02T15:00:00Z", "s8");

		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		RiskBand[] published = { RiskBand.LOW, RiskBand.LOW, RiskBand.LOW, RiskBand.LOW, RiskBand.LOW,
				RiskBand.INTERMEDIATE, RiskBand.INTERMEDIATE, RiskBand.HIGH, RiskBand.HIGH };
		for (int total = 0; total < published.length; total++) {
			RiskAssessment a = hospital.get(p.id("Encounter", "s" + total));
			assertThat(a.score()).as("the total of stay s%d", total).isEqualTo(total);
			assertThat(a.band()).as("the category of a HOSPITAL score of %d", total).isEqualTo(published[total]);
			assertThat(a.complete()).as("every input of stay s%d sent", total).isTrue();
		}
	}

	/**
	 * A stay on general medicine (not oncology) with a haemoglobin and a sodium on its
	 * last day, so that no input is missing.
	 */
	private static StayBundle generalMedicineStay(StayBundle p, String id, String admitted, int days, String priority,
			String haemoglobin, String sodium) {
		java.time.LocalDate start = java.time.LocalDate.parse(admitted);
		String end = start.plusDays(days) + "T15:00:00Z";
		String lastMorning = start.plusDays(days) + "T08:00:00Z";
		return p.stay(id, start + "T15:00:00Z", end, priority, null)
			.service(id, null, "General medicine")
			.result("hb-" + id, "718-7", haemoglobin, "g/dL", lastMorning, id)
			.result("na-" + id, "2951-2", sodium, "mmol/L", lastMorning, id);
	}

	/**
	 * Imports the bundle, waits for the reaction, and returns the current scores by stay.
	 */
	private Map<UUID, RiskAssessment> scores(StayBundle p, Instrument instrument) {
		this.fhirImport.importBundle(p.json(), SOURCE, "test");
		awaitReactions();
		Map<UUID, RiskAssessment> byStay = new HashMap<>();
		for (RiskAssessment a : this.risks.currentOfPerson(p.patient())) {
			if (a.instrument() == instrument) {
				byStay.put(a.encounter(), a);
			}
		}
		return byStay;
	}

}
