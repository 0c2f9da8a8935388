package org.northstar.scheduling;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.northstar.shared.WrittenLanguages;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The reminder a person reads, from the bundles {@code scheduling/reminders*.properties}:
 * complete in English, Spanish and Simplified Chinese; anyone else reads English, with a
 * notice naming their language. It gives the day and time in the practice's zone, the
 * place (or how a video or phone visit happens) and what to bring; it does not name the
 * person, since a phone is often shared.
 */
final class ReminderTexts {

	static final String BASENAME = "scheduling/reminders";

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	ReminderTexts() {
		this.messages.setBasename(BASENAME);
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	/** A reminder's text, and the language it is written in. */
	record Text(String language, String text) {
	}

	/**
	 * @param preferred the person's preferred language (BCP 47), or null for English
	 * @param start the visit's start, in the practice's zone
	 * @param place where an in-person visit is ("Millbrook Heart Center, 200 Main
	 * Street"); null when not known
	 */
	Text of(String preferred, String type, ZonedDateTime start, VisitMode mode, String place) {
		String language = WrittenLanguages.forPreference(preferred);
		Locale locale = locale(language);
		String day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(start);
		String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start);
		StringBuilder text = new StringBuilder();
		if (language == null) {
			text.append(message("notice.fallback", locale, Languages.name(preferred))).append(' ');
		}
		String visit = visitType(type, locale);
		if (mode == VisitMode.IN_PERSON && place != null) {
			text.append(message("visit.IN_PERSON", locale, visit, day, time, place));
		}
		else {
			text.append(message("visit." + (mode == VisitMode.IN_PERSON ? "IN_PERSON_NO_PLACE" : mode.name()), locale,
					visit, day, time));
		}
		text.append(' ')
			.append(message(mode == VisitMode.IN_PERSON ? "bring.IN_PERSON" : "bring.REMOTE", locale))
			.append(' ')
			.append(message("change", locale));
		return new Text(language == null ? "en" : language, text.toString());
	}

	/**
	 * The visit type as the bundle names it, or as written when it has no name for it.
	 */
	private String visitType(String type, Locale locale) {
		String key = "type." + type.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		try {
			return this.messages.getMessage(key, null, locale);
		}
		catch (NoSuchMessageException ex) {
			return type.strip();
		}
	}

	private static Locale locale(String language) {
		if (language == null || language.equals("en")) {
			return Locale.US;
		}
		return language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(language);
	}

	private String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
