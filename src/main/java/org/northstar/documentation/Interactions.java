package org.northstar.documentation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.northstar.documentation.Interaction.Activity;
import org.northstar.documentation.Interaction.Addendum;
import org.northstar.documentation.Interaction.Kind;
import org.northstar.documentation.Interaction.Outcome;
import org.northstar.documentation.Interaction.Staff;
import org.northstar.documentation.InteractionDraft.FollowUp;
import org.northstar.shared.PatientId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The interactions documented for people. Callers decide and audit access first
 * ({@code caseload.PatientAccess}); this records and reads. Recorded interactions are
 * signed: the database refuses to change them.
 */
@Service
public class Interactions {

	/** A clock a little fast on the client's side is not documenting the future. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Interactions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Records and signs an interaction and, in the same transaction, asks for the
	 * follow-up ({@link FollowUpRequested}: the worklist makes it a task owned by whoever
	 * signs): both or neither.
	 * @param followUp null for none
	 * @throws InvalidDocumentationException naming the first field that is wrong; nothing
	 * is recorded then
	 */
	@Transactional
	public Interaction record(PatientId patient, NewInteraction request, FollowUp followUp, String recordedBy) {
		Interaction recorded = record(patient, request, recordedBy);
		if (followUp != null) {
			this.events.publishEvent(
					new FollowUpRequested(patient, recorded.id(), followUp.on(), followUp.what(), recordedBy));
		}
		return recorded;
	}

	/**
	 * Records and signs an interaction under the patient record.
	 * @throws InvalidDocumentationException naming the first field that is wrong; nothing
	 * is recorded then
	 */
	@Transactional
	public Interaction record(PatientId patient, NewInteraction request, String recordedBy) {
		Kind kind = request.parsedKind();
		Outcome outcome = request.parsedOutcome();
		Instant startedAt = request.parsedStartedAt();
		Instant now = this.clock.instant();
		if (startedAt.isAfter(now.plus(CLOCK_SKEW))) {
			throw new InvalidDocumentationException("startedAt", startedAt + " is in the future");
		}
		int minutes = request.checkedMinutes();
		Staff staff = request.parsedStaff();
		Activity activity = request.parsedActivity();
		String note = request.checkedNote();
		List<String> participants = request.checkedParticipants();
		boolean complex = Boolean.TRUE.equals(request.complexCarePlan());
		if (complex && activity != Activity.CCM) {
			throw new InvalidDocumentationException("complexCarePlan", "applies to CCM only, not " + activity);
		}
		String practitioner = request.checkedBillingPractitioner();
		long id = this.jdbc
			.sql("""
					insert into interaction (patient_id, kind, outcome, started_at, minutes, staff, activity, note,
					                         participants, complex_care_plan, billing_practitioner, recorded_by, recorded_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params(patient.value(), kind.name(), outcome.name(), Timestamp.from(startedAt), minutes, staff.name(),
					activity.name(), note, participants.toArray(String[]::new), complex, practitioner, recordedBy,
					Timestamp.from(now))
			.query(Long.class)
			.single();
		return new Interaction(id, patient, kind, outcome, startedAt, minutes, staff, activity, note, participants,
				complex, practitioner, recordedBy, now, List.of());
	}

	/**
	 * Adds a correction or addition to a signed interaction of the patient record.
	 * @throws NoSuchElementException if the record has no such interaction
	 */
	@Transactional
	public Addendum addAddendum(PatientId patient, long interaction, String note, String recordedBy) {
		String checked = Fields.text("note", note, NewInteraction.MAX_NOTE);
		boolean exists = this.jdbc.sql("select exists (select 1 from interaction where id = ? and patient_id = ?)")
			.params(interaction, patient.value())
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw new NoSuchElementException("Patient/" + patient + " has no interaction " + interaction);
		}
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into interaction_addendum (interaction_id, note, recorded_by, recorded_at)
				values (?, ?, ?, ?) returning id
				""").params(interaction, checked, recordedBy, Timestamp.from(now)).query(Long.class).single();
		return new Addendum(id, checked, recordedBy, now);
	}

