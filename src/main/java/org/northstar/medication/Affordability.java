package org.northstar.medication;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.PlanItem;
import org.northstar.shared.PatientId;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskPriority;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Cannot afford" on a medicine: recorded with what a fill costs the patient (as they
 * say, else as the pharmacy's ExplanationOfBenefit says), the options the coordinator
 * will pursue, a follow-up task of hers ({@link Tasks}) and a Cost barrier on the
 * person's care plan ({@link CarePlans}), all in one transaction: if any cannot be made,
 * none is. Access and its audit are the caller's ({@code PatientAccess}).
 */
@Service
public class Affordability {

	/** How far ahead a follow-up may be set. */
	static final int MAX_FOLLOW_UP_DAYS = 365;

	private static final int MAX_NOTE = 2000;

	private final JdbcClient jdbc;

	private final Medicines medicines;

	private final Tasks tasks;

	private final CarePlans plans;

	private final Clock clock;

	Affordability(JdbcClient jdbc, Medicines medicines, Tasks tasks, CarePlans plans, Clock clock) {
		this.jdbc = jdbc;
		this.medicines = medicines;
		this.tasks = tasks;
		this.plans = plans;
		this.clock = clock;
	}

	/**
	 * Records that the person cannot afford a medicine of their list.
	 * @throws InvalidAffordabilityException naming the field, when the medicine is not on
	 * the person's list, no option is chosen, the follow-up is not between today and a
	 * year ahead, the copay is negative or finer than cents, or the note is too long;
	 * nothing is recorded then
	 */
	@Transactional
	public AffordabilityBarrier record(CannotAfford c) {
		LocalDate today = LocalDate.now(this.clock);
		if (!c.records().contains(c.patient())) {
			throw new IllegalArgumentException(
					"Patient/" + c.patient() + " is not among the person's records " + c.records());
		}
		if (c.options().isEmpty()) {
			throw new InvalidAffordabilityException("options",
					"Nothing was recorded: choose at least one option to pursue");
		}
		if (c.followUpOn() == null || c.followUpOn().isBefore(today)
				|| c.followUpOn().isAfter(today.plusDays(MAX_FOLLOW_UP_DAYS))) {
			throw new InvalidAffordabilityException("followUpOn", "Nothing was recorded: the follow-up is due between "
					+ today + " and a year ahead, not " + c.followUpOn());
		}
		if (c.copay() != null && (c.copay().signum() < 0 || c.copay().stripTrailingZeros().scale() > 2)) {
			throw new InvalidAffordabilityException("copay",
					"Nothing was recorded: a copay is an amount of 0 or more with at most two decimals, not "
							+ c.copay().toPlainString());
		}
		if (c.note() != null && c.note().length() > MAX_NOTE) {
			throw new InvalidAffordabilityException("note",
					"Nothing was recorded: the note is at most " + MAX_NOTE + " characters");
		}
		MedicationLine line = this.medicines.list(c.records())
			.lines()
			.stream()
			.filter(l -> l.key().equals(c.lineKey()))
			.findFirst()
			.orElseThrow(() -> new InvalidAffordabilityException("lineKey",
					"Nothing was recorded: " + c.lineKey() + " is not on the person's list of medicines"));
		BigDecimal copay = c.copay();
		String currency = null;
		String copaySource = null;
		if (copay != null) {
			currency = c.copayCurrency();
			copaySource = "said by the patient to " + c.by();
		}
		else {
			Copay paid = this.medicines.copays(c.records()).get(c.lineKey());
			if (paid != null) {
				copay = paid.amount();
				currency = paid.currency();
				copaySource = "pharmacy EOB from " + paid.source()
						+ (paid.filledOn() != null ? ", fill of " + paid.filledOn() : "");
			}
		}
		List<AffordabilityOption> options = new ArrayList<>(c.options());
		options.sort(null);
		String pursued = String.join(", ", options.stream().map(AffordabilityOption::label).toList());
		String cost = copay == null ? "" : " (" + Copay.text(copay, currency) + " a fill)";
		CarePlan plan = this.plans.open(c.patient(), c.records(), c.by());
		PlanItem barrier = this.plans.add(plan.id(),
				new ItemDraft(PlanItem.Kind.BARRIER, "Cannot afford " + line.display() + cost, BarrierKind.COST,
						"Pursuing " + pursued + (c.note() != null ? ". " + c.note() : ""), c.by(), c.followUpOn(), null,
						null, "medication:" + line.key()),
				c.by());
		// The follow-up follows the barrier, so the plan shows it and it links back.
		Task task = this.tasks.create(new TaskChange(c.patient(), c.by(), Task.Kind.OTHER,
				"Cost of " + line.display() + ": follow up on " + pursued, c.followUpOn(), TaskStatus.OPEN,
				TaskPriority.ROUTINE, null, new TaskBasis(TaskBasis.Kind.PLAN_ITEM, barrier.id(), barrier.title())));
		long id = this.jdbc.sql("""
				insert into medication_affordability (patient_id, line_key, medicine, copay, copay_currency,
				    copay_source, options, note, follow_up_on, task_id, care_plan_item_id, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(c.patient().value(), line.key(), line.display(), copay, currency, copaySource,
					options.stream().map(Enum::name).toArray(String[]::new), c.note(), Date.valueOf(c.followUpOn()),
					task.id(), barrier.id(), c.by(), java.sql.Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		return find(id);
	}

	/** Per line key, what was recorded about the person's medicines, newest first. */
	public Map<String, List<AffordabilityBarrier>> of(Collection<PatientId> records) {
		Map<String, List<AffordabilityBarrier>> byLine = new LinkedHashMap<>();
		this.jdbc.sql("select " + COLUMNS + """
				 from medication_affordability where patient_id = any(?) order by recorded_at desc, id desc
				""")
			.param(records.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> barrier(rs))
			.list()
			.forEach(b -> byLine.computeIfAbsent(b.lineKey(), k -> new ArrayList<>()).add(b));
		return byLine;
	}

	private static final String COLUMNS = "id, patient_id, line_key, medicine, copay, copay_currency, copay_source,"
			+ " options, note, follow_up_on, task_id, care_plan_item_id, recorded_by, recorded_at";

	private AffordabilityBarrier find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from medication_affordability where id = ?")
			.param(id)
			.query((rs, n) -> barrier(rs))
			.single();
	}

	private static AffordabilityBarrier barrier(ResultSet rs) throws SQLException {
		List<AffordabilityOption> options = new ArrayList<>();
		for (String option : (String[]) rs.getArray(8).getArray()) {
			options.add(AffordabilityOption.valueOf(option));
		}
		long item = rs.getLong(12);
		Long carePlanItem = rs.wasNull() ? null : item;
		return new AffordabilityBarrier(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
				rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7), options, rs.getString(9),
				rs.getDate(10).toLocalDate(), rs.getLong(11), carePlanItem, rs.getString(13),
				rs.getTimestamp(14).toInstant());
	}

}
