package org.northstar.careplan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.northstar.caseload.CoordinatorChanged;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handoff notes between coordinators. The coordinator writes one ahead, for whoever takes
 * the person on next, or after the move when the reassignment prompts for it; the new
 * coordinator sees it on the person's page until they acknowledge it.
 *
 * <p>
 * Invariants: a note, once written, is not rewritten; it is acknowledged once, by the
 * coordinator it is addressed to. The reaction to a reassignment is idempotent: run twice
 * it addresses or opens one note. Callers decide and audit access first.
 */
@Service
public class Handoffs {

	static final String LISTENER = "careplan.Handoffs";

	private final JdbcClient jdbc;

	private final People people;

	private final Clock clock;

	Handoffs(JdbcClient jdbc, People people, Clock clock) {
		this.jdbc = jdbc;
		this.people = people;
		this.clock = clock;
	}

	/** The person's handoff notes, newest first. */
	public List<HandoffNote> of(Collection<PatientId> records) {
		return this.jdbc
			.sql(NOTE + " where patient_id = any(?) order by coalesce(reassigned_at, written_at) desc, id desc")
			.param(ids(records))
			.query((rs, n) -> note(rs))
			.list();
	}

	/**
	 * Writes the handoff note: the one a reassignment prompted for, or, when there is
	 * none, one ahead of the move for whoever takes the person on next (one per
	 * coordinator: a second replaces nothing and is refused).
	 * @param from the coordinator handing over: the writer's own note, or a prompted one
	 * @throws InvalidPlanItemException for an empty or long note, or a second one ahead
	 */
	@Transactional
	public HandoffNote write(PatientId record, String from, String text, String by) {
		String checked = Texts.blankToNull(text);
		if (checked == null) {
			throw new InvalidPlanItemException("handoff", "write what the next coordinator needs to know");
		}
		if (checked.length() > 4000) {
			throw new InvalidPlanItemException("handoff", "at most 4000 characters");
		}
		List<PatientId> records = this.people.recordsOf(record);
		lock(records);
		Timestamp now = Timestamp.from(this.clock.instant());
		List<HandoffNote> notes = of(records);
		HandoffNote prompted = notes.stream()
			.filter(n -> n.prompted() && n.from().equals(from))
			.findFirst()
			.orElse(null);
		if (prompted != null) {
			this.jdbc
				.sql("update handoff_note set text = ?, written_at = ?, written_by = ? where id = ? and text is null")
				.params(checked, now, by, prompted.id())
				.update();
			return find(prompted.id());
		}
		if (notes.stream().anyMatch(n -> n.to() == null && n.from().equals(from))) {
			throw new InvalidPlanItemException("handoff",
					"a handoff note from " + from + " already waits for the next coordinator");
		}
		long id = this.jdbc.sql("""
				insert into handoff_note (patient_id, from_coordinator, text, written_at, written_by)
				values (?, ?, ?, ?, ?) returning id
				""").params(record.value(), from, checked, now, by).query(Long.class).single();
		return find(id);
	}

	/**
	 * The new coordinator has read the note; it is no longer shown to them.
	 * @throws InvalidPlanItemException if it is not addressed to them or not written yet
	 */
	@Transactional
	public HandoffNote acknowledge(Collection<PatientId> records, long noteId, String by) {
		HandoffNote note = of(records).stream()
			.filter(n -> n.id() == noteId)
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("This person has no handoff note " + noteId));
		if (!note.awaitsAcknowledgement()) {
			throw new InvalidPlanItemException("handoff", note.acknowledgedAt() != null
					? "the note was acknowledged by " + note.acknowledgedBy() : "the note is not written yet");
		}
		if (!note.to().equals(by)) {
			throw new InvalidPlanItemException("handoff",
					"the note is for " + note.to() + ", who acknowledges it, not " + by);
		}
		this.jdbc.sql("update handoff_note set acknowledged_at = ?, acknowledged_by = ? where id = ?")
			.params(Timestamp.from(this.clock.instant()), by, noteId)
			.update();
		return find(noteId);
	}

	/**
	 * A person moved to another coordinator: the note the previous one wrote ahead is
	 * addressed to the new one; without one, an empty note prompts the previous
	 * coordinator to write it. After the assignment's commit; it cannot undo the move.
	 */
	@ApplicationModuleListener(id = LISTENER)
	void on(CoordinatorChanged change) {
		List<PatientId> records = this.people.recordsOf(change.patient());
		lock(records);
		Timestamp at = Timestamp.from(change.at());
		boolean already = this.jdbc.sql("""
				select exists (select 1 from handoff_note where patient_id = any(?) and from_coordinator = ?
				               and to_coordinator = ? and reassigned_at = ?)
				""").params(ids(records), change.from(), change.to(), at).query(Boolean.class).single();
		if (already) {
			return;
		}
		int addressed = this.jdbc.sql("""
				update handoff_note set to_coordinator = ?, reassigned_at = ?
				where patient_id = any(?) and from_coordinator = ? and to_coordinator is null
				""").params(change.to(), at, ids(records), change.from()).update();
		if (addressed == 0) {
			this.jdbc.sql("""
					insert into handoff_note (patient_id, from_coordinator, to_coordinator, reassigned_at)
					values (?, ?, ?, ?) on conflict do nothing
					""").params(change.patient().value(), change.from(), change.to(), at).update();
		}
	}

	private void lock(List<PatientId> records) {
		records.stream()
			.map(PatientId::value)
			.sorted()
			.forEach(id -> this.jdbc.sql("select pg_advisory_xact_lock(hashtext('handoff_note'), hashtext(?::text))")
				.param(id)
				.query((rs, n) -> 1)
				.list());
	}

	private HandoffNote find(long id) {
		return this.jdbc.sql(NOTE + " where id = ?").param(id).query((rs, n) -> note(rs)).single();
	}

	private static UUID[] ids(Collection<PatientId> records) {
		return records.stream().map(PatientId::value).toArray(UUID[]::new);
	}

	private static final String NOTE = """
			select id, from_coordinator, to_coordinator, reassigned_at, text, written_at, written_by, acknowledged_at,
			       acknowledged_by
			from handoff_note""";

	private static HandoffNote note(ResultSet rs) throws SQLException {
		return new HandoffNote(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
				rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7), instant(rs.getTimestamp(8)),
				rs.getString(9));
	}

	private static java.time.Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}

}