	/** The interactions of these records (one person's), newest first, with addenda. */
	public List<Interaction> of(Collection<PatientId> records) {
		UUID[] ids = records.stream().map(PatientId::value).toArray(UUID[]::new);
		Map<Long, List<Addendum>> addenda = new HashMap<>();
		this.jdbc.sql("""
				select a.interaction_id, a.id, a.note, a.recorded_by, a.recorded_at
				from interaction_addendum a join interaction i on i.id = a.interaction_id
				where i.patient_id = any(?) order by a.id
				""")
			.param(ids)
			.query((rs, n) -> addenda.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Addendum(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant())))
			.list();
		return this.jdbc.sql(SELECT + " where patient_id = any(?) order by started_at desc, id desc")
			.param(ids)
			.query((rs, n) -> interaction(rs, addenda.getOrDefault(rs.getLong(1), List.of())))
			.list();
	}

	/** One interaction, with its addenda. */
	public Optional<Interaction> find(long id) {
		List<Addendum> addenda = this.jdbc.sql(
				"select id, note, recorded_by, recorded_at from interaction_addendum where interaction_id = ? order by id")
			.param(id)
			.query((rs, n) -> new Addendum(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> interaction(rs, addenda)).optional();
	}

	/** One page of interactions, newest first, and how many there are in all. */
	public record Page(List<Interaction> interactions, int total) {
	}

	/**
	 * One page of the interactions of these records (null: everyone's), newest first,
	 * without addenda; and how many match in all.
	 */
	public Page search(Collection<PatientId> records, int offset, int count) {
		Paging.Rows<Interaction> page = Paging.page(this.jdbc, "select count(*) from interaction", SELECT, "patient_id",
				"started_at desc, id desc", records, offset, count, (rs, n) -> interaction(rs, List.of()));
		return new Page(page.rows(), page.total());
	}

	/**
	 * When each of these records was last reached: the start of its latest interaction
	 * whose outcome was a contact ({@code REACHED} or {@code COMPLETED}), in one round
	 * trip. A voicemail or an unanswered call is an attempt, not a contact. Records never
	 * reached are absent.
	 */
	public Map<PatientId, Instant> lastContacts(Collection<PatientId> records) {
		Map<PatientId, Instant> last = new HashMap<>();
		if (records.isEmpty()) {
			return last;
		}
		this.jdbc.sql("""
				select patient_id, max(started_at) from interaction
				where patient_id = any(?) and outcome in ('REACHED', 'COMPLETED') group by patient_id
				""").param(records.stream().map(PatientId::value).toArray(UUID[]::new)).query(rs -> {
			last.put(new PatientId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
		});
		return last;
	}

	/**
	 * Every care-management interaction (CCM, PCM, TCM) that started in
	 * {@code [from, to)}, without addenda, streamed: for the month-end report over every
	 * person.
	 * @param records whose; null for everyone's
	 */
	public void forEachCareManagement(Instant from, Instant to, Collection<PatientId> records,
			Consumer<Interaction> consumer) {
		String where = " where started_at >= ? and started_at < ? and activity <> 'OTHER'"
				+ (records == null ? "" : " and patient_id = any(?)");
		List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
		if (records != null) {
			params.add(records.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		// Without the note and participants: the report does not show them, and reading
		// a text array per row was a third of its time.
		this.jdbc.sql("""
				select id, patient_id, kind, outcome, started_at, minutes, staff, activity, complex_care_plan,
				       billing_practitioner, recorded_by, recorded_at
				from interaction""" + where).params(params).query(rs -> {
			consumer.accept(new Interaction(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)),
					Kind.valueOf(rs.getString(3)), Outcome.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
					rs.getInt(6), Staff.valueOf(rs.getString(7)), Activity.valueOf(rs.getString(8)), "", List.of(),
					rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(), List.of()));
		});
	}

	private static final String SELECT = """
			select id, patient_id, kind, outcome, started_at, minutes, staff, activity, note, participants,
			       complex_care_plan, billing_practitioner, recorded_by, recorded_at
			from interaction""";

	private static Interaction interaction(ResultSet rs, List<Addendum> addenda) throws SQLException {
		Array participants = rs.getArray(10);
		return new Interaction(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), Kind.valueOf(rs.getString(3)),
				Outcome.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getInt(6),
				Staff.valueOf(rs.getString(7)), Activity.valueOf(rs.getString(8)), rs.getString(9),
				participants == null ? List.of() : Arrays.asList((String[]) participants.getArray()), rs.getBoolean(11),
				rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(), addenda);
	}

}
