package org.northstar.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.northstar.clinical.SourceResource.Outcome;

import org.springframework.stereotype.Service;

/**
 * FHIR content coming in: bundle files and directories of them
 * ({@code northstar import}), and bundles posted to {@code /fhir}. Each bundle is
 * all-or-nothing; importing the same content again changes nothing; every refusal is
 * recorded with the file, the entry and the reason.
 */
@Service
public class FhirImport {

	private final BundleImporter importer;

	private final ImportLedger ledger;

	FhirImport(BundleImporter importer, ImportLedger ledger) {
		this.importer = importer;
		this.ledger = ledger;
	}

	/**
	 * Imports one bundle received over the API, all-or-nothing. The sender writes as
	 * {@code source} only: it replaces only that source's records, and its conditional
	 * references find only that source's records.
	 * @param source the system the content comes from; ids are that system's ids
	 * @param receivedVia who sent it and how, kept with every resource
	 * @throws OtherSourcesRecordException when an entry would replace another source's
	 * record; nothing was kept
	 * @throws BundleRejectedException naming the entry at fault; nothing was kept
	 */
	public BundleOutcome importBundle(byte[] json, String source, String receivedVia) {
		try {
			return this.importer.importInput(new BundleImporter.Request(ImportInput.of(receivedVia, json), source,
					receivedVia, false, true, References.newCache(), null, true));
		}
		catch (BundleRejectedException ex) {
			this.ledger.recordFailure(ex);
			throw ex;
		}
	}

	/**
	 * Imports files ({@code .json}, {@code .ndjson}, either gzipped) and directories of
	 * them. Bundles that others refer to (Synthea's {@code *Information*.json}) go first;
	 * a bundle refused only for a reference to something not yet imported is tried again
	 * at the end.
	 * @param jobs how many files to import at once
	 */
	public ImportSummary importFiles(List<Path> paths, String source, int jobs, ImportListener listener) {
		long started = System.nanoTime();
		Run run = new Run(source, listener);
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (!Files.exists(path)) {
				run.failed(new BundleRejectedException(path.toString(), null, null, "no such file or directory", false,
						null));
				continue;
			}
			files.addAll(importable(path));
		}
		List<Path> referenced = files.stream().filter(f -> f.getFileName().toString().contains("Information")).toList();
		List<Path> rest = files.stream().filter(f -> !referenced.contains(f)).toList();
		listener.started(files.size());
		List<Path> deferred = Collections.synchronizedList(new ArrayList<>());
		runAll(referenced, 1, run, deferred);
		runAll(rest, jobs, run, deferred);
		for (Path file : List.copyOf(deferred)) {
			run.importFile(file, null);
		}
		return run.summary(Duration.ofNanos(System.nanoTime() - started));
	}

	/** The refusals not yet made good by a later import of the same file. */
	public List<ImportFailure> openFailures() {
		return this.ledger.openFailures();
	}

	private void runAll(List<Path> files, int jobs, Run run, List<Path> deferred) {
		if (files.isEmpty()) {
			return;
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, files.size())));
		try {
			List<Future<?>> pending = new ArrayList<>();
			for (Path file : files) {
				pending.add(pool.submit(() -> run.importFile(file, deferred)));
			}
			for (Future<?> future : pending) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Import interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Import failed unexpectedly: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<Path> importable(Path path) {
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		// A directory named through a symbolic link is followed, as the shell does.
		try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
			return walk.filter(Files::isRegularFile).filter(FhirImport::isFhirFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + path, ex);
		}
	}

	private static boolean isFhirFile(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".json.gz")
				|| name.endsWith(".ndjson.gz");
	}

	/** The running totals of one import run, shared by its worker threads. */
	private final class Run {

		private final String source;

		private final ImportListener listener;

		private final Map<String, References.Target> conditionalCache = References.newCache();

		private final Map<String, Long> byType = new TreeMap<>();

		private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

		private final List<BundleRejectedException> failures = new ArrayList<>();

		private int imported;

		private int skipped;

		Run(String source, ImportListener listener) {
			this.source = source;
			this.listener = listener;
		}

		/**
		 * @param deferred where to put a file refused for an unresolved reference; null
		 * on the last try
		 */
		void importFile(Path file, List<Path> deferred) {
			try {
				BundleOutcome outcome = FhirImport.this.importer
					.importInput(new BundleImporter.Request(ImportInput.of(file), this.source, file.toString(), true,
							false, this.conditionalCache, this.listener::resourcesStored, false));
				succeeded(file, outcome);
			}
			catch (BundleRejectedException ex) {
				if (deferred != null && ex.unresolvedReference()) {
					deferred.add(file);
				}
				else {
					failed(ex);
				}
			}
		}

		private synchronized void succeeded(Path file, BundleOutcome outcome) {
			if (outcome.skipped()) {
				this.skipped++;
			}
			else {
				this.imported++;
				outcome.resourcesByType().forEach((type, n) -> this.byType.merge(type, (long) n, Long::sum));
				outcome.outcomes().forEach((o, n) -> this.outcomes.merge(o, (long) n, Long::sum));
			}
			this.listener.fileImported(file.toString(), outcome);
		}

		synchronized void failed(BundleRejectedException failure) {
			FhirImport.this.ledger.recordFailure(failure);
			this.failures.add(failure);
			this.listener.fileFailed(failure);
		}

		synchronized ImportSummary summary(Duration elapsed) {
			return new ImportSummary(this.imported, this.skipped,
					Collections.unmodifiableMap(new TreeMap<>(this.byType)),
					Collections.unmodifiableMap(new EnumMap<>(this.outcomes)), List.copyOf(this.failures), elapsed);
		}

	}

}
