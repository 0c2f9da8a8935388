package org.northstar.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases of LACE and HOSPITAL at every boundary of every component, each patient a
 * FHIR bundle taken in through the real import and scored by the reaction to it. Stays of
 * one patient lie years apart unless a test is about what came before, so that each stay
 * tests one thing. Times are at 15:00 UTC, 10:00 in the practice's zone (New York), so
 * that calendar days are the same in both.
 */
class RiskScoresTests extends NorthstarTest {

	static final String SOURCE = "risk-golden";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	RiskScores risks;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void laceAndHospitalCountLengthOfStayAtEveryBoundary() {
		StayBundle p = StayBundle.aPatient(SOURCE, "los");
		int[] days = { 0, 1, 2, 3, 4, 5, 6, 7, 13, 14 };
		for (int i = 0; i < days.length; i++) {
			int year = 2000 + 2 * i;
			String start = year + "-03-01T15:00:00Z";
			String end = java.time.LocalDate.of(year, 3, 1).plusDays(days[i]) + "T15:00:00Z";
			p.stay("los-" + days[i], start, end, "EL", null);
		}
		Map<UUID, RiskAssessment> lace = scores(p, Instrument.LACE);
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		int[] laceL = { 0, 1, 2, 3, 4, 4, 4, 5, 5, 7 };
		int[] hospitalL = { 0, 0, 0, 0, 0, 2, 2, 2, 2, 2 };
		for (int i = 0; i < days.length; i++) {
			UUID stay = p.id("Encounter", "los-" + days[i]);
			assertThat(lace.get(stay).components().get("L")).as("LACE L for %d days", days[i]).isEqualTo(laceL[i]);
			assertThat(hospital.get(stay).components().get("L")).as("HOSPITAL L for %d days", days[i])
				.isEqualTo(hospitalL[i]);
		}
		RiskAssessment fourteen = lace.get(p.id("Encounter", "los-14"));
		assertThat(fourteen.facts()).anySatisfy(f -> {
			assertThat(f.component()).isEqualTo("L");
			assertThat(f.text()).isEqualTo("Admitted 1 Mar 2018, discharged 15 Mar 2018: 14 days");
			assertThat(f.reference()).isEqualTo("Encounter/" + p.id("Encounter", "los-14"));
		});
	}

	@Test
	void anEmergentAdmissionIsTheEmergencyPriorityOrAnAdmissionFromTheEmergencyDepartment() {
		StayBundle p = StayBundle.aPatient(SOURCE, "acuity")
			.stay("em", "2001-03-01T15:00:00Z", "2001-03-03T15:00:00Z", "EM", null)
			.stay("emd", "2003-03-01T15:00:00Z", "2003-03-03T15:00:00Z", null, "emd")
			.stay("ur", "2005-03-01T15:00:00Z", "2005-03-03T15:00:00Z", "UR", null)
			.stay("el", "2007-03-01T15:00:00Z", "2007-03-03T15:00:00Z", "EL", "gp")
			.stay("unknown", "2009-03-01T15:00:00Z", "2009-03-03T15:00:00Z", null, null);
		Map<UUID, RiskAssessment> lace = scores(p, Instrument.LACE);
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		assertThat(component(lace, p, "em", "A")).isEqualTo(3);
		assertThat(component(lace, p, "emd", "A")).isEqualTo(3);
		assertThat(component(lace, p, "ur", "A")).isZero();
		assertThat(component(lace, p, "el", "A")).isZero();
		assertThat(component(hospital, p, "em", "IT")).isEqualTo(1);
		assertThat(component(hospital, p, "emd", "IT")).isEqualTo(1);
		assertThat(component(hospital, p, "ur", "IT")).isEqualTo(1);
		assertThat(component(hospital, p, "el", "IT")).isZero();
		assertThat(lace.get(p.id("Encounter", "el")).missing()).noneMatch(m -> m.startsWith("A:"));

		// Nothing sent about how the patient came in: not guessed, said.
		RiskAssessment unknown = lace.get(p.id("Encounter", "unknown"));
		assertThat(unknown.components().get("A")).isZero();
		assertThat(unknown.complete()).isFalse();
		assertThat(unknown.missing()).contains("A: the admission's priority and admit source were not sent");
		assertThat(hospital.get(p.id("Encounter", "unknown")).missing())
			.contains("IT: the admission's priority and admit source were not sent");
	}

