package org.northstar.meetings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import org.northstar.careplan.StalledItems;
import org.northstar.careplan.StalledItems.StalledItem;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.meetings.Agenda.Entry;
import org.northstar.meetings.Agenda.PersonFacts;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.risk.RiskScores;
import org.northstar.risk.RiskTrend;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
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
 * Interdisciplinary team meetings. A coordinator or supervisor starts one for her team;
 * its agenda is compiled from the people on the team's caseloads ({@link Agenda}) and
 * kept as compiled, each person with why they are there, so the meeting stays a record of
 * what the team saw. Until it is closed the agenda can be edited (a person added,
 * removed, moved), minutes written per person, and decisions taken, each of which becomes
 * a worklist task with an owner from the team and a due date, in the same transaction.
 * Callers decide and audit access to each person first.
 */
@Service
public class Meetings {

	static final int MAX_MINUTES = 8000;

	static final int MAX_DECISION = 500;

	private final JdbcClient jdbc;

	private final Teams teams;

	private final UserAccounts accounts;

	private final People people;

	private final Patients patients;

	private final RiskScores risks;

	private final ClinicalRecords clinical;

	private final StalledItems stalled;

	private final Tasks tasks;

	private final Victories victories;

	private final Clock clock;

	Meetings(JdbcClient jdbc, Teams teams, UserAccounts accounts, People people, Patients patients, RiskScores risks,
			ClinicalRecords clinical, StalledItems stalled, Tasks tasks, Victories victories, Clock clock) {
		this.jdbc = jdbc;
		this.teams = teams;
		this.accounts = accounts;
		this.people = people;
		this.patients = patients;
		this.risks = risks;
		this.clinical = clinical;
		this.stalled = stalled;
		this.tasks = tasks;
		this.victories = victories;
		this.clock = clock;
	}

	/**
	 * Whether the user may hold her team's meetings: a coordinator or supervisor in a
	 * team.
	 */
	public static boolean mayMeet(UserAccount user) {
		return user.team() != null && (user.has(Role.COORDINATOR) || user.has(Role.SUPERVISOR));
	}

	/** A meeting as the list of a team's meetings shows it. */
	public record MeetingSummary(long id, LocalDate heldOn, String startedBy, int people, int decisions,
			Instant closedAt) {
	}

	/**
	 * Starts a meeting of the user's team today, its agenda compiled from the people on
	 * the team's caseloads.
	 * @throws MeetingRefusedException if the user is not a coordinator or supervisor in a
	 * team
	 */
	@Transactional
	public Meeting start(UserAccount user) {
		if (!mayMeet(user)) {
			throw new MeetingRefusedException("team",
					user.username() + " is not a coordinator or supervisor in a team, so has no team meeting to hold");
		}
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		List<Entry> agenda = Agenda.compile(facts(teamPeople(user)), today, this.clock.getZone());
		long id = this.jdbc.sql("""
				insert into idt_meeting (team, held_on, started_at, started_by) values (?, ?, ?, ?) returning id
				""")
			.params(user.team(), Date.valueOf(today), Timestamp.from(now), user.username())
			.query(Long.class)
			.single();
		int position = 0;
		for (Entry entry : agenda) {
			insertItem(id, entry.person(), ++position, entry.reasons(), null);
		}
		return find(id).orElseThrow();
	}

	/** The people on the caseloads of the user's team, one record per person. */
	public List<PatientId> teamPeople(UserAccount user) {
		return List.copyOf(this.teams.peopleOf(user).keySet());
	}

	public Optional<Meeting> find(long id) {
		return this.jdbc.sql("""
				select id, team, held_on, started_at, started_by, closed_at, closed_by from idt_meeting where id = ?
				""").param(id).query((rs, n) -> {
			Timestamp closed = rs.getTimestamp(6);
			return new Meeting(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
					rs.getTimestamp(4).toInstant(), rs.getString(5), closed == null ? null : closed.toInstant(),
					rs.getString(7), List.of());
		})
			.optional()
			.map(m -> new Meeting(m.id(), m.team(), m.heldOn(), m.startedAt(), m.startedBy(), m.closedAt(),
					m.closedBy(), items(m.id())));
	}

