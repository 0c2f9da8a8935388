package org.northstar.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The house rules of STYLE.md that Spring Modulith does not check by itself. */
final class ArchitectureRules {

	private ArchitectureRules() {
	}

	/** FHIR's and HL7's wire formats stay at the edges that speak them. */
	static ArchRule wireFormatsStayAtTheEdge(String root) {
		return noClasses().that()
			.resideOutsideOfPackages(root + ".fhirapi..", root + ".ingest..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.hl7.fhir..", "ca.uhn.fhir..", "ca.uhn.hl7v2..")
			.as("FHIR and HL7 v2 types are used only in fhirapi and ingest");
	}

	/** Nothing depends on an edge (cli, fhirapi, web, api) but another edge. */
	static ArchRule nothingDependsOnAnEdge(String root) {
		return noClasses().that()
			.resideOutsideOfPackages(root + ".cli..", root + ".fhirapi..", root + ".web..", root + ".api..", root)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(root + ".cli..", root + ".fhirapi..", root + ".web..", root + ".api..")
			.as("no module depends on an edge");
	}

	/** Spring Web stays at the HTTP edges; security may build its filter chains. */
	static ArchRule springWebStaysAtTheEdge(String root) {
		return noClasses().that()
			.resideOutsideOfPackages(root + ".fhirapi..", root + ".web..", root + ".api..", root + ".security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..")
			.as("Spring Web is used only in web, fhirapi, api and security");
	}

}