	@Test
	void charlsonIndexPointsAtEveryBoundaryFromConditionsRecordedBeforeDischarge() {
		// One more Charlson condition before each stay: index 0, 1, 2, 3, 4, 5.
		StayBundle p = StayBundle.aPatient(SOURCE, "charlson")
			.stay("c0", "2001-03-01T15:00:00Z", "2001-03-03T15:00:00Z", "EL", null)
			.condition("mi", StayBundle.SNOMED, "22298006", "2002-01-01T15:00:00Z")
			.stay("c1", "2003-03-01T15:00:00Z", "2003-03-03T15:00:00Z", "EL", null)
			.condition("chf", StayBundle.ICD10, "I50.9", "2004-01-01T15:00:00Z")
			.stay("c2", "2005-03-01T15:00:00Z", "2005-03-03T15:00:00Z", "EL", null)
			.condition("copd", StayBundle.SNOMED, "185086009", "2006-01-01T15:00:00Z")
			.stay("c3", "2007-03-01T15:00:00Z", "2007-03-03T15:00:00Z", "EL", null)
			.condition("pvd", StayBundle.ICD10, "I73.9", "2008-01-01T15:00:00Z")
			.stay("c4", "2009-03-01T15:00:00Z", "2009-03-03T15:00:00Z", "EL", null)
			.condition("dementia", StayBundle.SNOMED, "26929004", "2010-01-01T15:00:00Z")
			// Recorded during the stay, before discharge: counts.
			.stay("c5", "2011-03-01T15:00:00Z", "2011-03-05T15:00:00Z", "EL", null)
			.condition("stroke", StayBundle.SNOMED, "230690007", "2011-03-04T15:00:00Z")
			// After the last discharge: counts for no stay.
			.condition("later", StayBundle.SNOMED, "46177005", "2012-01-01T15:00:00Z")
			// Not a Charlson condition.
			.condition("hypertension", StayBundle.SNOMED, "59621000", "2000-01-01T15:00:00Z");
		Map<UUID, RiskAssessment> lace = scores(p, Instrument.LACE);

		int[] points = { 0, 1, 2, 3, 5, 5 };
		for (int i = 0; i <= 5; i++) {
			assertThat(component(lace, p, "c" + i, "C")).as("C with Charlson index %d", i).isEqualTo(points[i]);
		}
		RiskAssessment c5 = lace.get(p.id("Encounter", "c5"));
		assertThat(c5.facts()).filteredOn(f -> "C".equals(f.component()) && f.group() != null)
			.extracting(RiskFact::group)
			.containsExactlyInAnyOrder("MI", "CHF", "COPD", "PVD", "DEMENTIA", "CEVD");
		assertThat(c5.facts()).anySatisfy(f -> {
			assertThat(f.reference()).isEqualTo("Condition/" + p.id("Condition", "chf"));
			assertThat(f.code()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm|I50.9");
			assertThat(f.weight()).isEqualTo(1);
			assertThat(f.text()).isEqualTo("I50.9: Congestive heart failure, weight 1");
		});
		assertThat(c5.facts()).anySatisfy(f -> assertThat(f.text()).startsWith("Charlson comorbidity index 6 "));
	}

	@Test
	void charlsonHierarchiesKeepOnlyTheGraverOfEachPair() {
		StayBundle p = StayBundle.aPatient(SOURCE, "hierarchy")
			.condition("dm", StayBundle.SNOMED, "44054006", "2001-01-01T15:00:00Z")
			.condition("dm-kidney", StayBundle.SNOMED, "127013003", "2002-01-01T15:00:00Z")
			.condition("hep-c", StayBundle.SNOMED, "128302006", "2001-01-01T15:00:00Z")
			.condition("varices", StayBundle.ICD10, "I85.00", "2002-01-01T15:00:00Z")
			.condition("colon", StayBundle.SNOMED, "363406005", "2001-01-01T15:00:00Z")
			.condition("metastases", StayBundle.SNOMED, "94260004", "2002-01-01T15:00:00Z")
			.stay("stay", "2003-03-01T15:00:00Z", "2003-03-03T15:00:00Z", "EL", null);
		RiskAssessment lace = scores(p, Instrument.LACE).get(p.id("Encounter", "stay"));

		// 2 (complicated diabetes) + 3 (severe liver) + 6 (metastatic), not + 1 + 1 + 2.
		assertThat(lace.facts()).anySatisfy(f -> assertThat(f.text()).startsWith("Charlson comorbidity index 11 "));
		assertThat(lace.components().get("C")).isEqualTo(5);
		Map<String, Integer> weights = new HashMap<>();
		lace.facts().stream().filter(f -> f.group() != null).forEach(f -> weights.put(f.group(), f.weight()));
		assertThat(weights).containsExactlyInAnyOrderEntriesOf(Map.of("DIABETES", 0, "DIABETES_COMPLICATED", 2,
				"MILD_LIVER", 0, "SEVERE_LIVER", 3, "CANCER", 0, "METASTATIC", 6));
	}

	@Test
	void edVisitsCountInTheSixMonthsBeforeAdmissionButNotTheStaysOwnAndAtMostFour() {
		StayBundle p = StayBundle.aPatient(SOURCE, "ed")
			// Six months and a day before: out.
			.edVisit("ed-old", "2010-08-31T15:00:00Z", "2010-08-31T19:00:00Z")
			// Six months before to the day (New York): in.
			.edVisit("ed-1", "2010-09-01T15:00:00Z", "2010-09-01T19:00:00Z")
			.edVisit("ed-2", "2010-12-01T15:00:00Z", "2010-12-01T19:00:00Z")
			.edVisit("ed-3", "2011-02-01T15:00:00Z", "2011-02-01T19:00:00Z")
			// The visit that led to the stay: ended an hour before admission.
			.edVisit("ed-own", "2011-03-01T09:00:00Z", "2011-03-01T14:00:00Z")
			.stay("three", "2011-03-01T15:00:00Z", "2011-03-04T15:00:00Z", "EM", "emd")
			.edVisit("ed-a", "2013-01-01T15:00:00Z", "2013-01-01T19:00:00Z")
			.edVisit("ed-b", "2013-01-02T15:00:00Z", "2013-01-02T19:00:00Z")
			.edVisit("ed-c", "2013-01-03T15:00:00Z", "2013-01-03T19:00:00Z")
			.edVisit("ed-d", "2013-01-04T15:00:00Z", "2013-01-04T19:00:00Z")
			.edVisit("ed-e", "2013-01-05T15:00:00Z", "2013-01-05T19:00:00Z")
			.stay("five", "2013-03-01T15:00:00Z", "2013-03-04T15:00:00Z", "EL", null);
		Map<UUID, RiskAssessment> lace = scores(p, Instrument.LACE);

		RiskAssessment three = lace.get(p.id("Encounter", "three"));
		assertThat(three.components().get("E")).isEqualTo(3);
		assertThat(three.facts()).filteredOn(f -> "E".equals(f.component()) && f.reference() != null)
			.extracting(RiskFact::reference)
			.containsExactly("Encounter/" + p.id("Encounter", "ed-1"), "Encounter/" + p.id("Encounter", "ed-2"),
					"Encounter/" + p.id("Encounter", "ed-3"), "Encounter/" + p.id("Encounter", "ed-own"));
		assertThat(three.facts()).anySatisfy(f -> assertThat(f.text())
			.endsWith("the stay's own (it ended within 24" + " hours before admission), not counted"));
		// L 3 (3 days) + A 3 + C 0 + E 3.
		assertThat(three.score()).isEqualTo(9);
		assertThat(three.band()).isEqualTo(RiskBand.MODERATE);
		assertThat(three.complete()).isTrue();

		assertThat(component(lace, p, "five", "E")).isEqualTo(4);
	}

	@Test
	void laceBandsAtTheirBoundaries() {
		StayBundle p = StayBundle.aPatient(SOURCE, "lace-bands")
			// L 4 (4 days), A 0 = 4: low.
			.stay("four", "2001-03-01T15:00:00Z", "2001-03-05T15:00:00Z", "EL", null)
			// L 2, A 3 = 5: moderate.
			.stay("five", "2003-03-01T15:00:00Z", "2003-03-03T15:00:00Z", "EM", null)
			// L 5 (7 days), A 3, C 1 (MI) = 9: moderate.
			.condition("mi", StayBundle.ICD10, "I21.4", "2004-01-01T15:00:00Z")
			.stay("nine", "2005-03-01T15:00:00Z", "2005-03-08T15:00:00Z", "EM", null)
			// L 5, A 3, C 2 (MI, CHF) = 10: high.
			.condition("chf", StayBundle.ICD10, "I50.1", "2006-01-01T15:00:00Z")
			.stay("ten", "2007-03-01T15:00:00Z", "2007-03-08T15:00:00Z", "EM", null);
		Map<UUID, RiskAssessment> lace = scores(p, Instrument.LACE);

		assertThat(List.of("four", "five", "nine", "ten")).map(s -> lace.get(p.id("Encounter", s)))
			.extracting(RiskAssessment::score, RiskAssessment::band)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(4, RiskBand.LOW),
					org.assertj.core.groups.Tuple.tuple(5, RiskBand.MODERATE),
					org.assertj.core.groups.Tuple.tuple(9, RiskBand.MODERATE),
					org.assertj.core.groups.Tuple.tuple(10, RiskBand.HIGH));
	}

