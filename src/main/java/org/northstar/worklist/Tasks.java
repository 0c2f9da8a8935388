package org.northstar.worklist;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.northstar.documentation.FollowUpRequested;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TaskHistoryEntry.Field;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coordinators' tasks. Changes are optimistic: each one names the version it read and
 * fails if someone else changed the task since. A status changes only as
 * {@link TaskStatus#mayBecome} allows; a task is completed on a day not before the
 * discharge it follows (or, following none, not before it was created), and the
 * completion can be undone only on the (practice's) day it was recorded. Every change of
 * status, owner, due date and priority, and every creation, completion and escalation, is
 * kept in the task's history ({@link #history}), in the transaction of the change; the
 * history is never changed.
 */
@Service
public class Tasks {

	/**
	 * Who changes tasks when no person does: a reaction, a reassignment, the escalation.
	 */
	public static final String NORTHSTAR = "northstar";

	private static final String COLUMNS = """
			id, patient_id, owner, kind, title, due_on, status, encounter_id, version, created_at, updated_at,
			priority, repeat_every, repeat_unit, basis_kind, basis_id, basis_title, completed_on, completed_by,
			completed_at, escalated_at, escalated_team""";

	private static final String ACTIVE = TaskStatus.ACTIVE_SQL;

	private final JdbcClient jdbc;

	private final Clock clock;

	Tasks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** How many open tasks each patient has; patients without any are absent. */
	public Map<PatientId, Integer> openCounts(Collection<PatientId> patients) {
		Map<PatientId, Integer> counts = new HashMap<>();
		this.jdbc
			.sql("select patient_id, count(*) from task where " + ACTIVE
					+ " and patient_id = any(?) group by patient_id")
			.param(patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> counts.put(new PatientId(rs.getObject(1, UUID.class)), rs.getInt(2)))
			.list();
		return counts;
	}

	/**
	 * The tasks still to do (open, in progress or on hold) of these patient records (one
	 * person's, on the patient page), the earliest due first.
	 */
	public List<Task> openFor(Collection<PatientId> records) {
		return this.jdbc
			.sql("select " + COLUMNS + " from task where patient_id = any(?) and " + ACTIVE + " order by due_on, id")
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> task(rs))
			.list();
	}

	/**
	 * The tasks of these records closed (done or cancelled) since a day, the latest
	 * first: what a coordinator may still want to undo or look back on.
	 */
	public List<Task> closedFor(Collection<PatientId> records, Instant since) {
		return this.jdbc
			.sql("select " + COLUMNS + " from task where patient_id = any(?) and status in ('DONE', 'CANCELLED')"
					+ " and updated_at >= ? order by updated_at desc, id desc")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new), Timestamp.from(since))
			.query((rs, n) -> task(rs))
			.list();
	}

	/** The tasks that follow these plan items or meetings, by their id. */
	public Map<Long, List<Task>> following(TaskBasis.Kind kind, Collection<Long> ids) {
		Map<Long, List<Task>> byBasis = new LinkedHashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from task where basis_kind = ? and basis_id = any(?) order by due_on, id")
			.params(kind.name(), ids.toArray(Long[]::new))
			.query((rs, n) -> task(rs))
			.list()
			.forEach(t -> byBasis.computeIfAbsent(t.basis().id(), k -> new ArrayList<>()).add(t));
		return byBasis;
	}

	/**
	 * The tasks still to do that were escalated to a team's supervisors, earliest due
	 * first.
	 */
	public List<Task> escalatedTo(String team) {
		return this.jdbc
			.sql("select " + COLUMNS + " from task where escalated_team = ? and " + ACTIVE + " order by due_on, id")
			.param(team)
			.query((rs, n) -> task(rs))
			.list();
	}

	public Optional<Task> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from task where id = ?")
			.param(id)
			.query((rs, n) -> task(rs))
			.optional();
	}

	/** What happened to these tasks, oldest first, by task. */
	public Map<Long, List<TaskHistoryEntry>> history(Collection<Long> tasks) {
		Map<Long, List<TaskHistoryEntry>> byTask = new LinkedHashMap<>();
		this.jdbc.sql("""
				select task_id, at, by_user, field, from_value, to_value, reason from task_history
				where task_id = any(?) order by task_id, id
				""")
			.param(tasks.toArray(Long[]::new))
			.query((rs, n) -> new TaskHistoryEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					Field.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list()
			.forEach(e -> byTask.computeIfAbsent(e.task(), k -> new ArrayList<>()).add(e));
		return byTask;
	}

	/**
	 * The follow-up a signed interaction asks for, as a task of whoever signed it, in the
	 * interaction's transaction: if the task cannot be made, the interaction is not
	 * recorded either.
	 */
	@EventListener
	void on(FollowUpRequested followUp) {
		create(new TaskChange(followUp.patient(), followUp.requestedBy(), Task.Kind.OTHER, followUp.what(),
				followUp.on(), "OPEN"), followUp.requestedBy());
	}

	/**
	 * One page of the tasks of these patients (null: any patient), optionally only those
	 * with a status or owner, the earliest due first; and how many match in all.
	 */
	public TaskPage search(Collection<PatientId> patients, String status, String owner, int offset, int count) {
		StringBuilder where = new StringBuilder("true");
		List<Object> params = new ArrayList<>();
		if (patients != null) {
			where.append(" and patient_id = any(?)");
			params.add(patients.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (status != null) {
			where.append(" and status = ?");
			params.add(status);
		}
		if (owner != null) {
			where.append(" and owner = ?");
			params.add(owner);
		}
		int total = this.jdbc.sql("select count(*) from task where " + where)
			.params(params)
			.query(Integer.class)
			.single();
		if (count <= 0 || total == 0) {
			return new TaskPage(List.of(), total);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(count);
		pageParams.add(offset);
		return new TaskPage(this.jdbc
			.sql("select " + COLUMNS + " from task where " + where + " order by due_on, id limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> task(rs))
			.list(), total);
	}

	/**
	 * Gives the tasks still to do these records have with one owner to another: a
	 * reassigned person's work moves with them, and each task's history says so.
	 */
	@Transactional
	public void handOver(Collection<PatientId> records, String from, String to) {
		this.jdbc.sql("""
				with moved as (
				    update task set owner = ?, version = version + 1, updated_at = now()
				    where patient_id = any(?) and status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD') and owner = ?
				    returning id)
				insert into task_history (task_id, by_user, field, from_value, to_value)
				select id, ?, 'OWNER', ?, ? from moved
				""")
			.params(to, records.stream().map(PatientId::value).toArray(UUID[]::new), from, NORTHSTAR, from, to)
			.update();
	}

	/** Creates the task, as its owner (or Northstar, for an unowned one) set it down. */
	@Transactional
	public Task create(TaskChange task) {
		return create(task, task.owner() == null ? NORTHSTAR : task.owner());
	}

	/**
	 * Creates the task: always still to do (a task is created open, in progress or on
	 * hold; it is completed through {@link #complete}).
	 * @param by who set it down, for its history
	 * @throws IllegalArgumentException if the change would create a closed task
	 */
	@Transactional
	public Task create(TaskChange task, String by) {
		if (!task.status().active()) {
			throw new IllegalArgumentException(
					"A new task is open, in progress or on hold, not " + task.status().label());
		}
		Recurrence recurrence = task.recurrence();
		TaskBasis basis = task.basis();
		long id = this.jdbc.sql("""
				insert into task (patient_id, owner, kind, title, due_on, status, priority, repeat_every, repeat_unit,
				                  basis_kind, basis_id, basis_title)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				returning id
				""")
			.params(task.patient().value(), task.owner(), task.kind().name(), task.title(), Date.valueOf(task.dueOn()),
					task.status().name(), task.priority().name(), recurrence == null ? null : recurrence.every(),
					recurrence == null ? null : recurrence.unit().name(), basis == null ? null : basis.kind().name(),
					basis == null ? null : basis.id(), basis == null ? null : basis.title())
			.query(Long.class)
			.single();
		record(id, by, Field.CREATED, null, task.status().name());
		return find(id).orElseThrow();
	}

	/**
	 * Replaces what the task says, as Northstar; see
	 * {@link #update(long, int, TaskChange, String)}.
	 */
	@Transactional
	public Optional<Task> update(long id, int expectedVersion, TaskChange change) {
		return update(id, expectedVersion, change, NORTHSTAR);
	}

	/**
	 * Replaces what the task says, if it is still at the version the caller read. A new
	 * status must be one the task's may become; completing records today as the day it
	 * was done, and reopening a completed task is undoing it (the same day only). The
	 * recurrence and basis are kept.
	 * @param by who changes it, for its history
	 * @return the task as changed; empty if there is no such task
	 * @throws VersionConflictException if the task changed since
	 * @throws TaskStatus.TransitionRefusedException if the status may not follow
	 */
	@Transactional
	public Optional<Task> update(long id, int expectedVersion, TaskChange change, String by) {
		Optional<Task> locked = locked(id);
		if (locked.isEmpty()) {
			return Optional.empty();
		}
		Task current = locked.get();
		if (current.version() != expectedVersion) {
			throw new VersionConflictException(id, expectedVersion, current.version());
		}
		LocalDate today = LocalDate.now(this.clock);
		if (change.status() != current.status()) {
			if (change.status() == TaskStatus.DONE) {
				checkCompletion(current, today, today);
			}
			else if (current.status() == TaskStatus.DONE) {
				checkUndo(current, today);
			}
			current.status().checkBecomes(change.status());
		}
		this.jdbc.sql("""
				update task set owner = ?, kind = ?, title = ?, due_on = ?, status = ?, priority = ?,
				    completed_on = case when ? = 'DONE' then coalesce(completed_on, ?) end,
				    completed_by = case when ? = 'DONE' then coalesce(completed_by, ?) end,
				    completed_at = case when ? = 'DONE' then coalesce(completed_at, now()) end,
				    version = version + 1, updated_at = now()
				where id = ?
				""")
			.params(change.owner(), change.kind().name(), change.title(), Date.valueOf(change.dueOn()),
					change.status().name(), change.priority().name(), change.status().name(), Date.valueOf(today),
					change.status().name(), by, change.status().name(), id)
			.update();
		recordChanges(current, change, by);
		if (change.status() == TaskStatus.DONE && current.status() != TaskStatus.DONE) {
			record(id, by, Field.COMPLETED_ON, null, today.toString());
			next(current, by, today);
		}
		if (current.status() == TaskStatus.DONE && change.status() != TaskStatus.DONE) {
			cancelSuccessor(id, by);
		}
		return find(id);
	}

	/**
	 * Deletes the task, if it is still at the version the caller read (any version when
	 * null). Its history stays, saying so.
	 * @return whether there was such a task
	 * @throws VersionConflictException if the task changed since
	 */
	@Transactional
	public boolean delete(long id, Integer expectedVersion) {
		int deleted = this.jdbc.sql("delete from task where id = ? and (?::int is null or version = ?::int)")
			.params(id, expectedVersion, expectedVersion)
			.update();
		if (deleted == 0) {
			Optional<Task> current = find(id);
			if (current.isPresent()) {
				throw new VersionConflictException(id, expectedVersion, current.get().version());
			}
			return false;
		}
		this.jdbc.sql("update task set previous_id = null where previous_id = ?").param(id).update();
		record(id, NORTHSTAR, Field.DELETED, null, null);
		return true;
	}

	/**
	 * Marks a task of the patient that is still to do done, on the day it was done: for a
	 * contact or a visit, the day it took place, which the TCM clock measures. A
	 * recurring task's next one is created with it.
	 * @return whether a task of that patient still to do was completed
	 * @throws IllegalArgumentException if {@code doneOn} is in the future, before the
	 * discharge the task follows, or (following none) before it was created
	 */
	@Transactional
	public boolean complete(long task, PatientId patient, String by, LocalDate doneOn, LocalDate today) {
		Optional<Task> locked = locked(task).filter(t -> t.patient().equals(patient) && t.status().active());
		if (locked.isEmpty()) {
			if (doneOn.isAfter(today)) {
				throw new IllegalArgumentException("A task cannot be done on " + doneOn + ", which is after today");
			}
			return false;
		}
		Task current = locked.get();
		checkCompletion(current, doneOn, today);
		this.jdbc.sql("""
				update task set status = 'DONE', completed_on = ?, completed_by = ?, completed_at = now(),
				    version = version + 1, updated_at = now()
				where id = ?
				""").params(Date.valueOf(doneOn), by, task).update();
		record(task, by, Field.STATUS, current.status().name(), TaskStatus.DONE.name());
		record(task, by, Field.COMPLETED_ON, null, doneOn.toString());
		next(current, by, doneOn);
		return true;
	}

	/**
	 * Moves a task of the patient to another status: start, hold, resume, cancel, or
	 * reopen (a cancelled task; a completed one only the day it was completed, which
	 * takes it back to the status it had and cancels the next one a recurrence made).
	 * Completing goes through {@link #complete}, which needs the day it was done.
	 * @return the task as changed; empty if the patient has no such task
	 * @throws TaskStatus.TransitionRefusedException if the status may not follow
	 * @throws IllegalArgumentException if a completion is undone after its day
	 */
	@Transactional
	public Optional<Task> changeStatus(long task, PatientId patient, TaskStatus to, String by) {
		if (to == TaskStatus.DONE) {
			throw new IllegalArgumentException("Complete a task with the day it was done");
		}
		Optional<Task> locked = locked(task).filter(t -> t.patient().equals(patient));
		if (locked.isEmpty()) {
			return Optional.empty();
		}
		Task current = locked.get();
		current.status().checkBecomes(to);
		TaskStatus next = to;
		if (current.status() == TaskStatus.DONE) {
			checkUndo(current, LocalDate.now(this.clock));
			next = statusBeforeCompletion(task);
		}
		this.jdbc.sql("""
				update task set status = ?, completed_on = null, completed_by = null, completed_at = null,
				    version = version + 1, updated_at = now()
				where id = ?
				""").params(next.name(), task).update();
		record(task, by, Field.STATUS, current.status().name(), next.name());
		if (current.status() == TaskStatus.DONE) {
			cancelSuccessor(task, by);
		}
		return find(task);
	}

	/** A task to create: what, and by when. */
	record NewTask(Task.Kind kind, String title, LocalDate dueOn) {
	}

	/**
	 * Creates the tasks an encounter calls for, in one statement, each unless the
	 * encounter already has one of its kind.
	 */
	void createOnce(PatientId patient, String owner, UUID encounter, List<NewTask> tasks) {
		this.jdbc
			.sql("""
					with created as (
					    insert into task (patient_id, owner, kind, title, due_on, encounter_id)
					    select ?, ?, kind, title, due_on, ? from unnest(?::text[], ?::text[], ?::date[]) as t (kind, title, due_on)
					    on conflict (encounter_id, kind) do nothing
					    returning id)
					insert into task_history (task_id, by_user, field, to_value) select id, ?, 'CREATED', 'OPEN' from created
					""")
			.params(patient.value(), owner, encounter, tasks.stream().map(t -> t.kind().name()).toArray(String[]::new),
					tasks.stream().map(NewTask::title).toArray(String[]::new),
					tasks.stream().map(t -> Date.valueOf(t.dueOn())).toArray(Date[]::new), NORTHSTAR)
			.update();
	}

	/**
	 * Moves the encounter's task of that kind still to do to a new due day, with the
	 * words that say why, and keeps the move in its history; a task already done or
	 * cancelled stays as it was.
	 */
	void moveOpen(UUID encounter, Task.Kind kind, LocalDate dueOn, String title) {
		List<Task> moving = this.jdbc
			.sql("select " + COLUMNS + " from task where encounter_id = ? and kind = ? and " + ACTIVE
					+ " and (due_on <> ? or title <> ?) for update")
			.params(encounter, kind.name(), Date.valueOf(dueOn), title)
			.query((rs, n) -> task(rs))
			.list();
		for (Task task : moving) {
			this.jdbc
				.sql("update task set due_on = ?, title = ?, version = version + 1, updated_at = now() where id = ?")
				.params(Date.valueOf(dueOn), title, task.id())
				.update();
			if (!task.dueOn().equals(dueOn)) {
				record(task.id(), NORTHSTAR, Field.DUE, task.dueOn().toString(), dueOn.toString());
			}
		}
	}

	/** The tasks an encounter's discharge started, whatever their status, by kind. */
	Map<Task.Kind, Task> ofEncounter(UUID encounter) {
		Map<Task.Kind, Task> byKind = new LinkedHashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from task where encounter_id = ? order by id for update")
			.param(encounter)
			.query((rs, n) -> task(rs))
			.list()
			.forEach(t -> byKind.put(t.kind(), t));
		return byKind;
	}

	/**
	 * Cancels a task still to do, as Northstar, keeping why in its history; a task done
	 * or cancelled already stays as it was.
	 * @return whether it was cancelled now
	 */
	boolean cancel(long task, String reason) {
		Optional<Task> locked = locked(task).filter(t -> t.status().active());
		if (locked.isEmpty()) {
			return false;
		}
		locked.get().status().checkBecomes(TaskStatus.CANCELLED);
		this.jdbc.sql("update task set status = 'CANCELLED', version = version + 1, updated_at = now() where id = ?")
			.param(task)
			.update();
		this.jdbc.sql("""
				insert into task_history (task_id, by_user, field, from_value, to_value, reason)
				values (?, ?, 'STATUS', ?, 'CANCELLED', ?)
				""").params(task, NORTHSTAR, locked.get().status().name(), reason).update();
		return true;
	}

	/**
	 * Tasks still to do that were never escalated, due before a day: one batch, by id
	 * after {@code afterId}.
	 */
	List<Task> toEscalate(LocalDate dueBefore, long afterId, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from task where " + ACTIVE
					+ " and escalated_at is null and due_on < ? and id > ? order by id limit ?")
			.params(Date.valueOf(dueBefore), afterId, limit)
			.query((rs, n) -> task(rs))
			.list();
	}

	/**
	 * Escalates one overdue task to a team's supervisors, once: a task already escalated
	 * or no longer to do is left alone. Not a change of the task itself (its version
	 * stays), but kept in its history.
	 * @param supervisors their usernames, for the history
	 * @return whether it was escalated now
	 */
	@Transactional
	boolean escalate(long task, String team, String supervisors) {
		int escalated = this.jdbc
			.sql("update task set escalated_at = now(), escalated_team = ? where id = ? and " + ACTIVE
					+ " and escalated_at is null")
			.params(team, task)
			.update();
		if (escalated == 1) {
			record(task, NORTHSTAR, Field.ESCALATED, null, team + " (" + supervisors + ")");
		}
		return escalated == 1;
	}

	/** The day the task was created, the practice's. */
	private LocalDate createdOn(Task task) {
		return LocalDate.ofInstant(task.createdAt(), this.clock.getZone());
	}

	/**
	 * A task that follows a discharge is bounded by the discharge, not by when Northstar
	 * heard of it: a contact made two days after a discharge that an import brought in a
	 * week later is a contact made two days after it, and the TCM clock needs that day.
	 * Any other task cannot have been done before it was set down.
	 */
	private void checkCompletion(Task task, LocalDate doneOn, LocalDate today) {
		if (doneOn.isAfter(today)) {
			throw new IllegalArgumentException("A task cannot be done on " + doneOn + ", which is after today");
		}
		Optional<LocalDate> discharged = task.encounter() == null ? Optional.empty()
				: this.jdbc.sql("select discharged_on from transition_of_care where encounter_id = ?")
					.param(task.encounter())
					.query((rs, n) -> rs.getDate(1).toLocalDate())
					.optional();
		if (discharged.isPresent()) {
			if (doneOn.isBefore(discharged.get())) {
				throw new IllegalArgumentException("'" + task.title() + "' cannot have been done on " + doneOn
						+ ", before the discharge on " + discharged.get() + " it follows");
			}
			return;
		}
		LocalDate created = createdOn(task);
		if (doneOn.isBefore(created)) {
			throw new IllegalArgumentException(
					"'" + task.title() + "' cannot have been done on " + doneOn + ": it was created on " + created);
		}
	}

	private void checkUndo(Task task, LocalDate today) {
		LocalDate completed = task.completedAt() == null ? null
				: LocalDate.ofInstant(task.completedAt(), this.clock.getZone());
		if (completed == null || !completed.equals(today)) {
			throw new IllegalArgumentException(
					"'" + task.title() + "' was completed on " + (completed == null ? "an unknown day" : completed)
							+ "; a completion can be undone only on the day it was recorded, and today is " + today);
		}
	}

	/** What the task was before its (latest) completion: open, in progress or on hold. */
	private TaskStatus statusBeforeCompletion(long task) {
		return this.jdbc.sql("""
				select from_value from task_history where task_id = ? and field = 'STATUS' and to_value = 'DONE'
				order by id desc limit 1
				""")
			.param(task)
			.query(String.class)
			.optional()
			.map(TaskStatus::of)
			.filter(TaskStatus::active)
			.orElse(TaskStatus.OPEN);
	}

	/** The next task of a recurring one, just done. */
	private void next(Task done, String by, LocalDate doneOn) {
		Recurrence recurrence = done.recurrence();
		if (recurrence == null) {
			return;
		}
		long id = this.jdbc.sql("""
				insert into task (patient_id, owner, kind, title, due_on, priority, repeat_every, repeat_unit,
				                  basis_kind, basis_id, basis_title, previous_id)
				select patient_id, owner, kind, title, ?, priority, repeat_every, repeat_unit, basis_kind, basis_id,
				       basis_title, id
				from task where id = ?
				returning id
				""")
			.params(Date.valueOf(recurrence.nextDue(done.dueOn(), doneOn)), done.id())
			.query(Long.class)
			.single();
		record(id, by, Field.CREATED, null, TaskStatus.OPEN.name());
	}

	/** Cancels the task a recurrence made when a completion is undone, if still to do. */
	private void cancelSuccessor(long task, String by) {
		this.jdbc.sql("""
				with successor as (
				    select id, status from task
				    where previous_id = ? and status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD') for update),
				cancelled as (
				    update task set status = 'CANCELLED', version = task.version + 1, updated_at = now()
				    from successor where task.id = successor.id
				    returning task.id, successor.status as was)
				insert into task_history (task_id, by_user, field, from_value, to_value)
				select id, ?, 'STATUS', was, 'CANCELLED' from cancelled
				""").params(task, by).update();
	}

	private void recordChanges(Task current, TaskChange change, String by) {
		if (change.status() != current.status()) {
			record(current.id(), by, Field.STATUS, current.status().name(), change.status().name());
		}
		if (!Objects.equals(change.owner(), current.owner())) {
			record(current.id(), by, Field.OWNER, current.owner(), change.owner());
		}
		if (!change.dueOn().equals(current.dueOn())) {
			record(current.id(), by, Field.DUE, current.dueOn().toString(), change.dueOn().toString());
		}
		if (change.priority() != current.priority()) {
			record(current.id(), by, Field.PRIORITY, current.priority().name(), change.priority().name());
		}
	}

	private void record(long task, String by, Field field, String from, String to) {
		this.jdbc.sql("insert into task_history (task_id, by_user, field, from_value, to_value) values (?, ?, ?, ?, ?)")
			.params(task, by, field.name(), from, to)
			.update();
	}

	private Optional<Task> locked(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from task where id = ? for update")
			.param(id)
			.query((rs, n) -> task(rs))
			.optional();
	}

	private static Task task(ResultSet rs) throws SQLException {
		int every = rs.getInt(13);
		Recurrence recurrence = rs.wasNull() ? null : new Recurrence(every, Recurrence.Unit.valueOf(rs.getString(14)));
		String basisKind = rs.getString(15);
		TaskBasis basis = basisKind == null ? null
				: new TaskBasis(TaskBasis.Kind.valueOf(basisKind), rs.getLong(16), rs.getString(17));
		Date completedOn = rs.getDate(18);
		Timestamp completedAt = rs.getTimestamp(20);
		Timestamp escalatedAt = rs.getTimestamp(21);
		return new Task(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
				Task.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getDate(6).toLocalDate(),
				TaskStatus.valueOf(rs.getString(7)), rs.getObject(8, UUID.class), rs.getInt(9),
				rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
				TaskPriority.valueOf(rs.getString(12)), recurrence, basis,
				completedOn == null ? null : completedOn.toLocalDate(), rs.getString(19),
				completedAt == null ? null : completedAt.toInstant(),
				escalatedAt == null ? null : escalatedAt.toInstant(), rs.getString(22));
	}

	/** The task changed after the caller read it. */
	public static class VersionConflictException extends RuntimeException {

		private final int currentVersion;

		VersionConflictException(long id, Integer expected, int current) {
			super("Task " + id + " is at version " + current + ", not " + expected + ": it changed since it was read");
			this.currentVersion = current;
		}

		public int currentVersion() {
			return this.currentVersion;
		}

	}

}