	/** The team's meetings, the latest first. */
	public List<MeetingSummary> ofTeam(String team, int limit) {
		return this.jdbc.sql("""
				select m.id, m.held_on, m.started_by, m.closed_at,
				       (select count(*) from idt_agenda_item i where i.meeting_id = m.id),
				       (select count(*) from idt_decision d join idt_agenda_item i on i.id = d.item_id
				        where i.meeting_id = m.id)
				from idt_meeting m where m.team = ? order by m.id desc limit ?
				""").params(team, limit).query((rs, n) -> {
			Timestamp closed = rs.getTimestamp(4);
			return new MeetingSummary(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getInt(5),
					rs.getInt(6), closed == null ? null : closed.toInstant());
		}).list();
	}

	/**
	 * Adds a person to the agenda, last, with the reasons the agenda would give for them
	 * now and who added them.
	 * @throws MeetingRefusedException if the meeting is closed or the person is on its
	 * agenda already
	 */
	@Transactional
	public AgendaItem addPerson(long meetingId, PatientId person, String by) {
		Meeting meeting = openMeeting(meetingId);
		List<PatientId> records = this.people.recordsOf(person);
		Optional<AgendaItem> present = meeting.items().stream().filter(i -> records.contains(i.person())).findFirst();
		if (present.isPresent()) {
			throw new MeetingRefusedException("person", present.get().name() + " is on the agenda already");
		}
		List<AgendaReason> reasons = new ArrayList<>();
		reasons.add(new AgendaReason(AgendaReason.Kind.ADDED, "Added by " + by));
		facts(List.of(person))
			.forEach(f -> reasons.addAll(Agenda.reasons(f, LocalDate.now(this.clock), this.clock.getZone())));
		int position = meeting.items().size() + 1;
		long id = insertItem(meetingId, person, position, reasons, by);
		return item(meetingId, id);
	}

	/**
	 * Takes a person off the agenda.
	 * @throws MeetingRefusedException if the meeting is closed, or minutes or a decision
	 * were recorded about them (those are kept)
	 */
	@Transactional
	public void remove(long meetingId, long itemId) {
		openMeeting(meetingId);
		AgendaItem item = item(meetingId, itemId);
		if (!item.decisions().isEmpty() || (item.minutes() != null && !item.minutes().isBlank())) {
			throw new MeetingRefusedException("item", item.name()
					+ " has minutes or decisions recorded in this meeting: they stay on the agenda with them");
		}
		this.jdbc.sql("delete from idt_agenda_reason where item_id = ?").param(itemId).update();
		this.jdbc.sql("delete from idt_agenda_item where id = ?").param(itemId).update();
		this.jdbc.sql("""
				update idt_agenda_item set position = position - 1 where meeting_id = ? and position > ?
				""").params(meetingId, item.position()).update();
	}

	/**
	 * Moves a person one place up (earlier) or down the agenda; at either end it stays.
	 * @throws MeetingRefusedException if the meeting is closed
	 */
	@Transactional
	public void move(long meetingId, long itemId, boolean up) {
		openMeeting(meetingId);
		AgendaItem item = item(meetingId, itemId);
		int other = item.position() + (up ? -1 : 1);
		int swapped = this.jdbc.sql("update idt_agenda_item set position = ? where meeting_id = ? and position = ?")
			.params(item.position(), meetingId, other)
			.update();
		if (swapped == 1) {
			this.jdbc.sql("update idt_agenda_item set position = ? where id = ?").params(other, itemId).update();
		}
	}

	/**
	 * Replaces the minutes about one person.
	 * @throws MeetingRefusedException if the meeting is closed or the minutes too long
	 */
	@Transactional
	public AgendaItem writeMinutes(long meetingId, long itemId, String minutes) {
		openMeeting(meetingId);
		item(meetingId, itemId);
		String text = minutes == null || minutes.isBlank() ? null : minutes.strip();
		if (text != null && text.length() > MAX_MINUTES) {
			throw new MeetingRefusedException("minutes", "Minutes are at most " + MAX_MINUTES + " characters");
		}
		this.jdbc.sql("update idt_agenda_item set minutes = ? where id = ?").params(text, itemId).update();
		return item(meetingId, itemId);
	}

