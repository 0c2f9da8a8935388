package org.northstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs Synthea in its own process. Synthea and its dependencies live in their own Maven
 * project ({@code tools/synthea}), so none of it is in the Northstar jar.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
		description = "Generates synthetic patients with Synthea as FHIR R4 bundles, ready for 'northstar import'.")
class GenerateCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Option(names = "--patients", required = true, paramLabel = "N", description = "How many living patients.")
	int patients;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S",
			description = "Random seed; the same seed gives the same population (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the bundles.")
	Path out;

	@Option(names = "--synthea-jar", paramLabel = "JAR",
			defaultValue = "${sys:northstar.home:-.}/tools/synthea/target/northstar-synthea.jar",
			description = "The Synthea runner (default: ${DEFAULT-VALUE}; the launcher builds it when missing).")
	Path syntheaJar;

	@Override
	public Integer call() throws Exception {
		if (this.patients < 1) {
			throw new UserFacingException("--patients must be at least 1");
		}
		if (!Files.isRegularFile(this.syntheaJar)) {
			throw new UserFacingException("The Synthea runner " + this.syntheaJar + " is missing; build it with "
					+ "'./mvnw -q -f tools/synthea/pom.xml package' (./northstar generate does so itself)");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(this.syntheaJar.toString());
		command.addAll(List.of("--patients", String.valueOf(this.patients), "--seed", String.valueOf(this.seed),
				"--out", this.out.toString()));
		return new ProcessBuilder(command).inheritIO().start().waitFor();
	}

}
