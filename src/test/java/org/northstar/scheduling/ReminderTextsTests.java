package org.northstar.scheduling;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reminder the person reads: their language, the practice's time, the place. */
class ReminderTextsTests {

	static final ZoneId OHIO = ZoneId.of("America/New_York");

	/** 15:00 UTC on a December Monday is 10:00 in Ohio. */
	static final ZonedDateTime VISIT = ZonedDateTime.parse("2026-12-07T15:00:00Z").withZoneSameInstant(OHIO);

	final ReminderTexts texts = new ReminderTexts();

	@Test
	void writesEnglishWithThePracticesTimeThePlaceAndWhatToBring() {
		ReminderTexts.Text text = this.texts.of(null, "cardiology", VISIT, VisitMode.IN_PERSON,
				"Millbrook Heart Center, 200 Main Street");

		assertThat(text.language()).isEqualTo("en");
		assertThat(text.text())
			.startsWith("Reminder from your care team: your cardiology appointment is on"
					+ " Monday, December 7, 2026 at 10:00\u202fAM, at Millbrook Heart Center, 200 Main Street."
						.replace("\u202f", timeSpace()))
			.contains("bring all your medicines")
			.contains("insurance card")
			.doesNotContain("Robert");
	}

	@Test
	void writesSpanishForSomeoneWhoPrefersMexicanSpanish() {
		ReminderTexts.Text text = this.texts.of("es-MX", "cardiology", VISIT, VisitMode.IN_PERSON,
				"Millbrook Heart Center");

		assertThat(text.language()).isEqualTo("es");
		assertThat(text.text())
			.startsWith(
					"Recordatorio de su equipo de atención: su cita de cardiología es el lunes, 7 de diciembre de 2026"
							+ " a las 10:00, en Millbrook Heart Center.")
			.contains("Traiga todos sus medicamentos");
	}

	@Test
	void writesSimplifiedChineseForMandarinAndSaysHowAVideoVisitHappens() {
		ReminderTexts.Text text = this.texts.of("zh-CN", "endocrinology", VISIT, VisitMode.TELEHEALTH, null);

		assertThat(text.language()).isEqualTo("zh");
		assertThat(text.text()).startsWith("您的护理团队提醒您：您的内分泌科视频问诊在2026年12月7日星期一")
			.contains("10:00")
			.contains("链接")
			.doesNotContain("医保卡");
	}

	@Test
	void writesEnglishWithANoticeForALanguageNotYetWritten() {
		ReminderTexts.Text vietnamese = this.texts.of("vi", "podiatry", VISIT, VisitMode.PHONE, null);
		ReminderTexts.Text traditional = this.texts.of("zh-TW", "podiatry", VISIT, VisitMode.PHONE, null);

		assertThat(vietnamese.language()).isEqualTo("en");
		assertThat(vietnamese.text())
			.startsWith("This reminder is not yet available in your language (Vietnamese (vi))")
			.contains("your foot care (podiatry) visit by phone is on Monday, December 7, 2026")
			.contains("The clinic will call you at this number");
		assertThat(traditional.text()).startsWith("This reminder is not yet available in your language (Chinese");
	}

	@Test
	void keepsAVisitTypeTheBundlesDoNotNameAsWritten() {
		assertThat(this.texts.of("es", "Wound clinic", VISIT, VisitMode.IN_PERSON, null).text())
			.startsWith("Recordatorio de su equipo de atención: su cita de Wound clinic es el lunes");
	}

	@Test
	void everyEnglishKeyIsInSpanishAndChinese() throws IOException {
		Properties english = bundle("");
		for (String language : new String[] { "_es", "_zh" }) {
			assertThat(bundle(language).stringPropertyNames()).as(language)
				.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		}
	}

	private static Properties bundle(String suffix) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ReminderTextsTests.class
			.getResourceAsStream("/scheduling/reminders" + suffix + ".properties")) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	/** What the JDK puts between the time and AM: a narrow no-break space since 20. */
	private static String timeSpace() {
		String formatted = java.time.format.DateTimeFormatter.ofLocalizedTime(java.time.format.FormatStyle.SHORT)
			.withLocale(java.util.Locale.US)
			.format(java.time.LocalTime.of(10, 0));
		return formatted.substring(5, formatted.length() - 2);
	}

}
