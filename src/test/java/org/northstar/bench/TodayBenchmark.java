package org.northstar.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.northstar.NorthstarApplication;
import org.northstar.risk.RiskScores;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.worklist.Today;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the Today page, p50 and p99, for a coordinator with 150 people in a
 * large population (issue 13: p99 under 100 ms at 100,000 people).
 *
 * <p>
 * The population is {@link WorkspaceBenchmark}'s (the demo Synthea sample copied in SQL,
 * 150 people per coordinator), scored with {@link RiskScores#recomputeAll}, and given
 * what a working caseload has, for everyone: about one open task in three people (a third
 * of them overdue transition-of-care contacts), a call in the last 60 days for two people
 * in three, a CCM consent for one in four, and a few snoozes. So each query the page
 * makes runs against tables of full size, not against the coordinator's rows alone.
 *
 * <p>
 * Usage: {@code TodayBenchmark [people] [requests] [data-dir]}; prints one line per
 * figure. A data directory that already holds the population is reused as it is.
 */
public final class TodayBenchmark {

	private static final String PASSWORD = "bench-password-2026";

	private TodayBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
		Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("northstar-today-bench");
		SpringApplication application = new SpringApplication(NorthstarApplication.class);
		try (ConfigurableApplicationContext context = application.run("--northstar.data-dir=" + dataDir,
				"--server.port=0", "--logging.level.root=WARN", "--northstar.admin-password=" + PASSWORD)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long started = System.nanoTime();
			if (count(jdbc, "select count(*) from patient") < people) {
				WorkspaceBenchmark.populate(context, jdbc, people);
			}
			if (count(jdbc, "select count(*) from task where owner like 'bench-%'") == 0) {
				context.getBean(RiskScores.class).recomputeAll(500, 2, null);
				workingCaseloads(jdbc);
			}
			System.out.printf(
					"population: %d patient records, %d risk scores, %d open tasks, %d interactions, %d consents,"
							+ " %d snoozes; caseload %d (built in %.0f s)%n",
					count(jdbc, "select count(*) from patient"), count(jdbc, "select count(*) from risk_assessment"),
					count(jdbc, "select count(*) from task where status = 'OPEN'"),
					count(jdbc, "select count(*) from interaction"), count(jdbc, "select count(*) from care_consent"),
					count(jdbc, "select count(*) from today_snooze"),
					count(jdbc, "select count(*) from caseload_assignment where username = 'bench-coordinator'"),
					(System.nanoTime() - started) / 1e9);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			WorkspaceBenchmark.Pages pages = new WorkspaceBenchmark.Pages(port);
			pages.signIn("bench-coordinator", PASSWORD);
			WorkspaceBenchmark.measure("warm-up", Math.max(20, requests / 3), () -> pages.get("/today"));
			WorkspaceBenchmark.measure("today page", requests, () -> pages.get("/today"));
			// The same coordinator's caseload page in the same run: a yardstick measured
			// on a quiet machine in bench/workspace, for a run on a busy one.
			WorkspaceBenchmark.measure("warm-up", Math.max(20, requests / 3), () -> pages.get("/caseload"));
			WorkspaceBenchmark.measure("caseload page (same run)", requests, () -> pages.get("/caseload"));
			// The page's reads alone, without rendering and HTTP: where the time goes.
			Today today = context.getBean(Today.class);
			UserAccount coordinator = context.getBean(UserAccounts.class).find("bench-coordinator").orElseThrow();
			System.out.printf("rows on the page: %d%n", today.forUser(coordinator).size());
			WorkspaceBenchmark.measure("today reads", requests, () -> today.forUser(coordinator));
		}
	}

	/** Tasks, calls, consents and snoozes across the whole population, in SQL. */
	private static void workingCaseloads(JdbcClient jdbc) {
		jdbc.sql("""
				insert into task (patient_id, owner, kind, title, due_on, status)
				select a.patient_id, a.username,
				       case when n % 9 = 0 then 'TCM_CONTACT' else 'OTHER' end,
				       case when n % 9 = 0 then 'Contact after discharge (within 2 business days)'
				            else 'Follow up on the care plan' end,
				       current_date + ((n % 7) - 3)::int, 'OPEN'
				from (select patient_id, username, row_number() over (order by patient_id) as n
				      from caseload_assignment where relation = 'COORDINATOR') a
				where n % 3 = 0
				""").update();
		jdbc.sql(
				"""
						insert into interaction (patient_id, kind, outcome, started_at, minutes, staff, activity, note, recorded_by)
						select a.patient_id, 'PHONE_OUT', case when n % 5 = 0 then 'VOICEMAIL' else 'REACHED' end,
						       now() - make_interval(days => (n % 60)::int), 10, 'CLINICAL_STAFF', 'OTHER', 'Checked in', a.username
						from (select patient_id, username, row_number() over (order by patient_id) as n
						      from caseload_assignment where relation = 'COORDINATOR') a
						where n % 3 <> 1
						""")
			.update();
		jdbc.sql(
				"""
						insert into care_consent (patient_id, program, kind, obtained_on, obtained_by, disclosures_given, recorded_by)
						select a.patient_id, 'CCM', 'VERBAL', current_date - 100, a.username, true, a.username
						from (select patient_id, username, row_number() over (order by patient_id) as n
						      from caseload_assignment where relation = 'COORDINATOR') a
						where n % 4 = 0
						""")
			.update();
		jdbc.sql("""
				insert into today_snooze (patient_id, snoozed_until, reason, snoozed_by, snoozed_at)
				select a.patient_id, current_date + 2, 'Away this week', a.username, now() - interval '1 day'
				from (select patient_id, username, row_number() over (order by patient_id) as n
				      from caseload_assignment where relation = 'COORDINATOR') a
				where n % 20 = 0
				""").update();
		jdbc.sql("analyze").update();
	}

	private static int count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
