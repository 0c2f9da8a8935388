package org.northstar.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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

	/**
	 * The classes whose SQL may name another module's table, each with its tables and the
	 * reason. Keep it short: each entry is a boundary not yet drawn.
	 */
	static final Map<String, Set<String>> SQL_ACROSS_MODULES = Map.of();

	static final List<ArchRule> RULES_ON_NORTHSTAR = List.of(
			ArchitectureRules.wireFormatsStayAtTheEdge("org.northstar"),
			ArchitectureRules.nothingDependsOnAnEdge("org.northstar"),
			ArchitectureRules.springWebStaysAtTheEdge("org.northstar"),
			TableOwnership.sqlTouchesOnlyItsModulesTables("org.northstar", SQL_ACROSS_MODULES));

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

	@Test
	void catchesSqlOnAnotherModulesTable() {
		assertThatThrownBy(
				() -> TableOwnership.sqlTouchesOnlyItsModulesTables("org.northstar.architecture.violation", Map.of())
					.check(VIOLATIONS))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining(
					"ReadsAnotherModulesTable in module caseload names table patient_link of module patient")
			.hasMessageNotContaining("caseload_assignment");
	}

	@Test
	void everyTableTheMigrationsCreateHasAnOwningModule() throws IOException {
		List<String> migrations = new ArrayList<>();
		for (Resource migration : new PathMatchingResourcePatternResolver()
			.getResources("classpath:db/migration/*.sql")) {
			try (InputStream in = migration.getInputStream()) {
				migrations.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(migrations).as("migrations found").hasSizeGreaterThan(10);
		assertThat(TableOwnership.createdBy(migrations)).as("tables created by the migrations")
			.containsExactlyInAnyOrderElementsOf(TableOwnership.OWNERS.keySet());
	}

}
