package org.northstar.worklist;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.TaskHistoryEntry.Field;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * The rules of a task's life (issue 14): guarded status changes, a completion that cannot
 * precede the task nor the discharge it follows and can be undone only the same day, the
 * next task of a recurring one, the append-only history, and escalation to the owner's
 * team supervisors once.
 */
class TaskRulesTests extends NorthstarTest {

	static final String PASSWORD = "task-rules-password-2026";

	@Autowired
	Tasks tasks;

	@Autowired
	TaskEscalation escalation;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	static PatientId patient;

	LocalDate today;

	@BeforeEach
	void aPatientAndATeam() {
		this.today = LocalDate.now(this.clock);
		if (patient != null) {
			return;
		}
		this.accounts.ensureTeam("tsk-team", "Task rules team");
		this.accounts.create("tsk-sue", "Sue Supervisor", PASSWORD, Set.of(Role.SUPERVISOR), "tsk-team");
		this.accounts.create("tsk-ana", "Ana Coordinator", PASSWORD, Set.of(Role.COORDINATOR), "tsk-team");
		PatientBundle bundle = aPatient("tsk-1").named("Tess", "Tasker").born("1950-05-05").sex("female");
		this.fhirImport.importBundle(bundle.json(), "task-rules-tests", "test");
		String id = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		patient = new PatientId(new RecordKey("task-rules-tests", "Patient", id).id());
	}

	@Test
	void refusesACompletionDatedBeforeTheTaskWasCreatedNamingBothDates() {
		Task task = task("Call about the scale", this.today, null);

		assertThatThrownBy(
				() -> this.tasks.complete(task.id(), patient, "tsk-ana", this.today.minusDays(1), this.today))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("done on " + this.today.minusDays(1))
			.hasMessageContaining("created on " + this.today);
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
	}

	@Test
	void refusesATcmContactDatedBeforeTheDischargeItFollowsNamingBothDates() {
		UUID stay = UUID.randomUUID();
		LocalDate discharged = this.today.minusDays(3);
		this.jdbc.sql("insert into transition_of_care (encounter_id, patient_id, discharged_on) values (?, ?, ?)")
			.params(stay, patient.value(), Date.valueOf(discharged))
			.update();
		// Recorded before the discharge (a pending discharge the hospital sent early).
		long contact = this.jdbc.sql("""
				insert into task (patient_id, owner, kind, title, due_on, encounter_id, created_at)
				values (?, 'tsk-ana', 'TCM_CONTACT', 'Contact after discharge', ?, ?, now() - interval '10 days')
				returning id
				""").params(patient.value(), Date.valueOf(discharged.plusDays(2)), stay).query(Long.class).single();

		assertThatThrownBy(() -> this.tasks.complete(contact, patient, "tsk-ana", discharged.minusDays(2), this.today))
			.hasMessageContaining("done on " + discharged.minusDays(2))
			.hasMessageContaining("before the discharge on " + discharged);
		assertThat(this.tasks.complete(contact, patient, "tsk-ana", discharged, this.today)).isTrue();
		assertThat(this.tasks.find(contact).orElseThrow().completedOn()).isEqualTo(discharged);
	}

	@Test
	void undoesACompletionTheSameDayBackToTheStatusItHad() {
		Task task = task("Send the leaflet", this.today, null);
		this.tasks.changeStatus(task.id(), patient, TaskStatus.IN_PROGRESS, "tsk-ana");
		assertThat(this.tasks.complete(task.id(), patient, "tsk-ana", this.today, this.today)).isTrue();

		Task undone = this.tasks.changeStatus(task.id(), patient, TaskStatus.OPEN, "tsk-ana").orElseThrow();

		assertThat(undone.status()).isEqualTo(TaskStatus.IN_PROGRESS);
		assertThat(undone.completedOn()).isNull();
		assertThat(undone.completedAt()).isNull();
		assertThat(history(task.id())).extracting(TaskHistoryEntry::field, TaskHistoryEntry::from, TaskHistoryEntry::to)
			.containsExactly(tuple(Field.CREATED, null, "OPEN"), tuple(Field.STATUS, "OPEN", "IN_PROGRESS"),
					tuple(Field.STATUS, "IN_PROGRESS", "DONE"), tuple(Field.COMPLETED_ON, null, this.today.toString()),
					tuple(Field.STATUS, "DONE", "IN_PROGRESS"));
	}

	@Test
	void refusesToUndoACompletionAfterTheDayItWasRecorded() {
		Task task = task("Check the pill box", this.today, null);
		this.tasks.complete(task.id(), patient, "tsk-ana", this.today, this.today);
		this.jdbc.sql("update task set completed_at = completed_at - interval '1 day' where id = ?")
			.param(task.id())
			.update();

		assertThatThrownBy(() -> this.tasks.changeStatus(task.id(), patient, TaskStatus.OPEN, "tsk-ana"))
			.hasMessageContaining("was completed on " + this.today.minusDays(1))
			.hasMessageContaining("today is " + this.today);
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
	}