	@Test
	void haemoglobinAndSodiumAreTheLastResultsOfTheStay() {
		StayBundle p = StayBundle.aPatient(SOURCE, "labs")
			.stay("low", "2001-03-01T15:00:00Z", "2001-03-04T15:00:00Z", "EL", null)
			.result("hb-low-early", "718-7", "13.5", "g/dL", "2001-03-01T16:00:00Z", "low")
			.result("hb-low", "718-7", "11.9", "g/dL", "2001-03-04T08:00:00Z", "low")
			.result("na-low", "2951-2", "134.9", "mmol/L", "2001-03-04T08:00:00Z", "low")
			.stay("normal", "2003-03-01T15:00:00Z", "2003-03-04T15:00:00Z", "EL", null)
			.result("hb-normal-early", "718-7", "9.0", "g/dL", "2003-03-01T16:00:00Z", "normal")
			.result("hb-normal", "718-7", "12.0", "g/dL", "2003-03-04T08:00:00Z", null)
			.result("na-normal", "2947-0", "135", "mEq/L", "2003-03-04T08:00:00Z", null)
			.stay("grams-per-litre", "2005-03-01T15:00:00Z", "2005-03-04T15:00:00Z", "EL", null)
			.result("hb-g-l", "718-7", "119", "g/L", "2005-03-02T08:00:00Z", "grams-per-litre")
			.stay("none", "2007-03-01T15:00:00Z", "2007-03-04T15:00:00Z", "EL", null)
			// Taken after discharge: not the stay's.
			.result("hb-after", "718-7", "8.0", "g/dL", "2007-03-05T08:00:00Z", null)
			.result("na-odd-unit", "2951-2", "3.1", "mg/mL", "2007-03-03T08:00:00Z", "none");
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		assertThat(component(hospital, p, "low", "H")).isEqualTo(1);
		assertThat(component(hospital, p, "low", "S")).isEqualTo(1);
		assertThat(component(hospital, p, "normal", "H")).isZero();
		assertThat(component(hospital, p, "normal", "S")).isZero();
		assertThat(component(hospital, p, "grams-per-litre", "H")).isEqualTo(1);
		RiskAssessment low = hospital.get(p.id("Encounter", "low"));
		assertThat(low.facts()).anySatisfy(f -> {
			assertThat(f.component()).isEqualTo("H");
			assertThat(f.reference()).isEqualTo("Observation/" + p.id("Observation", "hb-low"));
			assertThat(f.value()).isEqualByComparingTo("11.9");
			assertThat(f.unit()).isEqualTo("g/dL");
			assertThat(f.at()).isEqualTo(java.time.Instant.parse("2001-03-04T08:00:00Z"));
		});

		RiskAssessment none = hospital.get(p.id("Encounter", "none"));
		assertThat(none.components()).containsEntry("H", 0).containsEntry("S", 0);
		assertThat(none.complete()).isFalse();
		assertThat(none.missing()).contains("H: no haemoglobin result in the stay",
				"S: no sodium result in the stay in a unit understood (sent: 3.1 mg/mL)");
	}

