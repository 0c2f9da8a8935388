package org.northstar.medication;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.northstar.medication.PatientExplanation.Section;

import org.northstar.shared.WrittenLanguages;

import static org.assertj.core.api.Assertions.assertThat;

/** Mrs. Chen's furosemide change explained in each language, and in one we lack. */
class ExplanationsTests {

	private static final MedicationChange FUROSEMIDE = new MedicationChange("bda7f320", "furosemide",
			"furosemide 40 MG Oral Tablet", DrugClass.LOOP_DIURETIC, MedicationChange.Kind.DOSE_CHANGED,
			LocalDate.of(2026, 11, 18), "20 mg", "40 mg", "Dr. Aisha Rahman, MD",
			"Weight gain 2 kg in one week with ankle edema", "clinic");

	private final Explanations explanations = new Explanations();

	private String text(PatientExplanation e) {
		StringBuilder all = new StringBuilder(e.title()).append('\n');
		for (Section s : e.sections()) {
			all.append(s.heading()).append('\n');
			s.paragraphs().forEach(p -> all.append(p).append('\n'));
			if (s.asWritten() != null) {
				all.append(s.asWritten()).append('\n');
			}
		}
		return all.toString();
	}

	@Test
	void explainsADoseChangeInSimplifiedChineseWithTheCardiologistsReasonAsWritten() {
		PatientExplanation e = this.explanations.explain(FUROSEMIDE, "zh", "Ana Reyes", LocalDate.of(2026, 11, 30));

		assertThat(e.language()).isEqualTo("zh-Hans");
		assertThat(e.fallbackNotice()).isNull();
		assertThat(text(e)).contains("您的 furosemide 剂量已从 20 mg 改为 40 mg。")
			.contains("利尿药")
			.contains("Weight gain 2 kg in one week with ankle edema")
			.contains("2026年11月18日")
			.contains("Dr. Aisha Rahman, MD")
			.contains("Ana Reyes");
	}

	@Test
	void explainsInSpanishAndEnglish() {
		assertThat(text(this.explanations.explain(FUROSEMIDE, "es-MX", "Ana", LocalDate.of(2026, 11, 30))))
			.contains("Su dosis de furosemide cambió de 20 mg a 40 mg.")
			.contains("pastilla para el agua");
		assertThat(text(this.explanations.explain(FUROSEMIDE, null, "Ana", LocalDate.of(2026, 11, 30))))
			.contains("Your dose of furosemide has changed from 20 mg to 40 mg.")
			.contains("water tablet");
	}

	@Test
	void fallsBackToEnglishWithAVisibleNoticeForOtherLanguages() {
		PatientExplanation e = this.explanations.explain(FUROSEMIDE, "vi", "Ana", LocalDate.of(2026, 11, 30));

		assertThat(e.language()).isEqualTo("en");
		assertThat(e.fallbackNotice()).contains("not yet available in your language (vi)");
		assertThat(text(e)).contains("Your dose of furosemide");
		assertThat(WrittenLanguages.forPreference("zh-Hant-TW")).isNull();
		assertThat(WrittenLanguages.forPreference("cmn")).isEqualTo("zh");
	}

	@Test
	void everySentenceOfEveryChangeAndClassIsWrittenInEachLanguage() {
		for (String language : new String[] { "en", "es", "zh" }) {
			for (DrugClass drugClass : DrugClass.values()) {
				for (MedicationChange.Kind kind : MedicationChange.Kind.values()) {
					MedicationChange change = new MedicationChange("x", "m", "m", drugClass, kind,
							LocalDate.of(2026, 1, 1), "a", "b", null, null, "coordinator");
					PatientExplanation e = this.explanations.explain(change, language, "Ana", LocalDate.of(2026, 1, 2));
					assertThat(text(e)).as(language + " " + drugClass + " " + kind).doesNotContain("{");
				}
			}
		}
	}

	@Test
	void spanishAndChineseSayEverythingEnglishSaysButTheFallbackNotice() throws Exception {
		java.util.Properties english = bundle("");
		for (String language : new String[] { "_es", "_zh" }) {
			java.util.Properties translated = bundle(language);
			assertThat(translated.stringPropertyNames()).as(language)
				.containsAll(english.stringPropertyNames().stream().filter(k -> !k.equals("fallback.notice")).toList());
		}
	}

	private static java.util.Properties bundle(String suffix) throws Exception {
		java.util.Properties properties = new java.util.Properties();
		try (var in = ExplanationsTests.class
			.getResourceAsStream("/medication/explanations" + suffix + ".properties")) {
			properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return properties;
	}

}
