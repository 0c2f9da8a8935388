package org.northstar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.database.DataDirectories;
import org.northstar.database.DataDirectories.OpenDatabase;
import org.northstar.support.Launcher;
import org.northstar.support.Launcher.Result;
import org.northstar.support.Launcher.Running;
import org.northstar.support.PatientBundle;
import org.northstar.support.SyntheaPopulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's promise under a crash: {@code northstar import} and its PostgreSQL are
 * killed with SIGKILL at the same moment, mid-run. Every file the import had reported
 * done is there in whole, no file is there in part, and running the same import again
 * adds exactly the rest.
 */
class ImportCrashIT {

	private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) files .*");

	private static final Pattern OUTCOMES = Pattern
		.compile("created ([0-9,]+), updated ([0-9,]+), unchanged ([0-9,]+)");

	/**
	 * Small bundles, a patient with a condition and an encounter each: many commits a
	 * second, each a few kB of WAL, so a commit reported before it was written is caught.
	 * Their names sort them before the Synthea files.
	 */
	private static final int SMALL_BUNDLES = 300;

	private static final int SYNTHEA_COPIES = 2;

	@Test
	void aKilledImportKeepsEveryReportedFileWholeAndResumes(@TempDir Path data, @TempDir Path work) throws Exception {
		Path population = SyntheaPopulation
			.replicate(SyntheaPopulation.SAMPLE, work.resolve("population"), SYNTHEA_COPIES)
			.toAbsolutePath();
		for (int i = 0; i < SMALL_BUNDLES; i++) {
			Files.write(population.resolve(String.format("batch-%03d.json", i)),
					PatientBundle.aPatient("small-" + i)
						.named("Ada", "Lovelace" + i)
						.born("1950-01-01")
						.withCondition("44054006", "Diabetes mellitus type 2")
						.withEncounter("185349003", "Encounter for check up", "2025-03-01T10:00:00Z")
						.json());
		}
		Map<String, Integer> entries = new HashMap<>();
		for (Path file : SyntheaPopulation.files(population)) {
			entries.put(file.toString(), SyntheaPopulation.total(SyntheaPopulation.countByType(List.of(file))));
		}
		int total = entries.values().stream().mapToInt(Integer::intValue).sum();
		int shared = SyntheaPopulation.sharedFiles(population).size();

		// Killed among the small bundles, then again among Synthea's large ones.
		Map<String, Integer> imported = killMidRun(data, population, entries, shared + SMALL_BUNDLES / 3);
		imported = killMidRun(data, population, entries, shared + SMALL_BUNDLES + 8);

		Result resumed = new Launcher().run("import", "--data-dir", data.toString(), population.toString());
		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		assertThat(resumed.output()).contains("(" + imported.size() + " already imported, skipped)");
		Matcher outcomes = OUTCOMES.matcher(resumed.output());
		assertThat(outcomes.find()).as(resumed.output()).isTrue();
		int before = imported.values().stream().mapToInt(Integer::intValue).sum();
		assertThat(outcomes.group(1).replace(",", "")).as("created: the rest, each once")
			.isEqualTo(Integer.toString(total - before));
		assertThat(outcomes.group(2)).isEqualTo("0");
		assertThat(outcomes.group(3)).isEqualTo("0");

		try (OpenDatabase database = DataDirectories.open(data); Connection db = database.connect()) {
			assertThat(importedFiles(db)).isEqualTo(entries);
			Map<String, Long> stored = storedByFile(db);
			entries.forEach((file, n) -> assertThat(stored.get(file)).as(file).isEqualTo(n.longValue()));
			try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
					select count(*), count(distinct (source, resource_type, source_id)) from source_resource
					""")) {
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(total);
				assertThat(rs.getLong(2)).as("each resource stored once").isEqualTo(total);
			}
		}
	}

	/**
	 * Imports the population, killing the import and its database once it reports
	 * {@code killAt} files done; checks what the crash left and returns the files
	 * imported.
	 */
	private static Map<String, Integer> killMidRun(Path data, Path population, Map<String, Integer> entries, int killAt)
			throws Exception {
		Running run = new Launcher().start("import", "--jobs", "2", "--data-dir", data.toString(),
				population.toString());
		// Generous: on a machine shared with other builds' databases, each fsync can wait
		// for theirs (3 s a bundle has been seen, against 0.1 s alone).
		String progress = run.awaitLine(
				line -> PROGRESS.matcher(line).matches() && Integer.parseInt(progressOf(line).group(1)) >= killAt, 900);
		run.killWithItsDatabase(data);
		int reported = Integer.parseInt(progressOf(progress).group(1));
		assertThat(run.output()).as("killed mid-run").doesNotContain("Imported ");

		try (OpenDatabase database = DataDirectories.open(data); Connection db = database.connect()) {
			Map<String, Integer> imported = importedFiles(db);
			Map<String, Long> stored = storedByFile(db);
			long inPart = stored.entrySet()
				.stream()
				.filter(file -> !imported.containsKey(file.getKey()))
				.filter(file -> file.getValue() > 0)
				.count();
			System.out.printf("ImportCrashIT: %d of %d files reported done before the kill; after it %d imported,"
					+ " %d in part%n", reported, entries.size(), imported.size(), inPart);
			assertThat(imported.size()).as("files reported done before the kill").isGreaterThanOrEqualTo(reported);
			for (Map.Entry<String, Integer> file : entries.entrySet()) {
				long resources = stored.getOrDefault(file.getKey(), 0L);
				if (imported.containsKey(file.getKey())) {
					assertThat(resources).as("all of " + file.getKey()).isEqualTo(file.getValue().longValue());
					assertThat(imported.get(file.getKey())).isEqualTo(file.getValue());
				}
				else {
					assertThat(resources).as("nothing of " + file.getKey()).isZero();
				}
			}
			return imported;
		}
	}

	private static Matcher progressOf(String line) {
		Matcher progress = PROGRESS.matcher(line);
		progress.matches();
		return progress;
	}

	/** Resources by file, as the import ledger counted them. */
	private static Map<String, Integer> importedFiles(Connection db) throws Exception {
		Map<String, Integer> files = new HashMap<>();
		try (Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("select path, resources from imported_file")) {
			while (rs.next()) {
				files.put(rs.getString(1), rs.getInt(2));
			}
		}
		return files;
	}

	/** Resources stored by the file they came in. */
	private static Map<String, Long> storedByFile(Connection db) throws Exception {
		Map<String, Long> files = new HashMap<>();
		try (Statement statement = db.createStatement();
				ResultSet rs = statement
					.executeQuery("select received_via, count(*) from source_resource group by received_via")) {
			while (rs.next()) {
				files.put(rs.getString(1), rs.getLong(2));
			}
		}
		return files;
	}

}