	@Test
	void oncologyServiceProcedureAndEarlierAdmissions() {
		StayBundle p = StayBundle.aPatient(SOURCE, "hospital-rest");
		// Seven stays a month apart: the n-th has n - 1 admissions in the 12 months
		// before.
		for (int i = 1; i <= 7; i++) {
			p.stay("s" + i, "2010-0" + i + "-01T15:00:00Z", "2010-0" + i + "-02T15:00:00Z", "EL", null);
		}
		p.service("s1", "394593009", "Medical oncology")
			.service("s2", null, "Haematology-oncology ward")
			.service("s3", null, "General medicine")
			.procedure("in-stay", "387713003", "2010-01-01T20:00:00Z", "s1")
			.procedure("by-time", "387713003", "2010-02-02T10:00:00Z", null)
			.procedure("before", "387713003", "2010-02-28T10:00:00Z", null);
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		assertThat(component(hospital, p, "s1", "O")).isEqualTo(2);
		assertThat(component(hospital, p, "s2", "O")).isEqualTo(2);
		assertThat(component(hospital, p, "s3", "O")).isZero();
		assertThat(hospital.get(p.id("Encounter", "s4")).missing()).contains("O: the stay's service was not sent");

		assertThat(component(hospital, p, "s1", "P")).isEqualTo(1);
		assertThat(component(hospital, p, "s2", "P")).isEqualTo(1);
		assertThat(component(hospital, p, "s3", "P")).isZero();

		int[] admissionPoints = { 0, 0, 2, 2, 2, 2, 5 };
		for (int i = 1; i <= 7; i++) {
			assertThat(component(hospital, p, "s" + i, "A")).as("A with %d earlier admissions", i - 1)
				.isEqualTo(admissionPoints[i - 1]);
		}
	}

