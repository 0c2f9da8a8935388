package org.northstar.careplan;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What in people's plans has stopped moving, for a team to look at together: open goals
 * past their due date or without a progress note for a while, and every barrier not yet
 * resolved. Reads only; callers decide and audit access first.
 */
@Service
public class StalledItems {

	private final JdbcClient jdbc;

	private final Clock clock;

	StalledItems(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * An open goal or barrier that needs the team.
	 *
	 * @param record the record the plan was opened on (one of the person's)
	 * @param lastProgress the latest progress note, or the item's creation when it has
	 * none
	 * @param overdue whether it is past its due date
	 */
	public record StalledItem(PatientId record, long itemId, PlanItem.Kind kind, String title, BarrierKind barrierKind,
			String owner, LocalDate dueOn, Instant lastProgress, boolean overdue) {
	}

	/**
	 * The open goals of these records' plans that are past due or have had no progress
	 * note for {@code quietDays}, and their open barriers; by plan, then item.
	 */
	public List<StalledItem> among(Collection<PatientId> records, LocalDate today, int quietDays) {
		if (records.isEmpty()) {
			return List.of();
		}
		Instant quietSince = today.minusDays(quietDays).atStartOfDay(this.clock.getZone()).toInstant();
		return this.jdbc.sql("""
				select p.patient_id, i.id, i.kind, i.title, i.barrier_kind, i.owner, i.due_on,
				       coalesce(max(n.written_at), i.created_at) as last_progress
				from care_plan p
				join care_plan_item i on i.plan_id = p.id
				left join care_plan_note n on n.item_id = i.id
				where p.patient_id = any(?) and i.status in ('ACTIVE', 'ON_HOLD') and i.kind in ('GOAL', 'BARRIER')
				group by p.patient_id, p.id, i.id
				having i.kind = 'BARRIER' or i.due_on < ? or coalesce(max(n.written_at), i.created_at) < ?
				order by p.id, i.id
				""")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new), Date.valueOf(today),
					Timestamp.from(quietSince))
			.query((rs, n) -> {
				String barrier = rs.getString(5);
				Date due = rs.getDate(7);
				LocalDate dueOn = due == null ? null : due.toLocalDate();
				return new StalledItem(new PatientId(rs.getObject(1, UUID.class)), rs.getLong(2),
						PlanItem.Kind.valueOf(rs.getString(3)), rs.getString(4),
						barrier == null ? null : BarrierKind.valueOf(barrier), rs.getString(6), dueOn,
						rs.getTimestamp(8).toInstant(), dueOn != null && dueOn.isBefore(today));
			})
			.list();
	}

}
