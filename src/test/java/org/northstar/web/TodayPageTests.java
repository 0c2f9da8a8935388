package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.documentation.Interactions;
import org.northstar.documentation.NewInteraction;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Actor;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The Today page as a coordinator and a supervisor use it: what is on it and in which
 * order, the row actions answered in place, and refusals for people outside the user's
 * reach, each audited.
 */
class TodayPageTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Assignments assignments;

	@Autowired
	Tasks tasks;

	@Autowired
	Interactions interactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	static PatientId tcm;

	static PatientId quiet;

	static PatientId called;

	static PatientId stranger;

	static PatientId neverCalled;

	static long tcmContact;

	static long strangerTask;

	@BeforeEach
	void caseloads() {
		if (tcm != null) {
			return;
		}
		this.accounts.ensureTeam("today-team", "Today team");
		this.accounts.ensureTeam("today-other", "Another team");
		this.accounts.create("today-ana", "Ana Today", PASSWORD, Set.of(Role.COORDINATOR), "today-team");
		this.accounts.create("today-ben", "Ben Today", PASSWORD, Set.of(Role.COORDINATOR), "today-team");
		this.accounts.create("today-sue", "Sue Today", PASSWORD, Set.of(Role.SUPERVISOR), "today-team");
		this.accounts.create("today-zed", "Zed Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), "today-other");
		LocalDate today = LocalDate.now(this.clock);
		tcm = patient("td-1", "Tamsin", "Overdue");
		quiet = patient("td-2", "Quentin", "Snoozable");
		called = patient("td-3", "Cora", "Callme");
		stranger = patient("td-4", "Sam", "Stranger");
		neverCalled = patient("td-8", "Nell", "Nevercalled");
		for (PatientId mine : List.of(tcm, quiet, called, neverCalled)) {
			this.caseloads.assign(mine, "today-ana", Relation.COORDINATOR);
		}
		this.caseloads.assign(stranger, "today-zed", Relation.COORDINATOR);
		tcmContact = this.tasks
			.create(new TaskChange(tcm, "today-ana", Task.Kind.TCM_CONTACT,
					"Contact after discharge on " + today.minusDays(4) + " (within 2 business days)",
					today.minusDays(2), "OPEN"))
			.id();
		this.tasks.create(new TaskChange(quiet, "today-ana", Task.Kind.OTHER, "Ask about the walker", today, "OPEN"));
		strangerTask = this.tasks
			.create(new TaskChange(stranger, "today-zed", Task.Kind.OTHER, "Someone else's", today, "OPEN"))
			.id();
		// Reached lately: on Today only through their task.
		for (PatientId reached : List.of(tcm, quiet)) {
			this.interactions.record(reached,
					new NewInteraction("PHONE_OUT", "REACHED", this.clock.instant().minusSeconds(86_400).toString(), 5,
							"CLINICAL_STAFF", "OTHER", "Checked in", List.of(), null, null),
					"today-ana");
		}
	}

	@Test
	void theOverdueTransitionOfCareContactRanksFirstAndEachRowSaysWhy() {
		PageClient page = signedIn("today-ana", "127.0.31.1");

		String body = page.get("/today").body();

		assertThat(body).contains("Overdue, Tamsin").contains("Nevercalled, Nell");
		assertThat(body).doesNotContain("Stranger, Sam");
		assertThat(body.indexOf("Overdue, Tamsin")).isLessThan(body.indexOf("Nevercalled, Nell"));
		assertThat(body).contains("overdue since").contains("TCM contact 100 + 2 days late × 5");
		assertThat(body).contains("Priority <strong>110</strong>");
		assertThat(body).contains(">Done: contact after discharge<")
			.contains("aria-label=\"Done: contact after discharge for Overdue, Tamsin\"");
		assertThat(body).contains("No contact on record (no program: every 90 days)");
		assertThat(audits("today-ana", "SEARCH", null)).anyMatch(d -> d.startsWith("Today: "));
	}

	@Test
	void completingATaskAnswersWithTheRowAsItNowStands() {
		PatientId person = patient("td-5", "Dora", "Doneable");
		this.caseloads.assign(person, "today-ana", Relation.COORDINATOR);
		long task = this.tasks
			.create(new TaskChange(person, "today-ana", Task.Kind.OTHER, "Book the ride", LocalDate.now(this.clock),
					"OPEN"))
			.id();
		PageClient page = signedIn("today-ana", "127.0.31.2");
		page.get("/today");

		String row = page.header("HX-Request", "true")
			.post("/today/tasks/" + task + "/done", Map.of("person", person.toString()))
			.body();

		assertThat(row).startsWith("<li").contains("Done: Book the ride.").doesNotContain("Book the ride: due today");
		assertThat(this.tasks.find(task).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
		assertThat(audits("today-ana", "UPDATE", person)).contains("Today: task " + task + " done");
	}

	@Test
	void aSnoozedPersonLeavesTodayUntilTheDay() {
		PageClient page = signedIn("today-ana", "127.0.31.3");
		page.get("/today");
		String until = LocalDate.now(this.clock).plusDays(3).toString();
		assertThat(page.header("HX-Request", "true").get("/today/people/" + quiet + "/forms/snooze").body())
			.startsWith("<form")
			.contains("name=\"reason\"")
			.contains("aria-label=\"Snooze Snoozable, Quentin\"");

		String row = page.header("HX-Request", "true")
			.post("/today/people/" + quiet + "/snooze", Map.of("until", until, "reason", "Away at her daughters"))
			.body();

		assertThat(row).contains("Snoozed until").contains("Away at her daughters");
		assertThat(page.header("HX-Request", null).get("/today").body()).doesNotContain("Snoozable, Quentin")
			.contains("Overdue, Tamsin");
		assertThat(this.jdbc.sql("select snoozed_by from today_snooze where patient_id = ?")
			.param(quiet.value())
			.query(String.class)
			.list()).containsExactly("today-ana");

		String refused = page.header("HX-Request", "true")
			.post("/today/people/" + called + "/snooze",
					Map.of("until", LocalDate.now(this.clock).toString(), "reason", "today is not later"))
			.body();
		assertThat(refused).contains("A snooze ends after today");
	}

	@Test
	void aDocumentedCallIsRecordedAndTheRowNoLongerSaysNotContacted() {
		PageClient page = signedIn("today-ana", "127.0.31.4");
		page.get("/today");

		String row = page.header("HX-Request", "true")
			.post("/today/people/" + called + "/calls",
					Map.of("outcome", "REACHED", "minutes", "12", "activity", "OTHER", "note", "Talked about meals"))
			.body();

		assertThat(row).contains("Call documented: reached, 12 min.").doesNotContain("No contact on record");
		assertThat(this.interactions.of(List.of(called))).singleElement().satisfies(call -> {
			assertThat(call.minutes()).isEqualTo(12);
			assertThat(call.note()).isEqualTo("Talked about meals");
			assertThat(call.recordedBy()).isEqualTo("today-ana");
		});

		String bad = page.post("/today/people/" + called + "/calls", Map.of("outcome", "REACHED", "minutes", "-3"))
			.body();
		assertThat(bad).contains("minutes").contains("-3 is not between 0 and 1440");
	}

	@Test
	void theContactIntervalIsThatOfTheProgramThePersonIsAttributedUnder() {
		PatientBundle bundle = aPatient("td-10").named("Petra", "Program")
			.born("1951-03-04")
			.sex("female")
			.identifier("MR", "urn:test:today-program", "TD-10");
		this.fhirImport.importBundle(bundle.json(), "today-tests", "test");
		PatientId person = new PatientId(
				new RecordKey("today-tests", "Patient", new String(bundle.json(), StandardCharsets.UTF_8)
					.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1")).id());
		// Reached 40 days ago: within everyone's 90 days, past CCM's 30.
		this.interactions.record(person,
				new NewInteraction("PHONE_OUT", "REACHED", this.clock.instant().minusSeconds(40L * 86_400).toString(),
						5, "CLINICAL_STAFF", "OTHER", "Checked in", List.of(), null, null),
				"today-ana");
		assertThat(this.assignments
			.applyList(List.of(new Assignments.ListLine(2, "urn:test:today-program", "TD-10", "today-ana", "CCM")),
					Actor.commandLine(), "aco-attribution.csv")
			.assigned()).isEqualTo(1);

		String body = signedIn("today-ana", "127.0.31.10").get("/today").body();

		assertThat(body).contains("Program, Petra").contains("ago (CCM: every 30 days)");
	}

	@Test
	void aNewTaskDueTodayPutsThePersonOnToday() {
		PatientId person = patient("td-6", "Nia", "Newtask");
		this.caseloads.assign(person, "today-ana", Relation.COORDINATOR);
		this.interactions.record(person, new NewInteraction("PHONE_OUT", "REACHED", this.clock.instant().toString(), 5,
				"CLINICAL_STAFF", "OTHER", "Checked in", List.of(), null, null), "today-ana");
		PageClient page = signedIn("today-ana", "127.0.31.5");
		assertThat(page.get("/today").body()).doesNotContain("Newtask, Nia");

		String row = page.header("HX-Request", "true")
			.post("/today/people/" + person + "/tasks",
					Map.of("title", "Order the scales", "dueOn", LocalDate.now(this.clock).toString()))
			.body();

		assertThat(row).contains("Order the scales: due today").contains(">Done: Order the scales<");
		assertThat(page.header("HX-Request", null).get("/today").body()).contains("Newtask, Nia");
	}

	@Test
	void actionsOnPeopleOutsideTheUsersReachAreRefusedAndAudited() {
		PageClient page = signedIn("today-ana", "127.0.31.6");
		page.get("/today");
		page.header("HX-Request", "true");

		assertThat(page.post("/today/tasks/" + strangerTask + "/done", Map.of("person", stranger.toString())).status())
			.isEqualTo(403);
		assertThat(page
			.post("/today/people/" + stranger + "/snooze",
					Map.of("until", LocalDate.now(this.clock).plusDays(2).toString(), "reason", "x"))
			.status()).isEqualTo(403);
		assertThat(page.post("/today/people/" + stranger + "/calls", Map.of("outcome", "REACHED", "minutes", "3"))
			.status()).isEqualTo(403);
		assertThat(page
			.post("/today/people/" + stranger + "/tasks",
					Map.of("title", "Sneak", "dueOn", LocalDate.now(this.clock).toString()))
			.status()).isEqualTo(403);
		assertThat(page.get("/today/people/" + stranger + "/forms/call").status()).isEqualTo(403);
		// A task of one person cannot be completed through another's row.
		assertThat(page.post("/today/tasks/" + strangerTask + "/done", Map.of("person", tcm.toString())).status())
			.isEqualTo(404);

		assertThat(this.tasks.find(strangerTask).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
		assertThat(this.interactions.of(List.of(stranger))).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from today_snooze where patient_id = ?")
			.param(stranger.value())
			.query(Integer.class)
			.single()).isZero();
		assertThat(deniedCount("today-ana", stranger)).isEqualTo(5);
	}

	@Test
	void onlyASupervisorReassignsAndSeesTheTeamsToday() {
		PatientId person = patient("td-7", "Rhea", "Reassigned");
		this.caseloads.assign(person, "today-ana", Relation.COORDINATOR);
		this.tasks.create(new TaskChange(person, "today-ana", Task.Kind.OTHER, "Check the scales",
				LocalDate.now(this.clock).minusDays(1), "OPEN"));
		PageClient ana = signedIn("today-ana", "127.0.31.7");
		ana.get("/today");
		assertThat(ana.get("/today/team").status()).isEqualTo(403);
		assertThat(ana.header("HX-Request", "true")
			.post("/today/people/" + person + "/coordinator", Map.of("coordinator", "today-ben"))
			.status()).isEqualTo(403);

		PageClient sue = signedIn("today-sue", "127.0.31.8");
		String team = sue.get("/today/team").body();
		assertThat(team).contains("Overdue, by coordinator")
			.contains("id=\"coordinator-today-ana\"")
			.contains("Reassigned, Rhea");
		assertThat(sue.header("HX-Request", "true")
			.post("/today/people/" + person + "/coordinator", Map.of("coordinator", "today-zed"))
			.body()).contains("today-zed is not a coordinator of your team");

		String row = sue.post("/today/people/" + person + "/coordinator", Map.of("coordinator", "today-ben")).body();

		assertThat(row).contains("Reassigned to today-ben.");
		assertThat(this.caseloads.coordinatorOf(person)).contains("today-ben");
		assertThat(this.jdbc
			.sql("select count(*) from caseload_assignment where patient_id = ? and relation = 'COORDINATOR'")
			.param(person.value())
			.query(Integer.class)
			.single()).as("off Ana's caseload, not on two").isEqualTo(1);
		assertThat(ana.header("HX-Request", null).get("/today").body()).doesNotContain("Reassigned, Rhea");
		assertThat(signedIn("today-ben", "127.0.31.9").get("/today").body()).contains("Reassigned, Rhea");
		assertThat(audits("today-sue", "UPDATE", person)).contains("Today: reassigned to today-ben");
	}

	private PageClient signedIn(String user, String address) {
		PageClient page = new PageClient(this.port, address);
		page.signIn(user, PASSWORD);
		return page;
	}

	private List<String> audits(String user, String action, PatientId patient) {
		return this.jdbc
			.sql("select detail from audit_event where username = ? and action = ? and outcome = 'SUCCESS'"
					+ " and (?::uuid is null or patient_id = ?::uuid) order by seq")
			.params(user, action, patient == null ? null : patient.value(), patient == null ? null : patient.value())
			.query(String.class)
			.list();
	}

	private int deniedCount(String user, PatientId patient) {
		return this.jdbc
			.sql("select count(*) from audit_event where username = ? and patient_id = ? and outcome = 'DENIED'")
			.params(user, patient.value())
			.query(Integer.class)
			.single();
	}

	private PatientId patient(String id, String given, String family) {
		PatientBundle bundle = aPatient(id).named(given, family).born("1950-02-03").sex("female");
		this.fhirImport.importBundle(bundle.json(), "today-tests", "test");
		String patientId = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("today-tests", "Patient", patientId).id());
	}

}