	@Test
	void aProcedureLinkedToTheStayCountsWhateverItsDateAndOneDuringItWhateverItsLink() {
		StayBundle p = StayBundle.aPatient(SOURCE, "procedure-links")
			.stay("linked", "2012-01-01T15:00:00Z", "2012-01-03T15:00:00Z", "EL", null)
			.stay("dated", "2013-01-01T15:00:00Z", "2013-01-03T15:00:00Z", "EL", null)
			.stay("neither", "2014-01-01T15:00:00Z", "2014-01-03T15:00:00Z", "EL", null)
			// Recorded by the ward a week after discharge, but the stay's.
			.procedure("late", "387713003", "2012-01-10T10:00:00Z", "linked")
			.procedure("during", "387713003", "2013-01-02T10:00:00Z", null)
			.procedure("after", "387713003", "2014-01-04T10:00:00Z", null);
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		assertThat(component(hospital, p, "linked", "P")).isEqualTo(1);
		assertThat(hospital.get(p.id("Encounter", "linked")).facts()).filteredOn(f -> f.component().equals("P"))
			.extracting(RiskFact::reference)
			.containsExactly("Procedure/" + p.id("Procedure", "late"));
		assertThat(component(hospital, p, "dated", "P")).isEqualTo(1);
		assertThat(component(hospital, p, "neither", "P")).isZero();
	}

