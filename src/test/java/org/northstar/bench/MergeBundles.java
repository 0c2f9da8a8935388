package org.northstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.northstar.support.SyntheaPopulation;

/**
 * Makes one large transaction bundle from a population's patient bundles, taking whole
 * patients until the bundle reaches the wanted size. Usage:
 * {@code MergeBundles DIR OUT MEGABYTES}.
 */
public final class MergeBundles {

	private MergeBundles() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		Path out = Path.of(args[1]);
		long wanted = Long.parseLong(args[2]) << 20;
		SyntheaPopulation.merge(SyntheaPopulation.patientFiles(dir), out, wanted);
		System.out.printf("merged patients into %s (%d MB)%n", out, Files.size(out) >> 20);
	}

}
