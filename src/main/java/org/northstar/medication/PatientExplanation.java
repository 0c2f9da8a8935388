package org.northstar.medication;

import java.util.List;

/**
 * A change in a patient's medicines explained in plain language, to print and hand over.
 *
 * @param language the BCP 47 tag it is written in ({@code en}, {@code es},
 * {@code zh-Hans})
 * @param fallbackNotice for a language Northstar has no explanations in, an English
 * notice that this one is in English; null otherwise
 * @param sections what the medicine is for, what changed, why, the old tablets, whom to
 * call
 */
public record PatientExplanation(String language, String fallbackNotice, String title, List<Section> sections,
		String printed) {

	public PatientExplanation {
		sections = List.copyOf(sections);
	}

	/**
	 * One part of the explanation.
	 *
	 * @param asWritten the prescriber's own words, shown as written (not translated)
	 */
	public record Section(String heading, List<String> paragraphs, String asWritten) {

		public Section {
			paragraphs = List.copyOf(paragraphs);
		}

	}

}
