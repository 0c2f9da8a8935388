package org.northstar.careplan;

import java.util.List;

/**
 * The person's plan as they read it: plain sentences in their language, to print.
 *
 * @param language the language it is written in ({@code en}, {@code es},
 * {@code zh-Hans}), for the page's {@code lang}
 * @param fallbackNotice in English, why it is in English: null when it is in the language
 * asked for
 */
public record PatientPlan(String language, String fallbackNotice, String title, String intro, List<Section> sections,
		String call, String printed) {

	public PatientPlan {
		sections = List.copyOf(sections);
	}

	/** A heading and its lines; an empty section says so in {@code empty}. */
	public record Section(String id, String heading, List<Line> lines, String empty) {

		public Section {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * One line: a sentence in the person's language, or the care team's own words as they
	 * wrote them ({@code asWritten}), never machine-translated.
	 *
	 * @param detail a second line (by when, what is done about it), or null
	 * @param done whether it is done
	 */
	public record Line(String text, String asWritten, String detail, boolean done) {
	}

}
