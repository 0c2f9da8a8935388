package org.northstar.worklist;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.northstar.documentation.FollowUpRequested;
import org.northstar.shared.PatientId;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coordinators' tasks. Changes are optimistic: each one names the version it read and
 * fails if someone else changed the task since.
 */
@Service
public class Tasks {

	private static final String COLUMNS = "id, patient_id, owner, kind, title, due_on, status, encounter_id, version, created_at, updated_at";

	private final JdbcClient jdbc;

	Tasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How many open tasks each patient has; patients without any are absent. */
	public Map<PatientId, Integer> openCounts(Collection<PatientId> patients) {
		Map<PatientId, Integer> counts = new HashMap<>();
		this.jdbc.sql(
				"select patient_id, count(*) from task where status = 'OPEN' and patient_id = any(?) group by patient_id")
			.param(patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> counts.put(new PatientId(rs.getObject(1, UUID.class)), rs.getInt(2)))
			.list();
		return counts;
	}

	/**
	 * The open tasks of these patient records (one person's, on the patient page), the
	 * most urgent first.
	 */
	public List<Task> openFor(Collection<PatientId> records) {
		return this.jdbc
			.sql("select " + COLUMNS + " from task where patient_id = any(?) and status = 'OPEN' order by due_on, id")
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> task(rs))
			.list();
	}

	public Optional<Task> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from task where id = ?")
			.param(id)
			.query((rs, n) -> task(rs))
			.optional();
	}

	/**
	 * The follow-up a signed interaction asks for, as a task of whoever signed it, in the
	 * interaction's transaction: if the task cannot be made, the interaction is not
	 * recorded either.
	 */
	@EventListener
	void on(FollowUpRequested followUp) {
		create(new TaskChange(followUp.patient(), followUp.requestedBy(), Task.Kind.OTHER, followUp.what(),
				followUp.on(), "OPEN"));
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
	 * Gives the open tasks these records have with one owner to another: a reassigned
	 * person's work moves with them.
	 */
	@Transactional
	public void handOver(Collection<PatientId> records, String from, String to) {
		this.jdbc.sql("""
				update task set owner = ?, version = version + 1, updated_at = now()
				where patient_id = any(?) and status = 'OPEN' and owner = ?
				""").params(to, records.stream().map(PatientId::value).toArray(UUID[]::new), from).update();
	}

	@Transactional
	public Task create(TaskChange task) {
		long id = this.jdbc.sql("""
				insert into task (patient_id, owner, kind, title, due_on, status) values (?, ?, ?, ?, ?, ?)
				returning id
				""")
			.params(task.patient().value(), task.owner(), task.kind().name(), task.title(), Date.valueOf(task.dueOn()),
					task.status())
			.query(Long.class)
			.single();
		return find(id).orElseThrow();
	}

	/**
	 * Replaces what the task says, if it is still at the version the caller read.
	 * @return the task as changed; empty if there is no such task
	 * @throws VersionConflictException if the task changed since
	 */
	@Transactional
	public Optional<Task> update(long id, int expectedVersion, TaskChange change) {
		int updated = this.jdbc.sql("""
				update task set owner = ?, kind = ?, title = ?, due_on = ?, status = ?, version = version + 1,
				    updated_at = now()
				where id = ? and version = ?
				""")
			.params(change.owner(), change.kind().name(), change.title(), Date.valueOf(change.dueOn()), change.status(),
					id, expectedVersion)
			.update();
		if (updated == 0) {
			Optional<Task> current = find(id);
			if (current.isPresent()) {
				throw new VersionConflictException(id, expectedVersion, current.get().version());
			}
			return Optional.empty();
		}
		return find(id);
	}

	/**
	 * Deletes the task, if it is still at the version the caller read (any version when
	 * null).
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
		return true;
	}

	/**
	 * Marks an open task of the patient done, on the day it was done: for a contact or a
	 * visit, the day it took place, which the TCM clock measures.
	 * @return whether an open task of that patient was completed
	 * @throws IllegalArgumentException if {@code doneOn} is in the future
	 */
	public boolean complete(long task, PatientId patient, String by, LocalDate doneOn, LocalDate today) {
		if (doneOn.isAfter(today)) {
			throw new IllegalArgumentException("A task cannot be done on " + doneOn + ", which is after today");
		}
		return this.jdbc.sql("""
				update task set status = 'DONE', completed_on = ?, completed_by = ?, completed_at = now(),
				    version = version + 1, updated_at = now()
				where id = ? and patient_id = ? and status = 'OPEN'
				""").params(Date.valueOf(doneOn), by, task, patient.value()).update() == 1;
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
					insert into task (patient_id, owner, kind, title, due_on, encounter_id)
					select ?, ?, kind, title, due_on, ? from unnest(?::text[], ?::text[], ?::date[]) as t (kind, title, due_on)
					on conflict (encounter_id, kind) do nothing
					""")
			.params(patient.value(), owner, encounter, tasks.stream().map(t -> t.kind().name()).toArray(String[]::new),
					tasks.stream().map(NewTask::title).toArray(String[]::new),
					tasks.stream().map(t -> Date.valueOf(t.dueOn())).toArray(Date[]::new))
			.update();
	}

	/**
	 * Moves the encounter's open task of that kind to a new due day, with the words that
	 * say why; a task already done or cancelled stays as it was.
	 */
	void moveOpen(UUID encounter, Task.Kind kind, LocalDate dueOn, String title) {
		this.jdbc.sql("""
				update task set due_on = ?, title = ?, version = version + 1, updated_at = now()
				where encounter_id = ? and kind = ? and status = 'OPEN' and (due_on <> ? or title <> ?)
				""").params(Date.valueOf(dueOn), title, encounter, kind.name(), Date.valueOf(dueOn), title).update();
	}

	private static Task task(ResultSet rs) throws SQLException {
		return new Task(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
				Task.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7),
				rs.getObject(8, UUID.class), rs.getInt(9), rs.getTimestamp(10).toInstant(),
				rs.getTimestamp(11).toInstant());
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
