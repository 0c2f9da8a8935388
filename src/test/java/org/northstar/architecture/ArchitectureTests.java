package org.northstar.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule holds for Northstar, and each can fail: it catches the deliberate violations
 * kept in {@code org.northstar.architecture.violation}.
 */
class ArchitectureTests {

	static final JavaClasses NORTHSTAR = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.northstar");

	static final JavaClasses VIOLATIONS = new ClassFileImporter()
		.importPackages("org.northstar.architecture.violation");

	static final List<ArchRule> RULES_ON_NORTHSTAR = List.of(
			ArchitectureRules.wireFormatsStayAtTheEdge("org.northstar"),
			ArchitectureRules.nothingDependsOnAnEdge("org.northstar"),
			ArchitectureRules.springWebStaysAtTheEdge("org.northstar"));

	@Test
	void northstarKeepsTheHouseRules() {
		assertThat(NORTHSTAR.size()).as("classes imported").isGreaterThan(30);
		RULES_ON_NORTHSTAR.forEach(rule -> rule.check(NORTHSTAR));
	}

	@Test
	void catchesAFhirTypeInADomainModule() {
		assertThatThrownBy(() -> ArchitectureRules.wireFormatsStayAtTheEdge("org.northstar.architecture.violation")
			.check(VIOLATIONS)).isInstanceOf(AssertionError.class).hasMessageContaining("FhirTypeInDomain");
	}

	@Test
	void catchesAModuleDependingOnAnEdge() {
		assertThatThrownBy(() -> ArchitectureRules.nothingDependsOnAnEdge("org.northstar.architecture.violation")
			.check(VIOLATIONS)).isInstanceOf(AssertionError.class).hasMessageContaining("DependsOnEdge");
	}

	@Test
	void catchesSpringWebInADomainModule() {
		assertThatThrownBy(() -> ArchitectureRules.springWebStaysAtTheEdge("org.northstar.architecture.violation")
			.check(VIOLATIONS)).isInstanceOf(AssertionError.class).hasMessageContaining("WebInDomain");
	}

}
