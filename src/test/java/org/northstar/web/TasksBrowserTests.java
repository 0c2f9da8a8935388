package org.northstar.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
import org.northstar.support.BrowserTest;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Jim works shifts that clash with clinic hours: his coordinator turns that work-schedule
 * barrier of his plan into a task, which links back to the barrier and which the plan
 * shows; she completes the task and, having clicked too soon, undoes it.
 */
class TasksBrowserTests extends BrowserTest {

	static final String PASSWORD = "tasks-browser-password-2026";

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Autowired
	Tasks tasks;

	@Autowired
	Clock clock;

	static PatientId jim;

	static PlanItem barrier;

	@BeforeEach
	void jimsPlanHasAWorkScheduleBarrier() {
		if (jim != null) {
			return;
		}
		this.accounts.ensureTeam("tsb-team", "Tasks browser team");
		this.accounts.create("tsb-ana", "Ana Browser", PASSWORD, Set.of(Role.COORDINATOR), "tsb-team");
		PatientBundle bundle = aPatient("tsb-1").named("Jim", "Shiftworker").born("1968-06-06").sex("male");
		this.fhirImport.importBundle(bundle.json(), "tasks-browser-tests", "test");
		String id = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		jim = new PatientId(new RecordKey("tasks-browser-tests", "Patient", id).id());
		this.caseloads.assign(jim, "tsb-ana", Relation.COORDINATOR);
		CarePlan plan = this.plans.open(jim, this.people.recordsOf(jim), "tsb-ana");
		barrier = this.plans.add(plan.id(),
				new ItemDraft(PlanItem.Kind.BARRIER, "Work schedule", BarrierKind.WORK_SCHEDULE,
						"Ask the clinic for an evening slot", "tsb-ana", LocalDate.now(this.clock).plusDays(10), null,
						Target.NONE, null),
				"tsb-ana");
	}

	@Test
	void jimsWorkScheduleBarrierBecomesATaskThatIsCompletedAndUndone() {
		browser.signIn("tsb-ana", PASSWORD).open("/patients/" + jim.value());
		String item = "#plan-item-" + barrier.id();
		browser.awaitText(item, "Work schedule");
		browser.awaitText("#tasks", "Nothing to do.");

		browser.find(item + " details.make-task summary").click();
		browser.type(item + " details.make-task input[name=title]", "Call the clinic about an evening slot for Jim");
		browser.find(item + " details.make-task button[type=submit]").click();

		browser.awaitText("#tasks .task-message", "Task added for tsb-ana");
		assertThat(browser.find("#tasks .tasks").getText()).contains("Call the clinic about an evening slot for Jim")
			.contains("follows Barrier: Work schedule");
		// The plan reloads on its own and shows the task under the barrier.
		browser.awaitText(item + " .item-tasks", "Call the clinic about an evening slot for Jim");
		Task task = this.tasks.openFor(List.of(jim)).get(0);
		assertThat(task.basis())
			.isEqualTo(new TaskBasis(TaskBasis.Kind.PLAN_ITEM, barrier.id(), "Barrier: Work schedule"));
		browser.screenshot("barrier-becomes-a-task");

		browser.find("#task-" + task.id() + " form.task-done button").click();
		browser.awaitText("#tasks .task-message", "Done on");
		assertThat(browser.find("#tasks .closed-tasks").getText()).contains("Call the clinic about an evening slot");

		browser.find("#task-" + task.id() + " form.task-undo button").click();
		browser.awaitText("#tasks .task-message", "open again.");
		assertThat(browser.find("#task-" + task.id()).getText()).contains("open");
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
	}

}
