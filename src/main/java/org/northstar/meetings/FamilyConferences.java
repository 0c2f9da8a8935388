package org.northstar.meetings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.InvalidPlanItemException;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.Target;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Family conference records, kept as written (append-only). A conference whose caregivers
 * voice concerns can raise a caregiver-strain barrier on the person's care plan, in the
 * same transaction: the record and its barrier are made together or not at all. Callers
 * decide and audit access first.
 */
@Service
public class FamilyConferences {

	static final int MAX_PARTICIPANTS = 2000;

	static final int MAX_TEXT = 8000;

	private final JdbcClient jdbc;

	private final CarePlans plans;

	private final Clock clock;

	FamilyConferences(JdbcClient jdbc, CarePlans plans, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.clock = clock;
	}

	/**
	 * Records a conference on the person's record.
	 * @param records the person's records, {@code record} among them (for the care plan)
	 * @throws MeetingRefusedException naming the field that is wrong; nothing is recorded
	 */
	@Transactional
	public FamilyConference record(PatientId record, Collection<PatientId> records, FamilyConference.Draft draft,
			String by) {
		LocalDate today = LocalDate.now(this.clock);
		if (draft.heldOn() == null) {
			throw new MeetingRefusedException("heldOn", "Say when the conference was held");
		}
		if (draft.heldOn().isAfter(today)) {
			throw new MeetingRefusedException("heldOn",
					"A conference is recorded on or after the day it was held (" + today + "), not " + draft.heldOn());
		}
		String participants = text("participants", draft.participants(), MAX_PARTICIPANTS);
		if (participants == null) {
			throw new MeetingRefusedException("participants", "Say who took part");
		}
		String concerns = text("caregiverConcerns", draft.caregiverConcerns(), MAX_TEXT);
		Long barrier = null;
		if (draft.raiseBarrier()) {
			if (concerns == null) {
				throw new MeetingRefusedException("caregiverConcerns",
						"Write the caregivers' concerns that raise the caregiver-strain barrier");
			}
			try {
				ItemDraft item = new ItemDraft(PlanItem.Kind.BARRIER, BarrierKind.CAREGIVER_STRAIN.label(),
						BarrierKind.CAREGIVER_STRAIN, draft.barrierAction(), by, draft.barrierDueOn(), null,
						Target.NONE, "family conference " + draft.heldOn());
				item.validated();
				CarePlan plan = this.plans.open(record, records, by);
				barrier = this.plans.add(plan.id(), item, by).id();
			}
			catch (InvalidPlanItemException ex) {
				throw new MeetingRefusedException(
						"barrier" + Character.toUpperCase(ex.field().charAt(0)) + ex.field().substring(1),
						"Caregiver-strain barrier: " + ex.getMessage());
			}
		}
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into family_conference (patient_id, held_on, participants, explained, questions, decisions,
				       caregiver_concerns, barrier_item_id, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(record.value(), Date.valueOf(draft.heldOn()), participants,
					text("explained", draft.explained(), MAX_TEXT), text("questions", draft.questions(), MAX_TEXT),
					text("decisions", draft.decisions(), MAX_TEXT), concerns, barrier, by, Timestamp.from(now))
			.query(Long.class)
			.single();
		return of(List.of(record)).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
	}

	/** The conferences on these records (one person's), the latest first. */
	public List<FamilyConference> of(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, patient_id, held_on, participants, explained, questions, decisions, caregiver_concerns,
				       barrier_item_id, recorded_by, recorded_at
				from family_conference where patient_id = any(?) order by held_on desc, id desc
				""")
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new FamilyConference(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)),
					rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), (Long) rs.getObject(9), rs.getString(10), rs.getTimestamp(11).toInstant()))
			.list();
	}

	private static String text(String field, String value, int max) {
		String text = value == null || value.isBlank() ? null : value.strip();
		if (text != null && text.length() > max) {
			throw new MeetingRefusedException(field, "At most " + max + " characters");
		}
		return text;
	}

}
