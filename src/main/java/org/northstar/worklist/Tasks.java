package org.northstar.worklist;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The coordinators' tasks. */
@Service
public class Tasks {

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

	/** A patient's open tasks, the most urgent first. */
	public List<Task> openFor(PatientId patient) {
		return this.jdbc.sql("""
				select id, patient_id, owner, kind, title, due_on, status from task
				where patient_id = ? and status = 'OPEN' order by due_on, id
				""")
			.param(patient.value())
			.query((rs, n) -> new Task(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
					Task.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7)))
			.list();
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
				update task set status = 'DONE', completed_on = ?, completed_by = ?, completed_at = now()
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

}