	/**
	 * Records what the team decided about a person, as a worklist task for the owner due
	 * on the day given; the decision and its task are made together or not at all.
	 * @param owner a member of the meeting's team
	 * @throws MeetingRefusedException naming the field: the meeting closed, the text
	 * blank or too long, the owner not in the team, the due day missing or before the
	 * meeting
	 */
	@Transactional
	public Decision decide(long meetingId, long itemId, String text, String owner, LocalDate dueOn, String by) {
		Meeting meeting = openMeeting(meetingId);
		AgendaItem item = item(meetingId, itemId);
		String what = text == null ? "" : text.strip();
		if (what.isEmpty()) {
			throw new MeetingRefusedException("text", "Say what the team decided");
		}
		if (what.length() > MAX_DECISION) {
			throw new MeetingRefusedException("text", "A decision is at most " + MAX_DECISION + " characters");
		}
		if (owner == null || owner.isBlank() || !this.accounts.teamMembers(meeting.team()).contains(owner.strip())) {
			throw new MeetingRefusedException("owner",
					"The owner is a member of the team " + meeting.team() + ", not '" + owner + "'");
		}
		if (dueOn == null) {
			throw new MeetingRefusedException("dueOn", "Say by when it is to be done");
		}
		if (dueOn.isBefore(meeting.heldOn())) {
			throw new MeetingRefusedException("dueOn",
					"A decision is due on or after the meeting (" + meeting.heldOn() + "), not on " + dueOn);
		}
		// The task links back to the meeting that decided it.
		Task task = this.tasks.create(
				new TaskChange(item.person(), owner.strip(), Task.Kind.OTHER, "IDT " + meeting.heldOn() + ": " + what,
						dueOn, TaskStatus.OPEN, TaskPriority.ROUTINE, null,
						new TaskBasis(TaskBasis.Kind.MEETING, meeting.id(), "Team meeting of " + meeting.heldOn())),
				by);
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into idt_decision (item_id, text, owner, due_on, task_id, decided_at, decided_by)
				values (?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(itemId, what, owner.strip(), Date.valueOf(dueOn), task.id(), Timestamp.from(now), by)
			.query(Long.class)
			.single();
		return new Decision(id, what, owner.strip(), dueOn, task.id(), now, by);
	}

	/**
	 * Closes the meeting: from now on it is a record and does not change.
	 * @throws MeetingRefusedException if it is closed already
	 */
	@Transactional
	public Meeting close(long meetingId, String by) {
		openMeeting(meetingId);
		this.jdbc.sql("update idt_meeting set closed_at = ?, closed_by = ? where id = ? and closed_at is null")
			.params(Timestamp.from(this.clock.instant()), by, meetingId)
			.update();
		return find(meetingId).orElseThrow();
	}

	private Meeting openMeeting(long meetingId) {
		Meeting meeting = this.jdbc.sql("select id from idt_meeting where id = ? for update")
			.param(meetingId)
			.query(Long.class)
			.optional()
			.flatMap(this::find)
			.orElseThrow(() -> new NoSuchElementException("There is no meeting " + meetingId));
		if (!meeting.open()) {
			throw new MeetingRefusedException("meeting", "The meeting of " + meeting.heldOn() + " was closed by "
					+ meeting.closedBy() + ": it is a record now and does not change");
		}
		return meeting;
	}

	private AgendaItem item(long meetingId, long itemId) {
		return items(meetingId).stream()
			.filter(i -> i.id() == itemId)
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("Meeting " + meetingId + " has no agenda item " + itemId));
	}

	private long insertItem(long meetingId, PatientId person, int position, List<AgendaReason> reasons,
			String addedBy) {
		long id = this.jdbc.sql("""
				insert into idt_agenda_item (meeting_id, patient_id, position, added_by) values (?, ?, ?, ?)
				returning id
				""").params(meetingId, person.value(), position, addedBy).query(Long.class).single();
		for (AgendaReason reason : reasons) {
			this.jdbc.sql("insert into idt_agenda_reason (item_id, kind, text) values (?, ?, ?)")
				.params(id, reason.kind().name(), reason.text())
				.update();
		}
		return id;
	}