	@Test
	void refusesAnIllegalTransitionNamingBothStatuses() {
		Task task = task("Mail the form", this.today, null);
		this.tasks.complete(task.id(), patient, "tsk-ana", this.today, this.today);

		assertThatThrownBy(() -> this.tasks.changeStatus(task.id(), patient, TaskStatus.CANCELLED, "tsk-ana"))
			.isInstanceOf(TaskStatus.TransitionRefusedException.class)
			.hasMessageContaining("done")
			.hasMessageContaining("cancelled");
		assertThat(this.tasks.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
	}

	@Test
	void completingARecurringTaskMakesTheNextOneAndUndoingItCancelsThatOne() {
		Task weekly = this.tasks.create(new TaskChange(patient, "tsk-ana", Task.Kind.OTHER, "Weight-check call",
				this.today, TaskStatus.OPEN, TaskPriority.URGENT, new Recurrence(1, Recurrence.Unit.WEEKS), null),
				"tsk-ana");

		this.tasks.complete(weekly.id(), patient, "tsk-ana", this.today, this.today);

		Task next = successor(weekly.id());
		assertThat(next.title()).isEqualTo("Weight-check call");
		assertThat(next.dueOn()).isEqualTo(this.today.plusWeeks(1));
		assertThat(next.status()).isEqualTo(TaskStatus.OPEN);
		assertThat(next.priority()).isEqualTo(TaskPriority.URGENT);
		assertThat(next.recurrence()).isEqualTo(new Recurrence(1, Recurrence.Unit.WEEKS));
		assertThat(next.owner()).isEqualTo("tsk-ana");

		this.tasks.changeStatus(weekly.id(), patient, TaskStatus.OPEN, "tsk-ana");

		assertThat(this.tasks.find(next.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(this.tasks.find(weekly.id()).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
	}

	@Test
	void keepsEveryChangeOfOwnerDueDateAndPriorityInAnAppendOnlyHistory() {
		Task task = task("Book the ride", this.today.plusDays(3), null);

		this.tasks.update(task.id(), task.version(), new TaskChange(patient, "tsk-sue", Task.Kind.OTHER,
				"Book the ride", this.today.plusDays(5), TaskStatus.OPEN, TaskPriority.ASAP, null, null), "tsk-ana");

		assertThat(history(task.id()))
			.extracting(TaskHistoryEntry::by, TaskHistoryEntry::field, TaskHistoryEntry::from, TaskHistoryEntry::to)
			.containsExactly(tuple("tsk-ana", Field.CREATED, null, "OPEN"),
					tuple("tsk-ana", Field.OWNER, "tsk-ana", "tsk-sue"),
					tuple("tsk-ana", Field.DUE, this.today.plusDays(3).toString(), this.today.plusDays(5).toString()),
					tuple("tsk-ana", Field.PRIORITY, "ROUTINE", "ASAP"));
		assertThatThrownBy(() -> this.jdbc.sql("update task_history set by_user = 'someone' where task_id = ?")
			.param(task.id())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from task_history where task_id = ?").param(task.id()).update())
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void escalatesAnOverdueTaskOnceToTheOwnersTeamSupervisorsAfterTheGracePeriod() {
		Task late = task("Call back about the copay", this.today.minusDays(10), null);
		Task withinGrace = task("Send the diary", this.today.minusDays(1), null);

		this.escalation.escalateOverdue(this.today);
		this.escalation.escalateOverdue(this.today);

		Task escalated = this.tasks.find(late.id()).orElseThrow();
		assertThat(escalated.escalatedTeam()).isEqualTo("tsk-team");
		assertThat(escalated.escalatedAt()).isNotNull();
		assertThat(escalated.version()).isEqualTo(late.version());
		assertThat(history(late.id())).filteredOn(e -> e.field() == Field.ESCALATED)
			.extracting(TaskHistoryEntry::by, TaskHistoryEntry::to)
			.containsExactly(tuple(Tasks.NORTHSTAR, "tsk-team (tsk-sue)"));
		assertThat(this.tasks.find(withinGrace.id()).orElseThrow().escalatedAt()).isNull();

		PageClient sue = new PageClient(this.port, "127.0.42.1");
		sue.signIn("tsk-sue", PASSWORD);
		assertThat(sue.getPage("/today/team").body()).contains("Escalated to you")
			.contains("Call back about the copay")
			.doesNotContain("Send the diary");
	}

	private Task task(String title, LocalDate due, Recurrence recurrence) {
		return this.tasks.create(new TaskChange(patient, "tsk-ana", Task.Kind.OTHER, title, due, TaskStatus.OPEN,
				TaskPriority.ROUTINE, recurrence, null), "tsk-ana");
	}

	private List<TaskHistoryEntry> history(long task) {
		return this.tasks.history(List.of(task)).getOrDefault(task, List.of());
	}

	private Task successor(long task) {
		long id = this.jdbc.sql("select id from task where previous_id = ?").param(task).query(Long.class).single();
		return this.tasks.find(id).orElseThrow();
	}

}
