package org.northstar.patient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search as coordinators type it into a caseload: "Jim" finds James (nicknames from a
 * shipped list), "Walker, James" is family name then given, "Amina Hassan" either order,
 * "Gonzalez" finds González (accents, case, apostrophes and hyphens ignored), and part of
 * an identifier finds its patient. Every word typed must match the start of a part of the
 * name, or be a nickname of a given name.
 */
final class NameSearch {

	/** Shorter parts of identifiers match too many patients to mean anything. */
	static final int SHORTEST_IDENTIFIER_PART = 3;

	private final Map<String, Set<String>> variants;

	NameSearch(Map<String, Set<String>> variants) {
		this.variants = variants;
	}

	/** With the nickname list shipped in {@code patient/nicknames.txt}. */
	static NameSearch withShippedNicknames() {
		try (InputStream in = NameSearch.class.getResourceAsStream("/patient/nicknames.txt")) {
			if (in == null) {
				throw new IllegalStateException("patient/nicknames.txt is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return new NameSearch(nicknames(reader.lines().toList()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Lines of names that stand for one another; {@code #} starts a comment. */
	static Map<String, Set<String>> nicknames(List<String> lines) {
		Map<String, Set<String>> variants = new HashMap<>();
		for (String line : lines) {
			String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
			List<String> names = Arrays.stream(content.split(","))
				.map(NameSearch::fold)
				.filter(n -> !n.isEmpty())
				.toList();
			for (String name : names) {
				variants.computeIfAbsent(name, k -> new HashSet<>()).addAll(names);
			}
		}
		return variants;
	}

	/**
	 * Lower case without accents; apostrophes dropped, hyphens and other punctuation made
	 * spaces: "O'Brien-González" is "obrien gonzalez".
	 */
	static String fold(String text) {
		if (text == null) {
			return "";
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replace("ß", "ss")
			.replace("ø", "o")
			.replace("æ", "ae")
			.replace("œ", "oe")
			.replace("ł", "l")
			.replace("đ", "d")
			.replaceAll("['’`]", "")
			.replaceAll("[^\\p{L}\\p{N}]+", " ");
		return folded.strip();
	}

	/** Whether the patient, with these identifier values, is what the query asks for. */
	boolean matches(String query, PatientSummary patient, Collection<String> identifiers) {
		String raw = query.strip();
		if (raw.length() >= SHORTEST_IDENTIFIER_PART) {
			String wanted = raw.toLowerCase(Locale.ROOT);
			if (identifiers.stream().anyMatch(i -> i != null && i.toLowerCase(Locale.ROOT).contains(wanted))) {
				return true;
			}
		}
		List<String> family = words(patient.familyName());
		List<String> given = words(patient.givenNames());
		int comma = raw.indexOf(',');
		if (comma >= 0) {
			List<String> familyWanted = words(raw.substring(0, comma));
			List<String> givenWanted = words(raw.substring(comma + 1));
			return !(familyWanted.isEmpty() && givenWanted.isEmpty())
					&& familyWanted.stream().allMatch(w -> family.stream().anyMatch(part -> part.startsWith(w)))
					&& givenWanted.stream().allMatch(w -> given.stream().anyMatch(part -> givenMatches(w, part)));
		}
		List<String> wanted = words(raw);
		return !wanted.isEmpty() && wanted.stream()
			.allMatch(w -> family.stream().anyMatch(part -> part.startsWith(w))
					|| given.stream().anyMatch(part -> givenMatches(w, part)));
	}

	private boolean givenMatches(String word, String part) {
		return part.startsWith(word) || this.variants.getOrDefault(word, Set.of()).contains(part);
	}

	private static List<String> words(String text) {
		String folded = fold(text);
		return folded.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(folded.split(" ")));
	}

}
