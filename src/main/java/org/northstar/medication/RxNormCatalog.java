package org.northstar.medication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * What a medicine is, from data shipped with Northstar, never looked up online: the
 * curated concepts ({@code medication/rxnorm-concepts.csv}), else the ingredients and
 * strengths RxNorm's systematic names state ("furosemide 40 MG Oral Tablet",
 * "Acetaminophen 325 MG / Oxycodone Hydrochloride 10 MG Oral Tablet [Percocet]"); the
 * class from {@code medication/ingredient-classes.csv}.
 */
@Component
class RxNormCatalog {

	/**
	 * One ingredient's part of a clinical drug name: the ingredient, then its strength.
	 */
	private static final Pattern PART = Pattern.compile(
			"^(.*?)\\s+(\\d+(?:\\.\\d+)?)\\s+((?:MG|MCG|UNT|MEQ|ML|%)(?:/(?:ML|MG|ACTUAT|HR|\\d*HR))?)\\b.*$",
			Pattern.CASE_INSENSITIVE);

	/** What RxNorm puts before the ingredient of some names: "24 HR", "120 ACTUAT". */
	private static final Pattern PREFIX = Pattern.compile(
			"^(?:\\d+(?:\\.\\d+)?\\s+(?:HR|ACTUAT|ML|DAY)\\s+|NDA\\d+\\s+\\d+(?:\\.\\d+)?\\s+ML\\s+)+",
			Pattern.CASE_INSENSITIVE);

	private final Map<String, DrugConcept> concepts = new HashMap<>();

	private final Map<String, DrugClass> classes = new HashMap<>();

	/**
	 * Concepts read from names, by code and name: reading a name takes several regular
	 * expressions, and a population's fills name the same few hundred medicines again and
	 * again. Bounded, so names no source repeats cannot fill the memory.
	 */
	private final Map<List<String>, DrugConcept> read = new ConcurrentHashMap<>();

	static final int READ_CACHE_SIZE = 20_000;

	RxNormCatalog() {
		for (String[] row : rows("medication/ingredient-classes.csv")) {
			this.classes.put(row[0], DrugClass.ofCode(row[1])
				.orElseThrow(() -> new IllegalStateException("ingredient-classes.csv: unknown class " + row[1])));
		}
		for (String[] row : rows("medication/rxnorm-concepts.csv")) {
			List<String> ingredients = List.of(row[1].split("\\+"));
			List<String> strengths = List.of(row[2].split("\\+"));
			this.concepts.put(row[0], concept(row[0], ingredients, strengths));
		}
	}

	/**
	 * The concept a source named: by RxNorm code when the catalog has it, else read from
	 * the name; a name that does not read as a clinical drug is its own medicine, with no
	 * ingredients.
	 */
	DrugConcept concept(String rxcui, String name) {
		if (rxcui != null && this.concepts.containsKey(rxcui)) {
			return this.concepts.get(rxcui);
		}
		List<String> key = Arrays.asList(rxcui, name);
		DrugConcept known = this.read.get(key);
		if (known != null) {
			return known;
		}
		DrugConcept concept = fromName(rxcui, name);
		if (this.read.size() < READ_CACHE_SIZE) {
			this.read.put(key, concept);
		}
		return concept;
	}

	private DrugConcept fromName(String rxcui, String name) {
		if (name != null) {
			String plain = name.replaceAll("\\[[^\\]]*\\]", "").strip();
			plain = PREFIX.matcher(plain).replaceFirst("");
			List<String> ingredients = new ArrayList<>();
			List<String> strengths = new ArrayList<>();
			for (String part : plain.split("\\s+/\\s+")) {
				Matcher m = PART.matcher(part.strip());
				if (!m.matches()) {
					ingredients.clear();
					break;
				}
				ingredients.add(m.group(1).strip().toLowerCase(Locale.ROOT));
				strengths.add(new BigDecimal(m.group(2)).stripTrailingZeros().toPlainString() + " "
						+ m.group(3).toUpperCase(Locale.ROOT));
			}
			if (!ingredients.isEmpty()) {
				return concept(rxcui, ingredients, strengths);
			}
			DrugClass byWord = classOf(name.strip().toLowerCase(Locale.ROOT));
			String id = rxcui != null ? rxcui : "name:" + name.strip().toLowerCase(Locale.ROOT);
			return new DrugConcept(id, List.of(), List.of(), byWord);
		}
		return new DrugConcept(rxcui, List.of(), List.of(), null);
	}

	/** The class of an ingredient as RxNorm names it, or of its first word; or null. */
	DrugClass classOf(String ingredient) {
		DrugClass exact = this.classes.get(ingredient);
		if (exact != null) {
			return exact;
		}
		String first = ingredient.split("[\\s-]+")[0];
		return this.classes.get(first);
	}

	private DrugConcept concept(String rxcui, List<String> ingredients, List<String> strengths) {
		// Sorted by ingredient, strengths kept beside theirs, so that "A / B" and "B / A"
		// are one medicine.
		Integer[] order = new Integer[ingredients.size()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, Comparator.comparing(ingredients::get));
		List<String> sortedIngredients = new ArrayList<>();
		List<String> sortedStrengths = new ArrayList<>();
		DrugClass drugClass = null;
		for (int i : order) {
			sortedIngredients.add(ingredients.get(i));
			if (i < strengths.size()) {
				sortedStrengths.add(strengths.get(i));
			}
		}
		for (String ingredient : ingredients) {
			drugClass = classOf(ingredient);
			if (drugClass != null) {
				break;
			}
		}
		return new DrugConcept(rxcui, sortedIngredients, sortedStrengths, drugClass);
	}

	private static List<String[]> rows(String resource) {
		List<String[]> rows = new ArrayList<>();
		try (InputStream in = RxNormCatalog.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + resource);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			boolean header = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				rows.add(line.split(",", -1));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
