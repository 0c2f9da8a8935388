package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.Target;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Recurrence;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskPriority;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The patient page's Tasks section (issue 14): a coordinator sets a task down with an
 * owner, priority and recurrence, starts it, completes it and undoes the completion, in
 * place; a care-plan barrier becomes a task that links back to it and that the plan
 * shows; every read and write is audited, and someone without access changes nothing.
 */
class TasksSectionTests extends NorthstarTest {

	static final String PASSWORD = "tasks-section-password-2026";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	static PatientId patient;

	LocalDate today;

	@BeforeEach
	void aPersonOnACaseload() {
		this.today = LocalDate.now(this.clock);
		if (patient != null) {
			return;
		}
		this.accounts.ensureTeam("tss-team", "Tasks section team");
		this.accounts.ensureTeam("tss-other", "Another team");
		this.accounts.create("tss-ana", "Ana Tasks", PASSWORD, Set.of(Role.COORDINATOR), "tss-team");
		this.accounts.create("tss-bob", "Bob Tasks", PASSWORD, Set.of(Role.COORDINATOR), "tss-team");
		this.accounts.create("tss-zed", "Zed Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), "tss-other");
		PatientBundle bundle = aPatient("tss-1").named("Wendy", "Weigh").born("1948-04-04").sex("female");
		this.fhirImport.importBundle(bundle.json(), "tasks-section-tests", "test");
		String id = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		patient = new PatientId(new RecordKey("tasks-section-tests", "Patient", id).id());
		this.caseloads.assign(patient, "tss-ana", Relation.COORDINATOR);
	}

	@Test
	void aCoordinatorSetsDownAWeeklyTaskStartsCompletesAndUndoesItInPlace() {
		PageClient ana = signedIn("tss-ana", "127.0.43.1");
		assertThat(ana.getPage("/patients/" + patient).body()).contains("hx-get=\"/patients/" + patient + "/tasks\"");
		ana.header("HX-Request", "true");
		assertThat(ana.get("/patients/" + patient + "/tasks").body()).contains("New task")
			.contains("Team queue: tss-team");

		String created = ana.post("/patients/" + patient + "/tasks",
				Map.of("title", "Weight-check call", "dueOn", this.today.toString(), "owner", "tss-bob", "priority",
						"URGENT", "repeatEvery", "1", "repeatUnit", "WEEKS"))
			.body();

		assertThat(created).contains("Task added for tss-bob")
			.contains("Weight-check call")
			.contains("urgent")
			.contains("repeats every week")
			.doesNotContain("<html");
		Task task = only("Weight-check call");
		assertThat(task.owner()).isEqualTo("tss-bob");
		assertThat(task.priority()).isEqualTo(TaskPriority.URGENT);
		assertThat(task.recurrence()).isEqualTo(new Recurrence(1, Recurrence.Unit.WEEKS));

		String started = ana
			.post("/patients/" + patient + "/tasks/" + task.id() + "/status", Map.of("status", "IN_PROGRESS"))
			.body();
		assertThat(started).contains("Weight-check call").contains(" is in progress.");

		String done = ana
			.post("/patients/" + patient + "/tasks/" + task.id() + "/complete", Map.of("on", this.today.toString()))
			.body();
		assertThat(done).contains("Done on " + this.today).contains("Closed this week").contains("Undo");
		assertThat(this.tasks.openFor(List.of(patient))).filteredOn(t -> t.title().equals("Weight-check call"))
			.extracting(Task::title, Task::dueOn)
			.containsExactly(org.assertj.core.api.Assertions.tuple("Weight-check call", this.today.plusWeeks(1)));

		String undone = ana.post("/patients/" + patient + "/tasks/" + task.id() + "/undo", Map.of()).body();
		assertThat(undone).contains(" is in progress again.")
			.contains("status in_progress → done")
			.contains("status done → in_progress");
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);

		String refused = ana
			.post("/patients/" + patient + "/tasks/" + task.id() + "/complete",
					Map.of("on", this.today.minusDays(1).toString()))
			.body();
		assertThat(refused).contains("cannot have been done on " + this.today.minusDays(1))
			.contains("created on " + this.today);

		assertThat(audited("tss-ana")).contains("tasks", "task created", "task " + task.id() + " in_progress",
				"task " + task.id() + " done on " + this.today, "task " + task.id() + " completion undone");
	}

	@Test
	void aBarrierBecomesATaskThatLinksBackToItAndThePlanShowsIt() {
		CarePlan plan = this.plans.open(patient, this.people.recordsOf(patient), "tss-ana");
		PlanItem barrier = this.plans.add(plan.id(),
				new ItemDraft(PlanItem.Kind.BARRIER, "Work schedule", BarrierKind.WORK_SCHEDULE,
						"Find clinic hours after her shift", "tss-ana", this.today.plusDays(7), null, Target.NONE,
						null),
				"tss-ana");
		PageClient ana = signedIn("tss-ana", "127.0.43.2");
		ana.header("HX-Request", "true");
		assertThat(ana.get("/patients/" + patient + "/care-plan").body()).contains("Make a task");

		PageClient.Response made = ana.post("/patients/" + patient + "/tasks",
				Map.of("planItem", Long.toString(barrier.id()), "title", "Call the clinic about evening hours", "dueOn",
						this.today.plusDays(2).toString(), "owner", "tss-ana", "priority", "ROUTINE"));

		assertThat(made.header("HX-Trigger")).contains("tasks-changed");
		assertThat(made.body()).contains("follows")
			.contains("href=\"#plan-item-" + barrier.id() + "\"")
			.contains("Barrier: Work schedule");
		Task task = only("Call the clinic about evening hours");
		assertThat(task.basis())
			.isEqualTo(new TaskBasis(TaskBasis.Kind.PLAN_ITEM, barrier.id(), "Barrier: Work schedule"));
		assertThat(ana.get("/patients/" + patient + "/care-plan").body()).contains("Task: <a href=\"#task-" + task.id())
			.contains("Call the clinic about evening hours");
	}

	@Test
	void someoneWithoutAccessNeitherSeesNorChangesTheTasks() {
		PageClient zed = signedIn("tss-zed", "127.0.43.3");
		// The refused page offers to break the glass: a form, and so a CSRF token.
		assertThat(zed.getPage("/patients/" + patient).status()).isEqualTo(403);
		zed.header("HX-Request", "true");

		assertThat(zed.get("/patients/" + patient + "/tasks").status()).isEqualTo(403);
		PageClient.Response refused = zed.post("/patients/" + patient + "/tasks",
				Map.of("title", "Sneaky task", "dueOn", this.today.toString()));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(this.tasks.openFor(List.of(patient))).extracting(Task::title).doesNotContain("Sneaky task");
		assertThat(this.jdbc.sql(
				"select count(*) from audit_event where username = 'tss-zed' and patient_id = ? and outcome = 'DENIED'")
			.param(patient.value())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	private Task only(String title) {
		return this.tasks.openFor(List.of(patient))
			.stream()
			.filter(t -> t.title().equals(title))
			.findFirst()
			.orElseThrow();
	}

	private List<String> audited(String user) {
		return this.jdbc
			.sql("select detail from audit_event where username = ? and patient_id = ? and outcome = 'SUCCESS'")
			.params(user, patient.value())
			.query(String.class)
			.list();
	}

	private PageClient signedIn(String user, String address) {
		PageClient page = new PageClient(this.port, address);
		page.signIn(user, PASSWORD);
		return page;
	}

}
