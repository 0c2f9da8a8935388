package org.northstar.medication;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.medication.PatientExplanation.Section;

import org.northstar.shared.WrittenLanguages;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Explains a change in a patient's medicines in their language, from the bundles
 * {@code medication/explanations*.properties}: per change a sentence, per class of
 * medicine what it is for. English, Spanish and Simplified Chinese are complete; any
 * other language gets the English explanation with a notice that says so. The
 * prescriber's reason is shown as they wrote it, never machine-translated.
 */
@Component
public class Explanations {

	/** The languages every sentence is written in. */
	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	Explanations() {
		this.messages.setBasename("medication/explanations");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	/**
	 * @param preferred the patient's preferred language (BCP 47), or null for English
	 * @param coordinator whom the patient calls: their coordinator's name
	 */
	public PatientExplanation explain(MedicationChange change, String preferred, String coordinator,
			LocalDate printedOn) {
		String language = WrittenLanguages.forPreference(preferred);
		String notice = language == null ? message("fallback.notice", Locale.ENGLISH, preferred) : null;
		Locale locale = language == null ? Locale.ENGLISH
				: language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(language);
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
		String name = change.kind() == MedicationChange.Kind.DOSE_CHANGED ? change.medicine() : change.name();
		String from = change.from();
		String to = change.to();
		List<Section> sections = new ArrayList<>();
		String drugClass = change.drugClass() == null ? "default" : change.drugClass().code();
		sections.add(new Section(message("heading.purpose", locale), List.of(message("purpose." + drugClass, locale)),
				null));
		List<String> changed = new ArrayList<>();
		changed.add(message("changed." + change.kind().name(), locale, name, from, to));
		changed.add(change.prescriber() != null
				? message("changed.when", locale, dates.format(change.date()), change.prescriber())
				: message("changed.whenNoOne", locale, dates.format(change.date())));
		sections.add(new Section(message("heading.changed", locale), changed, null));
		if (change.reason() != null) {
			sections.add(new Section(message("heading.why", locale), List.of(message("why.asWritten", locale)),
					change.reason()));
		}
		else {
			sections.add(new Section(message("heading.why", locale), List.of(message("why.none", locale)), null));
		}
		sections.add(new Section(message("heading.old", locale),
				List.of(message("old." + change.kind().name(), locale, name, from, to)), null));
		sections.add(new Section(message("heading.call", locale),
				List.of(change.prescriber() != null && !"coordinator".equals(change.source())
						? message("call.both", locale, change.prescriber(), coordinator)
						: message("call.coordinator", locale, coordinator)),
				null));
		return new PatientExplanation(language == null ? "en" : language.equals("zh") ? "zh-Hans" : language, notice,
				message("title", locale, name), sections, message("printed", locale, dates.format(printedOn)));
	}

	private String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
