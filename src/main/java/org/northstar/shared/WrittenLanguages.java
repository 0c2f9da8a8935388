package org.northstar.shared;

import java.util.Locale;
import java.util.Set;

/**
 * The languages Northstar writes for patients in (their plan, the explanation of a
 * medicine change): English, Spanish and Chinese in simplified characters. Every sentence
 * written for a patient exists in all three; anyone else reads English, with a notice.
 */
public final class WrittenLanguages {

	/** As language tags. */
	public static final Set<String> ALL = Set.of("en", "es", "zh");

	private WrittenLanguages() {
	}

	/**
	 * The language to write in for someone who prefers this one: {@code en}, {@code es}
	 * or {@code zh} (simplified characters, as for Mandarin); {@code en} when no
	 * preference is known; null for any other, traditional Chinese included.
	 * @param preferred a BCP 47 tag ({@code zh-CN}, {@code es-MX}, {@code cmn}), or null
	 */
	public static String forPreference(String preferred) {
		if (preferred == null || preferred.isBlank()) {
			return "en";
		}
		String tag = preferred.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		String primary = tag.split("-")[0];
		if (primary.equals("cmn")
				|| primary.equals("zh") && !tag.contains("hant") && !tag.contains("-tw") && !tag.contains("-hk")) {
			return "zh";
		}
		return ALL.contains(primary) && !primary.equals("zh") ? primary : null;
	}

}
