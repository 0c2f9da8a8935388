package org.northstar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportListener;
import org.northstar.ingest.ImportSummary;
import org.northstar.patient.Patients;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The sample patients shipped with Northstar, loaded into an empty database by
 * {@code serve}.
 */
final class DemoCaseload {

	static final String LOCATION = "classpath*:demo/synthea/*.json";

	private DemoCaseload() {
	}

	static void loadIfEmpty(Patients patients, FhirImport fhirImport) {
		if (patients.count() > 0) {
			return;
		}
		Path dir = null;
		try {
			Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(LOCATION);
			if (bundles.length == 0) {
				return;
			}
			dir = Files.createTempDirectory("northstar-demo");
			for (Resource bundle : bundles) {
				try (InputStream in = bundle.getInputStream()) {
					Files.copy(in, dir.resolve(bundle.getFilename()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			ImportSummary summary = fhirImport.importFiles(List.of(dir), "demo", 2, ImportListener.NONE);
			System.out.printf("Loaded the demo caseload: %d patients, %,d resources%n", summary.patients(),
					summary.resources());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load the demo caseload", ex);
		}
		finally {
			deleteQuietly(dir);
		}
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			// a leftover temporary copy of synthetic data is harmless
		}
	}

}
