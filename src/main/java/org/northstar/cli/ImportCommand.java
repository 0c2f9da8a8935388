package org.northstar.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.database.DatabaseKind;
import org.northstar.ingest.BundleOutcome;
import org.northstar.ingest.BundleRejectedException;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.ImportFailure;
import org.northstar.ingest.ImportListener;
import org.northstar.ingest.ImportSummary;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Imports FHIR R4 bundles: files (.json, .ndjson, .json.gz, .ndjson.gz) or directories of them.",
				"Each bundle is all-or-nothing; importing the same files again changes nothing.",
				"Exits with status 1 when any file was refused." })
class ImportCommand implements Callable<Integer> {

	@Mixin
	CommonOptions common;

	@Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to import.")
	List<Path> paths = List.of();

	@Option(names = "--source", defaultValue = "local", paramLabel = "NAME",
			description = "The system the records come from; ids are that system's ids (default: ${DEFAULT-VALUE}).")
	String source;

	@Option(names = "--jobs", defaultValue = "2", paramLabel = "N",
			description = "Files imported at once (default: ${DEFAULT-VALUE}).")
	int jobs;

	@Option(names = "--failures", description = "List the refused files not yet imported since, and exit.")
	boolean listFailures;

	@Override
	public Integer call() {
		if (!this.listFailures && this.paths.isEmpty()) {
			throw new UserFacingException("Name the files or directories to import (or --failures to list refusals)");
		}
		if (this.jobs < 1) {
			throw new UserFacingException("--jobs must be at least 1");
		}
		try (ConfigurableApplicationContext context = Application.startForTask(this.common)) {
			FhirImport fhirImport = context.getBean(FhirImport.class);
			if (this.listFailures) {
				List<ImportFailure> failures = fhirImport.openFailures();
				CommandLineAudit.record(context, List.of(CommandLineAudit.record(AuditAction.READ, null,
						"command-line list of open import failures: " + failures.size(), AuditRecord.Outcome.SUCCESS)));
				return printFailures(failures);
			}
			context.getBean(DatabaseKind.class).refuseRealData("Imports are");
			ProgressBar progress = new ProgressBar(System.err);
			AuditedImport audited = new AuditedImport(progress, this.source);
			ImportSummary summary;
			try {
				summary = fhirImport.importFiles(this.paths, this.source, this.jobs, audited);
			}
			catch (RuntimeException ex) {
				audited.records.add(CommandLineAudit.record(AuditAction.CREATE, null,
						"command-line import from source '" + this.source + "' stopped: "
								+ ex.getClass().getSimpleName(),
						AuditRecord.Outcome.FAILURE));
				throw ex;
			}
			finally {
				progress.close();
				CommandLineAudit.record(context, audited.records);
			}
			audited.records.clear();
			audited.records.add(CommandLineAudit.record(AuditAction.CREATE, null,
					String.format(
							"command-line import from source '%s': %d file(s) imported, %d skipped, %d refused;"
									+ " %d resources, %d patients",
							this.source, summary.imported(), summary.skipped(), summary.failures().size(),
							summary.resources(), summary.patients()),
					summary.failed() ? AuditRecord.Outcome.FAILURE : AuditRecord.Outcome.SUCCESS));
			CommandLineAudit.record(context, audited.records);
			printSummary(summary, System.out);
			return summary.failed() ? 1 : 0;
		}
	}

	/**
	 * Follows the import for the progress bar, and notes each file taken in or refused
	 * for the audit trail. The refusal's reason is left out: it can quote the data.
	 */
	static final class AuditedImport implements ImportListener {

		private final ImportListener progress;

		private final String source;

		final List<AuditRecord> records = Collections.synchronizedList(new ArrayList<>());

		AuditedImport(ImportListener progress, String source) {
			this.progress = progress;
			this.source = source;
		}

		@Override
		public void started(int files) {
			this.progress.started(files);
		}

		@Override
		public void resourcesStored(int count) {
			this.progress.resourcesStored(count);
		}

		@Override
		public void fileImported(String path, BundleOutcome outcome) {
			this.progress.fileImported(path, outcome);
			this.records.add(CommandLineAudit.record(AuditAction.CREATE, null,
					"command-line import of " + path + " from source '" + this.source + "': "
							+ (outcome.skipped() ? "already imported, skipped" : outcome.resources() + " resources "
									+ outcome.outcomes() + ", " + outcome.patients() + " patients"),
					AuditRecord.Outcome.SUCCESS));
		}

		@Override
		public void fileFailed(BundleRejectedException failure) {
			this.progress.fileFailed(failure);
			this.records.add(CommandLineAudit.record(AuditAction.CREATE, null,
					"command-line import of " + failure.input() + " from source '" + this.source
							+ "' refused; nothing of it was stored ('northstar import --failures' says why)",
					AuditRecord.Outcome.FAILURE));
		}

	}

	/** The sum of each heap pool's peak: an upper bound of the heap the import needed. */
	private static long peakHeapBytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
	}

	private static int printFailures(List<ImportFailure> failures) {
		if (failures.isEmpty()) {
			System.out.println("No open import failures.");
			return 0;
		}
		for (ImportFailure f : failures) {
			System.out.printf("%s  %s%s%s: %s%n", f.failedAt(), f.path(),
					f.entryIndex() == null ? "" : ": entry " + f.entryIndex(),
					f.fullUrl() == null ? "" : " (" + f.fullUrl() + ")", f.message());
		}
		System.out.println(failures.size() + " open failure(s).");
		return 0;
	}

	static void printSummary(ImportSummary summary, PrintStream out) {
		double seconds = summary.elapsed().toMillis() / 1000.0;
		out.printf("Imported %d file(s)%s in %.1f s: %,d resources (%,.0f/s), %,d patients%n", summary.imported(),
				summary.skipped() > 0 ? " (" + summary.skipped() + " already imported, skipped)" : "", seconds,
				summary.resources(), seconds > 0 ? summary.resources() / seconds : 0, summary.patients());
		Map<Outcome, Long> outcomes = summary.outcomes();
		out.printf("  created %,d, updated %,d, unchanged %,d%n", outcomes.getOrDefault(Outcome.CREATED, 0L),
				outcomes.getOrDefault(Outcome.UPDATED, 0L), outcomes.getOrDefault(Outcome.UNCHANGED, 0L));
		summary.resourcesByType().forEach((type, count) -> out.printf("  %-26s %,10d%n", type, count));
		out.printf("  peak heap %,d MB%n", peakHeapBytes() >> 20);
		if (summary.failed()) {
			out.printf("%d file(s) failed:%n", summary.failures().size());
			for (BundleRejectedException failure : summary.failures()) {
				out.println("  " + failure.getMessage());
			}
			out.println("'northstar import --failures' lists every open failure.");
		}
	}

}
