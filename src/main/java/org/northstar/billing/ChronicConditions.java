package org.northstar.billing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.northstar.clinical.OngoingConditions.CodedCondition;

/**
 * Which of a person's conditions count as chronic for CCM and PCM: the groups of
 * {@code billing/chronic-conditions.csv}, each counted once however many of its codes a
 * person has. A code counts when it is SNOMED CT and listed, or ICD-10(-CM) and starts
 * with a listed prefix.
 */
final class ChronicConditions {

	static final String FILE = "billing/chronic-conditions.csv";

	private final List<Group> groups;

	private ChronicConditions(List<Group> groups) {
		this.groups = List.copyOf(groups);
	}

	static ChronicConditions load() {
		List<Group> groups = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				ChronicConditions.class.getClassLoader().getResourceAsStream(FILE), StandardCharsets.UTF_8))) {
			String line;
			boolean header = true;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				String[] columns = line.split(";", -1);
				groups.add(new Group(columns[0], List.of(columns[1].split("\\|")), Set.of(columns[2].split("\\|"))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + FILE, ex);
		}
		return new ChronicConditions(groups);
	}

	/** The chronic-condition groups the conditions fall in, in the file's order. */
	List<String> groupsOf(Collection<CodedCondition> conditions) {
		Set<String> found = new LinkedHashSet<>();
		for (Group group : this.groups) {
			for (CodedCondition condition : conditions) {
				if (group.includes(condition)) {
					found.add(group.name());
					break;
				}
			}
		}
		return List.copyOf(found);
	}

	private record Group(String name, List<String> icd10Prefixes, Set<String> snomedCodes) {

		boolean includes(CodedCondition condition) {
			String system = condition.system() == null ? "" : condition.system().toLowerCase(Locale.ROOT);
			String code = condition.code().strip();
			if (system.contains("snomed")) {
				return this.snomedCodes.contains(code);
			}
			if (system.contains("icd-10") || system.contains("icd10")) {
				// Sources write ICD-10 with and without the dot: E11.9, E119.
				String normal = code.replace(".", "").toUpperCase(Locale.ROOT);
				return this.icd10Prefixes.stream().map(p -> p.replace(".", "")).anyMatch(normal::startsWith);
			}
			return false;
		}

	}

}
