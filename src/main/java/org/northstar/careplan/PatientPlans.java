package org.northstar.careplan;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.shared.WrittenLanguages;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The care plan for the person themselves, from the bundles
 * {@code careplan/patient-plan*.properties}: every label, and every template's problems,
 * goals and interventions as a plain sentence addressed to the person. English, Spanish
 * and Simplified Chinese are complete; any other language gets English with a notice that
 * says so. What the care team wrote themselves (an item not from a template, what is done
 * about a barrier) is shown as they wrote it, never machine-translated.
 */
@Component
public class PatientPlans {

	/** The languages every sentence is written in. */
	static final String BASENAME = "careplan/patient-plan";

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	PatientPlans() {
		this.messages.setBasename(BASENAME);
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	/**
	 * The message key of a template item's plain sentence: {@code item.} and its English
	 * title in lower case, runs of other characters as one hyphen.
	 */
	public static String key(String title) {
		return "item." + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
	}

	/**
	 * @param preferred the person's preferred language (BCP 47), or null for English
	 * @param coordinator whom the person calls, by name, or null
	 */
	public PatientPlan of(CarePlan plan, CareTeam team, String preferred, String coordinator, LocalDate today) {
		String language = WrittenLanguages.forPreference(preferred);
		Locale locale = language == null ? Locale.ENGLISH
				: language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(language);
		String notice = language == null ? message("notice.fallback", Locale.ENGLISH, preferred) : null;
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
		List<PatientPlan.Section> sections = new ArrayList<>();
		sections.add(section("problems", plan.problems(), locale, item -> null));
		sections.add(section("goals", plan.goals(), locale,
				goal -> goal.dueOn() == null ? null : message("goal.by", locale, dates.format(goal.dueOn()))));
		sections.add(section("interventions", plan.interventions(), locale, item -> null));
		List<PatientPlan.Line> barriers = new ArrayList<>();
		for (PlanItem barrier : plan.barriers()) {
			if (barrier.status() == ItemStatus.CANCELLED) {
				continue;
			}
			barriers.add(new PatientPlan.Line(message("barrier." + barrier.barrierKind().name(), locale),
					barrier.barrierKind() == BarrierKind.OTHER ? barrier.title() : null,
					barrier.action() == null ? null : message("barrier.action", locale, barrier.action()),
					barrier.status() == ItemStatus.COMPLETED));
		}
		sections.add(new PatientPlan.Section("barriers", message("heading.barriers", locale), barriers,
				message("none", locale)));
		List<PatientPlan.Line> members = new ArrayList<>();
		if (team != null) {
			for (CareTeamMember member : team.current(today)) {
				String reach = member.phone() != null ? member.phone() : member.email();
				members.add(new PatientPlan.Line(null, member.name() + " (" + member.role() + ")",
						reach == null ? null : message("team.reach", locale, reach), false));
			}
		}
		sections
			.add(new PatientPlan.Section("team", message("heading.team", locale), members, message("none", locale)));
		return new PatientPlan(language == null ? "en" : language.equals("zh") ? "zh-Hans" : language, notice,
				message("title", locale), message("intro", locale), sections,
				coordinator == null ? message("call.team", locale) : message("call.coordinator", locale, coordinator),
				message("printed", locale, dates.format(today)));
	}

	private PatientPlan.Section section(String id, List<PlanItem> items, Locale locale,
			java.util.function.Function<PlanItem, String> detail) {
		List<PatientPlan.Line> lines = new ArrayList<>();
		for (PlanItem item : items) {
			if (item.status() == ItemStatus.CANCELLED) {
				continue;
			}
			String sentence = item.origin() != null && item.origin().startsWith(PlanTemplate.ORIGIN_PREFIX)
					? sentence(item.title(), locale) : null;
			lines.add(new PatientPlan.Line(sentence, sentence == null ? item.title() : null, detail.apply(item),
					item.status() == ItemStatus.COMPLETED));
		}
		return new PatientPlan.Section(id, message("heading." + id, locale), lines, message("none", locale));
	}

	/** A template item's plain sentence, or null when the bundles have none. */
	private String sentence(String title, Locale locale) {
		try {
			return this.messages.getMessage(key(title), null, locale);
		}
		catch (NoSuchMessageException ex) {
			return null;
		}
	}

	/** A label of the page in the language, for the template. */
	public String label(String key, String preferred) {
		String language = WrittenLanguages.forPreference(preferred);
		return message("label." + key, language == null ? Locale.ENGLISH
				: language.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(language));
	}

	MessageSource messages() {
		return this.messages;
	}

	private String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
