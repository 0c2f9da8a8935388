package org.northstar.medication;

import java.util.List;

/**
 * What a medicine is, for grouping: its ingredients (RxNorm's names, lower case, sorted)
 * and their strengths in the same order, and the class of its first classed ingredient.
 * Two products with the same ingredients and strengths are one medicine (a brand and its
 * generic); the same ingredients at another strength are another medicine of the same
 * {@link #ingredientKey()}.
 *
 * @param rxcui the RxNorm concept the source named, or null
 * @param strengths empty when neither the catalog nor the name says
 * @param drugClass null for an ingredient the curated table does not class
 */
public record DrugConcept(String rxcui, List<String> ingredients, List<String> strengths, DrugClass drugClass) {

	public DrugConcept {
		ingredients = List.copyOf(ingredients);
		strengths = List.copyOf(strengths);
	}

	/** The same ingredients, whatever the strength. */
	public String ingredientKey() {
		return String.join("+", this.ingredients);
	}

	/** The same ingredients at the same strengths: one line of the list. */
	public String key() {
		if (this.ingredients.isEmpty()) {
			return "rxcui:" + this.rxcui;
		}
		return ingredientKey() + (this.strengths.isEmpty() ? "" : "|" + String.join("+", this.strengths));
	}

	/** "20 mg", "325 mg / 10 mg"; empty when not known. */
	public String strengthText() {
		return String.join(" / ", this.strengths.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
	}

}
