package org.northstar.scheduling;

import java.util.Locale;

/** Languages as explanations name them: "Spanish (es)". */
final class Languages {

	private Languages() {
	}

	static String name(String tag) {
		Locale locale = Locale.forLanguageTag(tag);
		String name = locale.getDisplayLanguage(Locale.ENGLISH);
		return name.isBlank() ? tag : name + " (" + tag + ")";
	}

}