	@Test
	void hospitalBandsAtTheirBoundaries() {
		StayBundle p = StayBundle.aPatient(SOURCE, "hospital-bands")
			// IT 1 + L 2 + H 1 = 4: low.
			.stay("four", "2001-03-01T15:00:00Z", "2001-03-06T15:00:00Z", "EM", null)
			.result("hb-4", "718-7", "10", "g/dL", "2001-03-05T15:00:00Z", "four")
			// + S 1 = 5: intermediate.
			.stay("five", "2003-03-01T15:00:00Z", "2003-03-06T15:00:00Z", "EM", null)
			.result("hb-5", "718-7", "10", "g/dL", "2003-03-05T15:00:00Z", "five")
			.result("na-5", "2951-2", "130", "mmol/L", "2003-03-05T15:00:00Z", "five")
			// + P 1 = 6: intermediate.
			.stay("six", "2005-03-01T15:00:00Z", "2005-03-06T15:00:00Z", "EM", null)
			.result("hb-6", "718-7", "10", "g/dL", "2005-03-05T15:00:00Z", "six")
			.result("na-6", "2951-2", "130", "mmol/L", "2005-03-05T15:00:00Z", "six")
			.procedure("proc-6", "387713003", "2005-03-02T15:00:00Z", "six")
			// + O 2 - H 1 = 7: high.
			.stay("seven", "2007-03-01T15:00:00Z", "2007-03-06T15:00:00Z", "EM", null)
			.service("seven", "394593009", "Medical oncology")
			.result("na-7", "2951-2", "130", "mmol/L", "2007-03-05T15:00:00Z", "seven")
			.result("hb-7", "718-7", "12.5", "g/dL", "2007-03-05T15:00:00Z", "seven")
			.procedure("proc-7", "387713003", "2007-03-02T15:00:00Z", "seven");
		Map<UUID, RiskAssessment> hospital = scores(p, Instrument.HOSPITAL);

		assertThat(List.of("four", "five", "six", "seven")).map(s -> hospital.get(p.id("Encounter", s)))
			.extracting(RiskAssessment::score, RiskAssessment::band)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(4, RiskBand.LOW),
					org.assertj.core.groups.Tuple.tuple(5, RiskBand.INTERMEDIATE),
					org.assertj.core.groups.Tuple.tuple(6, RiskBand.INTERMEDIATE),
					org.assertj.core.groups.Tuple.tuple(7, RiskBand.HIGH));
		assertThat(hospital.get(p.id("Encounter", "seven")).complete()).isTrue();
	}

	@Test
	void aChangedRecordSupersedesTheScoreAndAnUnchangedOneWritesNothing() {
		StayBundle p = StayBundle.aPatient(SOURCE, "history")
			.stay("stay", "2020-03-01T15:00:00Z", "2020-03-03T15:00:00Z", "EM", null);
		scores(p, Instrument.LACE);
		assertThat(this.risks.historyOfPerson(p.patient())).hasSize(2);
		RiskAssessment before = this.risks.forPerson(p.patient()).lace();

		// The same bundle again: nothing new.
		this.fhirImport.importBundle(p.json(), SOURCE, "test");
		awaitReactions();
		assertThat(this.risks.recompute(List.of(p.patient()))).isZero();
		assertThat(this.risks.historyOfPerson(p.patient())).hasSize(2);

		// Heart failure arrives: LACE changes, HOSPITAL does not.
		p.condition("chf", StayBundle.SNOMED, "88805009", "2019-01-01T15:00:00Z");
		Map<UUID, RiskAssessment> after = scores(p, Instrument.LACE);
		RiskAssessment now = after.get(p.id("Encounter", "stay"));
		assertThat(now.score()).isEqualTo(before.score() + 1);
		List<RiskAssessment> history = this.risks.historyOfPerson(p.patient());
		assertThat(history).hasSize(3);
		assertThat(this.risks.find(before.id()).orElseThrow().supersededAt()).isNotNull();
		assertThat(this.risks.forPerson(p.patient()).lace().id()).isEqualTo(now.id());
	}

	@Test
	void scoringEveryoneFromScratchGivesBackTheSameScoresAndRewritesNothingCurrent() {
		StayBundle p = StayBundle.aPatient(SOURCE, "from-scratch")
			.condition("copd", StayBundle.SNOMED, "13645005", "2019-01-01T15:00:00Z")
			.stay("stay", "2021-03-01T15:00:00Z", "2021-03-09T15:00:00Z", "UR", null);
		RiskAssessment before = scores(p, Instrument.LACE).get(p.id("Encounter", "stay"));
		this.jdbc.sql("delete from risk_assessment where patient_id = ?").param(p.patient().value()).update();
		assertThat(this.risks.forPerson(p.patient()).none()).isTrue();

		RiskScores.Run run = this.risks.recomputeAll(7, 2, null);

		RiskAssessment after = this.risks.forPerson(p.patient()).lace();
		assertThat(after.score()).isEqualTo(before.score()).isEqualTo(5 + 0 + 1 + 0);
		assertThat(after.facts()).isEqualTo(before.facts());
		assertThat(run.people()).isGreaterThanOrEqualTo(1);
		// Everyone else's scores were current already: only this person's two were
		// written.
		assertThat(run.written()).isEqualTo(2);
	}

	private int component(Map<UUID, RiskAssessment> scores, StayBundle p, String stay, String component) {
		RiskAssessment a = scores.get(p.id("Encounter", stay));
		assertThat(a).as("a score of stay %s", stay).isNotNull();
		return a.components().get(component);
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