	private List<AgendaItem> items(long meetingId) {
		Map<Long, List<AgendaReason>> reasons = new HashMap<>();
		this.jdbc.sql("""
				select r.item_id, r.kind, r.text from idt_agenda_reason r join idt_agenda_item i on i.id = r.item_id
				where i.meeting_id = ? order by r.id
				""").param(meetingId).query(rs -> {
			reasons.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new AgendaReason(AgendaReason.Kind.valueOf(rs.getString(2)), rs.getString(3)));
		});
		Map<Long, List<Decision>> decisions = new HashMap<>();
		this.jdbc.sql("""
				select d.item_id, d.id, d.text, d.owner, d.due_on, d.task_id, d.decided_at, d.decided_by
				from idt_decision d join idt_agenda_item i on i.id = d.item_id where i.meeting_id = ? order by d.id
				""").param(meetingId).query(rs -> {
			decisions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Decision(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
						rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getString(8)));
		});
		record Row(long id, PatientId person, int position, String minutes, String addedBy) {
		}
		List<Row> rows = this.jdbc.sql("""
				select id, patient_id, position, minutes, added_by from idt_agenda_item
				where meeting_id = ? order by position, id
				""")
			.param(meetingId)
			.query((rs, n) -> new Row(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), rs.getInt(3),
					rs.getString(4), rs.getString(5)))
			.list();
		Map<PatientId, String> names = names(rows.stream().map(Row::person).toList());
		return rows.stream()
			.map(r -> new AgendaItem(r.id(), r.person(), names.getOrDefault(r.person(), "(no name)"), r.position(),
					reasons.getOrDefault(r.id(), List.of()), r.minutes(), r.addedBy(),
					decisions.getOrDefault(r.id(), List.of())))
			.toList();
	}

	private Map<PatientId, String> names(Collection<PatientId> persons) {
		Map<PatientId, String> names = new HashMap<>();
		for (PatientSummary summary : this.patients.summaries(persons, null)) {
			names.put(summary.id(), summary.displayName());
		}
		return names;
	}

	/** What the agenda is compiled from, for each person, in a few queries for all. */
	private List<PersonFacts> facts(List<PatientId> persons) {
		if (persons.isEmpty()) {
			return List.of();
		}
		LocalDate today = LocalDate.now(this.clock);
		ZoneId zone = this.clock.getZone();
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(persons);
		Map<PatientId, PatientId> personOf = new HashMap<>();
		for (PatientId person : persons) {
			personOf.put(person, person);
			others.getOrDefault(person, List.of()).forEach(record -> personOf.putIfAbsent(record, person));
		}
		List<PatientId> records = List.copyOf(personOf.keySet());
		Map<PatientId, String> names = names(persons);
		Map<PatientId, RiskTrend> trends = this.risks.trendsOf(persons);
		Map<PatientId, List<HospitalEvent>> events = new HashMap<>();
		Instant recent = today.minusDays(Agenda.RECENT_DAYS).atStartOfDay(zone).toInstant();
		// An event arrives no earlier than it happens: those of the last days arrived in
		// them too.
		for (HospitalEvent event : this.clinical.hospitalEventsArrivedSince(records, recent)) {
			events.computeIfAbsent(personOf.get(event.patient()), p -> new ArrayList<>()).add(event);
		}
		Map<PatientId, List<Task>> openTasks = new HashMap<>();
		for (Task task : this.tasks.openFor(records)) {
			openTasks.computeIfAbsent(personOf.get(task.patient()), p -> new ArrayList<>()).add(task);
		}
		Map<PatientId, List<StalledItem>> stalledItems = new HashMap<>();
		for (StalledItem item : this.stalled.among(records, today, Agenda.QUIET_DAYS)) {
			stalledItems.computeIfAbsent(personOf.get(item.record()), p -> new ArrayList<>()).add(item);
		}
		Map<PatientId, List<Victory>> wins = new HashMap<>();
		for (Victory victory : this.victories.among(records, today.minusDays(Agenda.VICTORY_DAYS))) {
			wins.computeIfAbsent(personOf.get(victory.patient()), p -> new ArrayList<>()).add(victory);
		}
		return persons.stream()
			.map(p -> new PersonFacts(p, names.getOrDefault(p, "(no name)"), trends.getOrDefault(p, RiskTrend.NONE),
					events.getOrDefault(p, List.of()), openTasks.getOrDefault(p, List.of()),
					stalledItems.getOrDefault(p, List.of()), wins.getOrDefault(p, List.of())))
			.toList();
	}

}
