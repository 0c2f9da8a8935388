package org.northstar.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalItems.Flag;
import org.northstar.clinical.ClinicalItems.Quantity;
import org.northstar.clinical.ClinicalItems.Range;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Values, units and codes as a coordinator reads them, from the app's own bundles. */
class WordsTests {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final Words words = new Words(messages());

	@Test
	void showsAValueWithTheDigitsItsSourceSent() {
		assertThat(this.words.quantity(ucum("0.9", "mg/dL"))).isEqualTo("0.9 mg/dL");
		assertThat(this.words.quantity(ucum("1.45", "mg/dL"))).isEqualTo("1.45 mg/dL");
		assertThat(this.words.quantity(ucum("12.0", "g/dL"))).isEqualTo("12.0 g/dL");
		assertThat(this.words.quantity(ucum("0.004", "mg/L"))).isEqualTo("0.004 mg/L");
		assertThat(this.words.quantity(ucum("4.9", "mmol/L"))).isEqualTo("4.9 mmol/L");
		assertThat(this.words.quantity(ucum("62.6", "kg"))).isEqualTo("62.6 kg");
		assertThat(this.words.quantity(ucum("1E+3", "mL"))).as("never in exponent form").isEqualTo("1000 mL");
		assertThat(this.words.quantity(new Quantity(new BigDecimal("0.010"), "<", "ng/mL", UCUM, "ng/mL")))
			.isEqualTo("< 0.010 ng/mL");
	}

	@Test
	void writesUcumUnitsAsPeopleReadThem() {
		assertThat(this.words.quantity(ucum("124", "mm[Hg]"))).isEqualTo("124 mmHg");
		assertThat(this.words.quantity(ucum("37", "mL/min/{1.73_m2}"))).isEqualTo("37 mL/min/1.73 m²");
		assertThat(this.words.quantity(ucum("33.0", "kg/m2"))).isEqualTo("33.0 kg/m²");
		assertThat(this.words.quantity(ucum("7.2", "10*3/uL"))).isEqualTo("7.2 ×10³/µL");
		assertThat(this.words.quantity(ucum("98.6", "[degF]"))).isEqualTo("98.6 °F");
		assertThat(this.words.quantity(ucum("30", "%"))).isEqualTo("30%");
		assertThat(this.words.quantity(ucum("9", "{score}"))).as("an annotation alone is no unit").isEqualTo("9");
		assertThat(this.words.quantity(ucum("1.22", "1"))).as("the unit one is no unit").isEqualTo("1.22");
		assertThat(this.words.quantity(ucum("2", "{cigarettes}/d"))).isEqualTo("2 /d");
	}

	@Test
	void prefersTheSourcesOwnWordsForAUnit() {
		assertThat(this.words.quantity(new Quantity(new BigDecimal("124"), null, "mmHg", UCUM, "mm[Hg]")))
			.isEqualTo("124 mmHg");
		assertThat(this.words.quantity(new Quantity(new BigDecimal("2"), null, "puffs", null, null)))
			.isEqualTo("2 puffs");
		assertThat(this.words.quantity(new Quantity(new BigDecimal("72"), null, "beats per minute", UCUM, "/min")))
			.isEqualTo("72 beats per minute");
	}

	@Test
	void writesAReferenceRangeFromItsWordsOrItsBounds() {
		assertThat(this.words.range(new Range(ucum("0.50", "mg/dL"), ucum("1.0", "mg/dL"), null)))
			.isEqualTo("0.50–1.0 mg/dL");
		assertThat(this.words.range(new Range(ucum("60", "mL/min/{1.73_m2}"), null, null)))
			.isEqualTo("≥ 60 mL/min/1.73 m²");
		assertThat(this.words.range(new Range(null, ucum("5.7", "%"), null))).isEqualTo("≤ 5.7%");
		assertThat(this.words.range(new Range(null, ucum("1800", "pg/mL"), "<1800 pg/mL (age >75)")))
			.isEqualTo("<1800 pg/mL (age >75)");
	}

	@Test
	void namesAbnormalFlagsAndShowsNoneForNormal() {
		assertThat(this.words.flag(new Flag("H", null))).isEqualTo("High");
		assertThat(this.words.flag(new Flag("LL", "Critical low"))).isEqualTo("Critically low");
		assertThat(this.words.flag(new Flag("A", null))).isEqualTo("Abnormal");
		assertThat(this.words.flag(new Flag("N", "Normal"))).isEmpty();
		assertThat(this.words.flag(null)).isEmpty();
		assertThat(this.words.flag(new Flag(null, "Above target"))).isEqualTo("Above target");
		assertThat(this.words.flag(new Flag("XYZ", null))).as("an unknown code is shown, not hidden").isEqualTo("XYZ");
	}

	@Test
	void namesEncounterClassesAndDispositions() {
		assertThat(this.words.encounterClass("IMP")).isEqualTo("Inpatient");
		assertThat(this.words.encounterClass("EMER")).isEqualTo("Emergency");
		assertThat(this.words.encounterClass("AMB")).isEqualTo("Ambulatory");
		assertThat(this.words.encounterClass("HH")).isEqualTo("Home health");
		assertThat(this.words.disposition("01")).isEqualTo("Discharged home");
		assertThat(this.words.disposition("06")).isEqualTo("Discharged home with home health care");
		assertThat(this.words.disposition("62")).isEqualTo("Transferred to an inpatient rehabilitation facility");
		assertThat(this.words.disposition("home")).isEqualTo("Discharged home");
		assertThat(this.words.disposition("99")).isEqualTo("99");
	}

	@Test
	void namesLanguages() {
		assertThat(this.words.language("zh", "Mandarin Chinese")).isEqualTo("Mandarin Chinese");
		assertThat(this.words.language("zh", null)).isEqualTo("Chinese");
		assertThat(this.words.language("cmn")).isEqualTo("Mandarin Chinese");
		assertThat(this.words.language("zh-CN")).isEqualTo("Chinese (China)");
		assertThat(this.words.language("yue")).isEqualTo("Cantonese");
		assertThat(this.words.language("so")).isEqualTo("Somali");
		assertThat(this.words.language("vi")).isEqualTo("Vietnamese");
		assertThat(this.words.language("es")).isEqualTo("Spanish");
		assertThat(this.words.language("spa")).isEqualTo("Spanish");
		assertThat(this.words.language("qqq")).as("an unknown code is shown as sent").isEqualTo("qqq");
	}

	@Test
	void saysCountsWithTheRightPlural() {
		ResourceBundleMessageSource messages = messages();
		assertThat(messages.getMessage("caseload.count", new Object[] { 1 }, null)).isEqualTo("1 patient");
		assertThat(messages.getMessage("caseload.count", new Object[] { 2 }, null)).isEqualTo("2 patients");
		assertThat(messages.getMessage("caseload.count", new Object[] { 0 }, null)).isEqualTo("No patients");
		assertThat(messages.getMessage("tcm.daysLeft", new Object[] { 1 }, null)).isEqualTo("1 day left");
		assertThat(messages.getMessage("tcm.daysLeft", new Object[] { 29 }, null)).isEqualTo("29 days left");
		assertThat(messages.getMessage("patient.sources", new Object[] { 1, 2 }, null))
			.isEqualTo("Records from 1 source (2 records linked as one person)");
		assertThat(messages.getMessage("hl7.attempts", new Object[] { 2 }, null)).isEqualTo("2 attempts");
	}

	private static Quantity ucum(String value, String code) {
		return new Quantity(new BigDecimal(value), null, code, UCUM, code);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
