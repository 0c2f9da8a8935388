package org.northstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.northstar.NorthstarApplication;
import org.northstar.risk.RiskScores;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * LACE and HOSPITAL for a whole population from scratch, in people per second: the demo
 * Synthea sample imported and replicated in SQL to the wanted size (as
 * {@link WorkspaceBenchmark} builds it), every score deleted, then
 * {@link RiskScores#recomputeAll} in batches.
 *
 * <p>
 * Usage: {@code RiskBenchmark [people] [batch] [data-dir] [runs] [jobs]}; prints one line
 * per figure. A data directory that already holds the population is reused as it is.
 */
public final class RiskBenchmark {

	private RiskBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-risk-bench");
		int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		int jobs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.admin-password=bench-password-2026")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			if (count(jdbc, "select count(*) from patient") < people) {
				WorkspaceBenchmark.populate(context, jdbc, people);
			}
			System.out.printf(
					"population: %d patient records, %d encounters (%d inpatient stays), %d conditions,"
							+ " %d observations (built in %.0f s)%n",
					count(jdbc, "select count(*) from patient"), count(jdbc, "select count(*) from encounter"),
					count(jdbc, "select count(*) from encounter where class_code = 'IMP' and period_end is not null"),
					count(jdbc, "select count(*) from condition"), count(jdbc, "select count(*) from observation"),
					(System.nanoTime() - started) / 1e9);
			RiskScores risks = context.getBean(RiskScores.class);
			for (int run = 1; run <= runs; run++) {
				// From scratch: the reactions to the import scored the sample already.
				jdbc.sql("truncate risk_assessment").update();
				long start = System.nanoTime();
				RiskScores.Run result = risks.recomputeAll(batch, jobs, null);
				double seconds = (System.nanoTime() - start) / 1e9;
				System.out.printf(
						"run %d: %d people (%d records) scored in %.2f s: %.0f people/s; %d scores written"
								+ " (batch %d, %d jobs, %d cores)%n",
						run, result.people(), result.records(), seconds, result.people() / seconds, result.written(),
						batch, jobs, Runtime.getRuntime().availableProcessors());
			}
		}
	}

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
