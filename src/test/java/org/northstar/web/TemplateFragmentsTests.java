package org.northstar.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fragment selector ({@code ~{file :: name}}) picks every element of the file that is
 * named {@code name} or is the fragment {@code name}: a fragment named like an element (a
 * {@code <section>} fragment named "section") also picks the other elements of that kind,
 * and htmx then swaps in more than the fragment. That hid a patient's schedule behind its
 * refusal; each selector must pick exactly one element.
 */
class TemplateFragmentsTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern START_TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)(\\s[^>]*)?>");

	private static final Pattern FRAGMENT = Pattern.compile("th:fragment=\"([^\"(]+)");

	@Test
	void everyFragmentSelectorPicksOneElementOfItsFile() throws IOException {
		List<String> ambiguous = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
				ambiguous.addAll(ambiguousIn(TEMPLATES.relativize(file).toString(), Files.readString(file)));
			}
		}
		assertThat(ambiguous).isEmpty();
	}

	@Test
	void aFragmentNamedLikeAnotherElementOfItsFileIsFound() {
		String refusalAboveTheSection = """
				<section th:fragment="refused" id="schedule"><p>No access</p></section>
				<section th:fragment="section" id="schedule"><h2>Schedule</h2></section>
				""";

		assertThat(ambiguousIn("patient/schedule.html", refusalAboveTheSection))
			.containsExactly("patient/schedule.html :: section picks 2 elements");
	}

	/** The fragments of a template whose selector picks more than one element. */
	static List<String> ambiguousIn(String name, String html) {
		List<String> tags = new ArrayList<>();
		List<String> fragments = new ArrayList<>();
		Matcher tag = START_TAG.matcher(html);
		while (tag.find()) {
			tags.add(tag.group(1).toLowerCase());
			Matcher fragment = FRAGMENT.matcher(tag.group(2) == null ? "" : tag.group(2));
			fragments.add(fragment.find() ? fragment.group(1).strip() : null);
		}
		List<String> ambiguous = new ArrayList<>();
		for (String fragment : fragments.stream().filter(f -> f != null).distinct().toList()) {
			long picked = 0;
			for (int i = 0; i < tags.size(); i++) {
				if (fragment.equalsIgnoreCase(tags.get(i)) || fragment.equals(fragments.get(i))) {
					picked++;
				}
			}
			if (picked != 1) {
				ambiguous.add(name + " :: " + fragment + " picks " + picked + " elements");
			}
		}
		return ambiguous;
	}

}
