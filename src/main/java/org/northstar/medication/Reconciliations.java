package org.northstar.medication;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.northstar.medication.MedicationLine.Decision;
import org.northstar.medication.Reconciliation.Line;
import org.northstar.medication.Reconciliation.Verdict;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;
import org.northstar.worklist.Tasks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coordinators' signed medication reconciliations. Recording one is all or nothing: it is
 * checked whole before anything is written, and it completes the person's open
 * transition-of-care medication task (through {@link Tasks}) in the same transaction.
 * Access and its audit are the caller's ({@code PatientAccess}, as every write).
 */
@Service
public class Reconciliations {

	private final JdbcClient jdbc;

	private final Tasks tasks;

	private final Clock clock;

	Reconciliations(JdbcClient jdbc, Tasks tasks, Clock clock) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.clock = clock;
	}

	/**
	 * Records a reconciliation.
	 * @throws InvalidReconciliationException naming the field, when it is not signed, is
	 * dated after today, decides nothing, decides a medicine twice, or says the patient
	 * takes a medicine differently without saying how
	 */
	@Transactional
	public Reconciliation record(NewReconciliation r) {
		LocalDate today = LocalDate.now(this.clock);
		if (!r.attested()) {
			throw new InvalidReconciliationException("attested",
					"Nothing was recorded: confirm that this is what the patient takes");
		}
		if (r.signedAs() == null || r.signedAs().isBlank()) {
			throw new InvalidReconciliationException("signedAs", "Nothing was recorded: sign with your name");
		}
		if (r.reconciledOn() == null || r.reconciledOn().isAfter(today)) {
			throw new InvalidReconciliationException("reconciledOn",
					"Nothing was recorded: a reconciliation cannot be dated " + r.reconciledOn() + ", after today");
		}
		if (r.lines().isEmpty()) {
			throw new InvalidReconciliationException("lines", "Nothing was recorded: decide at least one medicine");
		}
		Set<String> keys = new HashSet<>();
		for (Line line : r.lines()) {
			if (line.verdict() == null) {
				throw new InvalidReconciliationException("verdict",
						"Nothing was recorded: say what was decided for " + line.display());
			}
			if (!keys.add(line.key())) {
				throw new InvalidReconciliationException("lines",
						"Nothing was recorded: " + line.display() + " is decided twice");
			}
			if ((line.verdict() == Verdict.TAKES_DIFFERENTLY || line.verdict() == Verdict.ADDED)
					&& (line.takes() == null || line.takes().isBlank())) {
				throw new InvalidReconciliationException("takes",
						"Nothing was recorded: say what the patient actually takes of " + line.display());
			}
		}
		Task task = this.tasks.openFor(r.records())
			.stream()
			.filter(t -> t.kind() == Task.Kind.MEDICATION_RECONCILIATION)
			// A reconciliation from before the task was set down is not the one it asks
			// for (and Tasks.complete would refuse it, and with it the reconciliation).
			.filter(t -> !r.reconciledOn().isBefore(LocalDate.ofInstant(t.createdAt(), this.clock.getZone())))
			.findFirst()
			.orElse(null);
		long id = this.jdbc
			.sql("""
					insert into medication_reconciliation (patient_id, reconciled_on, reconciled_by, signed_as, note, task_id)
					values (?, ?, ?, ?, ?, ?) returning id
					""")
			.params(r.patient().value(), Date.valueOf(r.reconciledOn()), r.by(), r.signedAs().strip(),
					blankToNull(r.note()), task == null ? null : task.id())
			.query(Long.class)
			.single();
		for (Line line : r.lines()) {
			this.jdbc
				.sql("""
						insert into medication_reconciliation_line (reconciliation_id, line_key, display, verdict, takes, reason)
						values (?, ?, ?, ?, ?, ?)
						""")
				.params(id, line.key(), line.display(), line.verdict().name(), blankToNull(line.takes()),
						blankToNull(line.reason()))
				.update();
		}
		if (task != null) {
			this.tasks.complete(task.id(), task.patient(), r.by(), r.reconciledOn(), today);
		}
		return of(List.of(r.patient())).get(0);
	}

	/** The reconciliations made on any of these records, newest first. */
	public List<Reconciliation> of(Collection<PatientId> records) {
		Map<Long, Reconciliation> found = new LinkedHashMap<>();
		Map<Long, List<Line>> lines = new LinkedHashMap<>();
		UUID[] ids = records.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
		this.jdbc.sql("""
				select id, patient_id, reconciled_on, reconciled_by, signed_as, signed_at, note, task_id
				from medication_reconciliation where patient_id = any(?) order by signed_at desc, id desc
				""").param(ids).query((rs, n) -> found.put(rs.getLong(1), reconciliation(rs, List.of()))).list();
		if (found.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("""
				select reconciliation_id, line_key, display, verdict, takes, reason
				from medication_reconciliation_line where reconciliation_id = any(?) order by display
				""")
			.param(found.keySet().toArray(Long[]::new))
			.query((rs, n) -> lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Line(rs.getString(2), rs.getString(3), Verdict.valueOf(rs.getString(4)), rs.getString(5),
						rs.getString(6))))
			.list();
		List<Reconciliation> result = new ArrayList<>();
		found.forEach((id, rec) -> result.add(new Reconciliation(id, rec.patient(), rec.reconciledOn(), rec.by(),
				rec.signedAs(), rec.signedAt(), rec.note(), rec.taskCompleted(), lines.getOrDefault(id, List.of()))));
		return result;
	}

	/** Per line key, the newest decision of any reconciliation of these records. */
	public Map<String, Decision> lastDecisions(Collection<PatientId> records) {
		return lastDecisions(of(records));
	}

	/** Per line key, the newest decision of these reconciliations, newest first. */
	static Map<String, Decision> lastDecisions(List<Reconciliation> newestFirst) {
		Map<String, Decision> decisions = new LinkedHashMap<>();
		for (Reconciliation rec : newestFirst) {
			for (Line line : rec.lines()) {
				decisions.putIfAbsent(line.key(),
						new Decision(line.verdict(), line.takes(), line.reason(), rec.signedAs(), rec.reconciledOn()));
			}
		}
		return decisions;
	}

	private static Reconciliation reconciliation(ResultSet rs, List<Line> lines) throws SQLException {
		long task = rs.getLong(8);
		Long taskCompleted = rs.wasNull() ? null : task;
		return new Reconciliation(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)),
				rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
				rs.getString(7), taskCompleted, lines);
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
