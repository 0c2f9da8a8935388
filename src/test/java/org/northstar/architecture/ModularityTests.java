package org.northstar.architecture;

import org.junit.jupiter.api.Test;
import org.northstar.NorthstarApplication;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module picture of ARCHITECTURE.md, kept true by the build. */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(NorthstarApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void writesModuleDiagrams() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
