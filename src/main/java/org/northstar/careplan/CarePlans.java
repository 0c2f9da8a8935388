package org.northstar.careplan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import org.northstar.careplan.ItemChanges.FieldChange;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's care plans: one living plan per person, found through any of their linked
 * records. Every change to an item is kept in the plan's history, field by field, with
 * who made it and when; an item is changed only against the version it was read at.
 * Callers decide and audit access first ({@code caseload.PatientAccess}).
 */
@Service
public class CarePlans {

	private final JdbcClient jdbc;

	private final Clock clock;

	CarePlans(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The person's plan, if one was opened on any of their records (the oldest, should
	 * two records that each had one be linked later).
	 * @param records the person's records ({@code People.recordsOf})
	 */
	public Optional<CarePlan> of(Collection<PatientId> records) {
		UUID[] ids = records.stream().map(PatientId::value).toArray(UUID[]::new);
		return this.jdbc.sql("select id from care_plan where patient_id = any(?) order by id limit 1")
			.param(ids)
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	public Optional<CarePlan> find(long planId) {
		boolean exists = this.jdbc.sql("select exists (select 1 from care_plan where id = ?)")
			.param(planId)
			.query(Boolean.class)
			.single();
		return exists ? Optional.of(load(planId)) : Optional.empty();
	}

	/** A plan by its id in the FHIR API. */
	public Optional<CarePlan> byFhirId(UUID fhirId) {
		return this.jdbc.sql("select id from care_plan where fhir_id = ?")
			.param(fhirId)
			.query(Long.class)
			.optional()
			.map(this::load);
	}

	/** An item by its id in the FHIR API. */
	public Optional<PlanItem> itemByFhirId(UUID fhirId) {
		return this.jdbc.sql("select id from care_plan_item where fhir_id = ?")
			.param(fhirId)
			.query(Long.class)
			.optional()
			.flatMap(this::item);
	}

	public Optional<PlanItem> item(long itemId) {
		Optional<Long> plan = this.jdbc.sql("select plan_id from care_plan_item where id = ?")
			.param(itemId)
			.query(Long.class)
			.optional();
		return plan.map(this::load).flatMap(p -> p.items().stream().filter(i -> i.id() == itemId).findFirst());
	}

	/**
	 * The person's plan, opened (empty) on {@code record} if they have none yet. Two
	 * coordinators opening it at once get the same plan.
	 * @param records the person's records, {@code record} among them
	 */
	@Transactional
	public CarePlan open(PatientId record, Collection<PatientId> records, String by) {
		lockPerson(record, records);
		Optional<CarePlan> existing = of(records);
		if (existing.isPresent()) {
			return existing.get();
		}
		return load(insertPlan(record, by));
	}

	/**
	 * Opens the person's plan with these items, all or nothing: if any item breaks a rule
	 * or cannot be written, there is no plan, as before.
	 * @param records the person's records, {@code record} among them
	 * @throws PlanConflictException if the person has a plan already (opened meanwhile by
	 * someone else, too); nothing is added to it
	 * @throws InvalidPlanItemException naming the first item's field that is wrong
	 */
	@Transactional
	public CarePlan create(PatientId record, Collection<PatientId> records, List<ItemDraft> items, String by) {
		items.forEach(ItemDraft::validated);
		lockPerson(record, records);
		Optional<CarePlan> existing = of(records);
		if (existing.isPresent()) {
			throw new PlanConflictException(
					"The person already has a care plan (version " + existing.get().version() + "): change that one",
					existing.get().version());
		}
		long id = insertPlan(record, by);
		for (ItemDraft item : items) {
			add(id, item, by);
		}
		return load(id);
	}

	/**
	 * Adds an item to the person's plan, opening the plan if need be, at a status and
	 * with progress notes: all or nothing (a FHIR Goal created with its status and
	 * notes).
	 * @param records the person's records, {@code record} among them
	 * @throws InvalidPlanItemException naming the field that is wrong; nothing is added
	 * or opened
	 */
	@Transactional
	public PlanItem add(PatientId record, Collection<PatientId> records, ItemDraft draft, ItemStatus status,
			List<String> notes, String by) {
		CarePlan plan = open(record, records, by);
		PlanItem item = add(plan.id(), draft, by);
		if (status != item.status()) {
			item = setStatus(plan.id(), item.id(), item.version(), status, by);
		}
		for (String note : notes) {
			note(plan.id(), item.id(), note, by);
		}
		return item(item.id()).orElseThrow();
	}

	/**
	 * One lock per record in a fixed order: whoever opens the plan first, through
	 * whichever record, the other waits and then finds it.
	 */
	private void lockPerson(PatientId record, Collection<PatientId> records) {
		if (!records.contains(record)) {
			throw new IllegalArgumentException("Patient/" + record + " is not among the person's records " + records);
		}
		records.stream()
			.map(PatientId::value)
			.sorted()
			.forEach(id -> this.jdbc.sql("select pg_advisory_xact_lock(hashtext('care_plan'), hashtext(?::text))")
				.param(id)
				.query((rs, n) -> 1)
				.list());
	}

	private long insertPlan(PatientId record, String by) {
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = this.jdbc.sql("""
				insert into care_plan (patient_id, created_at, created_by, updated_at, updated_by)
				values (?, ?, ?, ?, ?) returning id
				""").params(record.value(), now, by, now, by).query(Long.class).single();
		history(id, null, now, by, List.of(new FieldChange("plan", null, "opened")));
		return id;
	}

	/**
	 * Adds an item to the plan.
	 * @throws InvalidPlanItemException naming the field that is wrong; nothing is added
	 */
	@Transactional
	public PlanItem add(long planId, ItemDraft draft, String by) {
		draft.validated();
		Timestamp now = Timestamp.from(this.clock.instant());
		long id = insert(planId, draft, now, by);
		history(planId, id, now, by, List.of(new FieldChange("created", null, draft.title())));
		touch(planId, now, by);
		return item(id).orElseThrow();
	}

	/**
	 * Changes an item's content and status, against the version it was read at. Fields
	 * that did not change are not recorded; a change that changes nothing writes nothing.
	 * @throws NoSuchElementException if the plan has no such item
	 * @throws PlanConflictException if the item is no longer at {@code expectedVersion}
	 * @throws InvalidPlanItemException if the content breaks a rule or the status may not
	 * follow the current one
	 */
	@Transactional
	public PlanItem change(long planId, long itemId, int expectedVersion, ItemDraft draft, ItemStatus status,
			String by) {
		PlanItem current = itemOf(planId, itemId);
		if (current.version() != expectedVersion) {
			throw conflict(current, expectedVersion);
		}
		if (draft.kind() != current.kind()) {
			throw new InvalidPlanItemException("kind",
					"a " + current.kind().label() + " cannot become a " + draft.kind().label());
		}
		draft.validated();
		current.status().requireMayBecome(status, current.kind());
		List<FieldChange> changes = ItemChanges.between(current.draft(), current.status(), draft, status);
		if (changes.isEmpty()) {
			return current;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		Target t = draft.target();
		int updated = this.jdbc.sql("""
				update care_plan_item set title = ?, barrier_kind = ?, action = ?, owner = ?, due_on = ?, status = ?,
				       condition_code = ?, target_text = ?, measure_code = ?, target_low = ?, target_high = ?,
				       target_unit = ?, condition_ref = ?, version = version + 1, updated_at = ?, updated_by = ?
				where id = ? and plan_id = ? and version = ?
				""")
			.params(draft.title(), name(draft.barrierKind()), draft.action(), draft.owner(), draft.dueOn(),
					status.name(), draft.conditionCode(), t.text(), t.measureCode(), t.low(), t.high(), t.unit(),
					draft.conditionRef(), now, by, itemId, planId, expectedVersion)
			.update();
		if (updated == 0) {
			// Changed by someone else between the read and the write.
			throw conflict(itemOf(planId, itemId), expectedVersion);
		}
		history(planId, itemId, now, by, changes);
		touch(planId, now, by);
		return itemOf(planId, itemId);
	}

	/**
	 * Revises the plan as a whole, against the plan's version: each revision is applied
	 * to its item's current version, then the additions are added. All or nothing.
	 * @throws PlanConflictException if the plan is no longer at {@code expectedVersion}
	 * @throws NoSuchElementException if a revision names an item the plan does not have
	 * @throws InvalidPlanItemException if any item would break a rule
	 */
	@Transactional
	public CarePlan revise(long planId, int expectedVersion, java.util.List<ItemRevision> revisions,
			java.util.List<ItemDraft> additions, String by) {
		int current = this.jdbc.sql("select version from care_plan where id = ? for update")
			.param(planId)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> new NoSuchElementException("There is no care plan " + planId));
		if (current != expectedVersion) {
			throw new PlanConflictException("The care plan was changed since version " + expectedVersion
					+ " (it is at version " + current + "): read it again and reapply your change", current);
		}
		for (ItemRevision revision : revisions) {
			PlanItem item = itemOf(planId, revision.itemId());
			change(planId, item.id(), item.version(), revision.draft(), revision.status(), by);
		}
		for (ItemDraft addition : additions) {
			add(planId, addition, by);
		}
		return load(planId);
	}

	/** Moves an item to another status; see {@link #change}. */
	@Transactional
	public PlanItem setStatus(long planId, long itemId, int expectedVersion, ItemStatus status, String by) {
		PlanItem current = itemOf(planId, itemId);
		return change(planId, itemId, expectedVersion, current.draft(), status, by);
	}

	/**
	 * Adds a progress note to an item; notes are never changed.
	 * @throws NoSuchElementException if the plan has no such item
	 */
	@Transactional
	public PlanItem.ProgressNote note(long planId, long itemId, String text, String by) {
		itemOf(planId, itemId);
		String checked = Texts.blankToNull(text);
		if (checked == null) {
			throw new InvalidPlanItemException("note", "write what happened");
		}
		if (checked.length() > 4000) {
			throw new InvalidPlanItemException("note", "at most 4000 characters");
		}
		Instant at = this.clock.instant();
		Timestamp now = Timestamp.from(at);
		long id = this.jdbc
			.sql("insert into care_plan_note (item_id, text, written_at, written_by) values (?, ?, ?, ?) returning id")
			.params(itemId, checked, now, by)
			.query(Long.class)
			.single();
		history(planId, itemId, now, by, List.of(new FieldChange("note", null, checked)));
		touch(planId, now, by);
		return new PlanItem.ProgressNote(id, checked, at, by);
	}

	/**
	 * Adds the template's problems, goals and interventions to the plan, each marked as
	 * coming from it, due as the template says from {@code today}; the coordinator adapts
	 * them afterwards.
	 * @throws InvalidPlanItemException if the template was applied to this plan before
	 */
	@Transactional
	public CarePlan apply(long planId, PlanTemplate template, LocalDate today, String by) {
		CarePlan plan = find(planId).orElseThrow(() -> new NoSuchElementException("There is no care plan " + planId));
		if (plan.applied(template.id())) {
			throw new InvalidPlanItemException("template",
					"'" + template.title() + "' is already applied to this plan; adapt its items instead");
		}
		List<ItemDraft> drafts = template.drafts(today);
		drafts.forEach(ItemDraft::validated);
		Timestamp now = Timestamp.from(this.clock.instant());
		for (ItemDraft draft : drafts) {
			long id = insert(planId, draft, now, by);
			history(planId, id, now, by, List.of(new FieldChange("created", null, draft.title())));
		}
		history(planId, null, now, by, List.of(new FieldChange("template", null, template.title())));
		touch(planId, now, by);
		return load(planId);
	}

	/**
	 * Adopts an item from an imported plan or goal into the person's plan, once.
	 * @throws InvalidPlanItemException if it was adopted before, or breaks a rule
	 */
	@Transactional
	public PlanItem adopt(long planId, ItemDraft draft, String by) {
		CarePlan plan = find(planId).orElseThrow(() -> new NoSuchElementException("There is no care plan " + planId));
		if (draft.origin() == null) {
			throw new IllegalArgumentException("An adopted item says where it came from");
		}
		if (plan.items().stream().anyMatch(i -> draft.origin().equals(i.origin()) && draft.title().equals(i.title()))) {
			throw new InvalidPlanItemException("origin",
					"'" + draft.title() + "' from " + draft.origin() + " is already in the plan");
		}
		return add(planId, draft, by);
	}

	/** The plan's history, newest first. */
	public List<PlanChange> history(long planId) {
		return this.jdbc.sql("""
				select c.id, c.item_id, i.title, c.changed_at, c.changed_by, c.field, c.before, c.after
				from care_plan_change c left join care_plan_item i on i.id = c.item_id
				where c.plan_id = ? order by c.id desc
				""")
			.param(planId)
			.query((rs, n) -> new PlanChange(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

	private PlanItem itemOf(long planId, long itemId) {
		return item(itemId).filter(i -> i.planId() == planId)
			.orElseThrow(() -> new NoSuchElementException("Care plan " + planId + " has no item " + itemId));
	}

	private static PlanConflictException conflict(PlanItem current, int expected) {
		return new PlanConflictException("The " + current.kind().label() + " '" + current.title() + "' was changed by "
				+ current.updatedBy() + " since you read it (version " + expected + ", now " + current.version()
				+ "): read it again and reapply your change", current.version());
	}

	private long insert(long planId, ItemDraft draft, Timestamp now, String by) {
		Target t = draft.target();
		return this.jdbc.sql("""
				insert into care_plan_item (plan_id, kind, title, barrier_kind, action, owner, due_on, status,
				       condition_code, target_text, measure_code, target_low, target_high, target_unit, origin,
				       condition_ref, created_at, created_by, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(planId, draft.kind().name(), draft.title(), name(draft.barrierKind()), draft.action(),
					draft.owner(), draft.dueOn(), draft.conditionCode(), t.text(), t.measureCode(), t.low(), t.high(),
					t.unit(), draft.origin(), draft.conditionRef(), now, by, now, by)
			.query(Long.class)
			.single();
	}

	private void history(long planId, Long itemId, Timestamp at, String by, List<FieldChange> changes) {
		for (FieldChange change : changes) {
			this.jdbc.sql("""
					insert into care_plan_change (plan_id, item_id, changed_at, changed_by, field, before, after)
					values (?, ?, ?, ?, ?, ?, ?)
					""").params(planId, itemId, at, by, change.field(), change.before(), change.after()).update();
		}
	}

	private void touch(long planId, Timestamp at, String by) {
		this.jdbc.sql("update care_plan set version = version + 1, updated_at = ?, updated_by = ? where id = ?")
			.params(at, by, planId)
			.update();
	}

	private static final String PLAN = """
			select id, fhir_id, patient_id, version, created_at, created_by, updated_at, updated_by from care_plan""";

	private CarePlan load(long planId) {
		Map<Long, List<PlanItem.ProgressNote>> notes = new HashMap<>();
		this.jdbc.sql("""
				select n.item_id, n.id, n.text, n.written_at, n.written_by
				from care_plan_note n join care_plan_item i on i.id = n.item_id
				where i.plan_id = ? order by n.id
				""")
			.param(planId)
			.query((rs, n) -> notes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new PlanItem.ProgressNote(rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
						rs.getString(5))))
			.list();
		List<PlanItem> items = this.jdbc.sql("""
				select id, fhir_id, plan_id, kind, title, barrier_kind, action, owner, due_on, status, condition_code,
				       target_text, measure_code, target_low, target_high, target_unit, origin, version,
				       created_at, created_by, updated_at, updated_by, condition_ref
				from care_plan_item where plan_id = ? order by id
				""").param(planId).query((rs, n) -> item(rs, notes.getOrDefault(rs.getLong(1), List.of()))).list();
		return this.jdbc.sql(PLAN + " where id = ?")
			.param(planId)
			.query((rs, n) -> new CarePlan(rs.getLong(1), rs.getObject(2, UUID.class),
					new PatientId(rs.getObject(3, UUID.class)), rs.getInt(4), rs.getTimestamp(5).toInstant(),
					rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), items))
			.single();
	}

	private static PlanItem item(ResultSet rs, List<PlanItem.ProgressNote> notes) throws SQLException {
		String barrier = rs.getString(6);
		java.sql.Date due = rs.getDate(9);
		return new PlanItem(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
				PlanItem.Kind.valueOf(rs.getString(4)), rs.getString(5),
				barrier == null ? null : BarrierKind.valueOf(barrier), rs.getString(7), rs.getString(8),
				due == null ? null : due.toLocalDate(), ItemStatus.valueOf(rs.getString(10)), rs.getString(11),
				new Target(rs.getString(12), rs.getString(13), rs.getBigDecimal(14), rs.getBigDecimal(15),
						rs.getString(16)),
				rs.getString(17), rs.getInt(18), rs.getTimestamp(19).toInstant(), rs.getString(20),
				rs.getTimestamp(21).toInstant(), rs.getString(22), notes, rs.getString(23));
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

}
