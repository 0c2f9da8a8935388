package org.northstar.web;

import java.util.Locale;
import java.util.StringJoiner;

import org.northstar.clinical.ClinicalItems.Flag;
import org.northstar.clinical.ClinicalItems.Quantity;
import org.northstar.clinical.ClinicalItems.Range;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Codes as people read them, {@code ${@words.quantity(q)}} in a template: units
 * ({@code mmHg}, not {@code mm[Hg]}), abnormal flags, encounter classes, discharge
 * dispositions and languages. The words are in the {@code messages} bundles, so they can
 * be translated; a code with no words there is shown as it came, never hidden.
 */
@Component("words")
class Words {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final MessageSource messages;

	Words(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * A value with every digit its source sent and its unit: "1.45 mg/dL", "12.0 g/dL",
	 * "< 0.01 mg/L", "30%".
	 */
	public String quantity(Quantity quantity) {
		if (quantity == null) {
			return "";
		}
		String value = quantity.digits() == null ? "" : quantity.digits();
		if (quantity.comparator() != null) {
			value = quantity.comparator() + " " + value;
		}
		String unit = unit(quantity);
		if (unit.isEmpty()) {
			return value;
		}
		return value.isEmpty() ? unit : unit.startsWith("%") ? value + unit : value + " " + unit;
	}

	/**
	 * The unit as a person reads it. The source's own words for it come first, when they
	 * are not simply its code: that is what the source meant people to read. A UCUM code
	 * is put in words ({@code mm[Hg]} is mmHg, {@code mL/min/{1.73_m2}} is mL/min/1.73
	 * m²); an annotation alone ({@code {score}}) or the unit 1 is no unit.
	 */
	public String unit(Quantity quantity) {
		String unit = quantity.unit();
		String code = quantity.code();
		if (unit != null && !unit.isBlank() && !unit.equals(code) && !looksLikeUcum(unit)) {
			return unit;
		}
		String ucum = code != null && (quantity.system() == null || UCUM.equals(quantity.system())) ? code : unit;
		if (ucum == null || ucum.isBlank()) {
			return unit == null ? "" : unit;
		}
		return ucumInWords(ucum);
	}

	/**
	 * A reference range: the source's words when it gave them ("<1800 pg/mL (age >75)"),
	 * else its bounds ("3.5–5.1 mmol/L", "≥ 60 mL/min/1.73 m²", "≤ 5.7%").
	 */
	public String range(Range range) {
		if (range == null) {
			return "";
		}
		if (range.text() != null && !range.text().isBlank()) {
			return range.text();
		}
		if (range.low() != null && range.high() != null) {
			return range.low().digits() + "–" + quantity(range.high());
		}
		return range.low() != null ? "≥ " + quantity(range.low()) : "≤ " + quantity(range.high());
	}

	/** An abnormal flag in words ("High", "Critically low"); empty for a normal value. */
	public String flag(Flag flag) {
		if (flag == null || flag.normal()) {
			return "";
		}
		if (flag.code() != null) {
			String words = message("flag." + flag.code());
			if (words != null) {
				return words;
			}
		}
		return flag.display() != null ? flag.display() : flag.code();
	}

	/** An encounter's class (v3 ActCode {@code IMP}, {@code EMER} ...) in words. */
	public String encounterClass(String code) {
		return code == null ? "" : orCode(message("encounter.class." + code), code);
	}

	/**
	 * A discharge disposition in words: UB-04 / HL7 table 0112 codes ({@code 01}) or FHIR
	 * discharge-disposition codes ({@code home}).
	 */
	public String disposition(String code) {
		return code == null ? "" : orCode(message("disposition." + code), code);
	}

	/**
	 * A language by name: the source's own words when it gave them ("Mandarin Chinese"),
	 * else the name of its BCP-47 or ISO 639 code ({@code zh} is Chinese, {@code cmn}
	 * Mandarin Chinese), else the code as sent.
	 */
	public String language(String code, String asSent) {
		if (asSent != null && !asSent.isBlank()) {
			return asSent;
		}
		return language(code);
	}

	/** A language code by name, in the page's language. */
	public String language(String code) {
		if (code == null || code.isBlank()) {
			return "";
		}
		String words = message("language." + code.strip().toLowerCase(Locale.ROOT));
		if (words != null) {
			return words;
		}
		Locale language = Locale.forLanguageTag(code.strip());
		// In English, as the rest of the pages are until they are translated.
		String name = language.getDisplayName(Locale.ENGLISH);
		return name.isBlank() || name.equalsIgnoreCase(language.getLanguage()) ? code : name;
	}

	/**
	 * The parts that are there, joined as the pages join facts: "Inpatient · Chest pain".
	 */
	public String joined(String... parts) {
		StringJoiner joined = new StringJoiner(" · ");
		for (String part : parts) {
			if (part != null && !part.isBlank()) {
				joined.add(part);
			}
		}
		return joined.toString();
	}

	private String ucumInWords(String code) {
		String words = message("unit." + code);
		if (words != null) {
			return words;
		}
		// A code not in the bundles: drop UCUM's brackets, and an annotation standing
		// alone.
		String plain = code.replaceAll("\\{[^}]*}", "").replace("[", "").replace("]", "");
		return plain.equals("1") ? "" : plain;
	}

	private static boolean looksLikeUcum(String unit) {
		return unit.contains("[") || unit.contains("{") || unit.contains("*") || unit.equals("1");
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
	}

	private static String orCode(String words, String code) {
		return words != null ? words : code;
	}

}
