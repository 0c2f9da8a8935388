package org.northstar.worklist;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.northstar.caseload.AssignmentRefusedException;
import org.northstar.caseload.Assignments;
import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Consents;
import org.northstar.documentation.Interactions;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskScores;
import org.northstar.risk.RiskTrend;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;
import org.northstar.worklist.RefillGaps.RefillGap;
import org.northstar.worklist.TodayRow.Kind;
import org.northstar.worklist.TodayRow.Reason;
import org.northstar.worklist.TodayRow.Snooze;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coordinator's home page: everything about her people that needs her today, ranked
 * by a priority that is a sum of weighted reasons ({@link TodayWeights}), so that each
 * row can say why it is there and why it ranks where it does.
 *
 * <p>
 * The reasons: open tasks due today or overdue (a transition-of-care contact weighs
 * most), admissions and ED visits that arrived since the user's last overnight review,
 * high and rising risk, discharges without follow-up, people not reached within their
 * program's contact interval, medicines not refilled ({@link RefillGaps}, for people on a
 * caseload), and rides still to book with a ride program ({@link RidesToBook}, likewise).
 * A snoozed person's row stays away until the snooze's day, or until the hospital sends
 * news of them. Reads do not check access: callers show only the user's people
 * ({@link Caseloads#visibleTo}) and audit the read.
 */
@Service
public class Today {

	/** Transition-of-care contacts first, then the earliest due. */
	private static final Comparator<Task> TODAYS_ORDER = Comparator
		.comparing((Task t) -> t.kind() != Task.Kind.TCM_CONTACT)
		.thenComparing(Task::dueOn)
		.thenComparing(Task::id);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	private final JdbcClient jdbc;

	private final Caseloads caseloads;

	private final Assignments assignments;

	private final People people;

	private final Patients patients;

	private final Tasks tasks;

	private final OvernightReview review;

	private final ClinicalRecords clinical;

	private final RiskScores risks;

	private final Interactions interactions;

	private final Consents consents;

	private final TodayWeights weights;

	private final Clock clock;

	/** The medicines module's answer; none in a test of this module alone. */
	private final List<RefillGaps> refillGaps;

	/** The scheduling module's answer; none in a test of this module alone. */
	private final List<RidesToBook> ridesToBook;

	Today(JdbcClient jdbc, Caseloads caseloads, Assignments assignments, People people, Patients patients, Tasks tasks,
			OvernightReview review, ClinicalRecords clinical, RiskScores risks, Interactions interactions,
			Consents consents, TodayWeights weights, Clock clock, List<RefillGaps> refillGaps,
			List<RidesToBook> ridesToBook) {
		this.jdbc = jdbc;
		this.caseloads = caseloads;
		this.assignments = assignments;
		this.people = people;
		this.patients = patients;
		this.tasks = tasks;
		this.review = review;
		this.clinical = clinical;
		this.risks = risks;
		this.interactions = interactions;
		this.consents = consents;
		this.weights = weights;
		this.clock = clock;
		this.refillGaps = List.copyOf(refillGaps);
		this.ridesToBook = List.copyOf(ridesToBook);
	}

	public TodayWeights weights() {
		return this.weights;
	}

	/**
	 * The user's Today: the people on her own caseload, and those she owns a task due
	 * for, among those she may see; the highest priority first.
	 */
	@Transactional(readOnly = true)
	public List<TodayRow> forUser(UserAccount user) {
		List<PatientId> visible = this.people.onePerPerson(this.caseloads.visibleTo(user));
		// Her team's caseloads are visible to her, but only her own people (and those she
		// owns a task for) are hers today: the others are not read any further.
		Map<PatientId, String> coordinators = this.caseloads.coordinatorsOf(visible);
		java.util.Set<UUID> ownTasks = new java.util.HashSet<>(this.jdbc.sql(
				"select distinct patient_id from task where owner = ? and status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD') and due_on <= ?")
			.params(user.username(), Date.valueOf(LocalDate.now(this.clock)))
			.query(UUID.class)
			.list());
		Map<PatientId, List<PatientId>> others = ownTasks.isEmpty() ? Map.of()
				: this.people.otherLinkedRecords(visible);
		List<PatientId> hers = visible.stream()
			.filter(p -> user.username().equals(coordinators.get(p)) || ownTasks.contains(p.value())
					|| others.getOrDefault(p, List.of()).stream().anyMatch(r -> ownTasks.contains(r.value())))
			.toList();
		return rows(hers, user.username(), row -> user.username().equals(row.coordinator())
				|| row.tasks().stream().anyMatch(t -> user.username().equals(t.owner())));
	}

	/**
	 * A supervisor's view of the team: every person on the team's caseloads that has a
	 * reason to be on someone's Today, by coordinator (in name order), each coordinator's
	 * rows ranked. The admissions and ED visits are those since each coordinator's own
	 * last review.
	 * @throws IllegalArgumentException if the user is not a supervisor
	 */
	@Transactional(readOnly = true)
	public Map<String, List<TodayRow>> forTeam(UserAccount supervisor) {
		if (!supervisor.has(Role.SUPERVISOR)) {
			throw new IllegalArgumentException(supervisor.username() + " is not a supervisor");
		}
		List<PatientId> visible = this.people.onePerPerson(this.caseloads.visibleTo(supervisor));
		Map<String, List<PatientId>> byCoordinator = new java.util.TreeMap<>();
		this.caseloads.coordinatorsOf(visible)
			.forEach((person, coordinator) -> byCoordinator.computeIfAbsent(coordinator, c -> new ArrayList<>())
				.add(person));
		Map<String, List<TodayRow>> team = new LinkedHashMap<>();
		byCoordinator.forEach((coordinator, persons) -> team.put(coordinator, rows(persons, coordinator, row -> true)));
		return team;
	}

	/**
	 * The row of one person as the user's Today shows it after an action, or empty when
	 * nothing about them needs anyone today (or they are snoozed).
	 */
	@Transactional(readOnly = true)
	public Optional<TodayRow> rowOf(UserAccount user, PatientId person) {
		return rows(List.of(person), user.username(), row -> true).stream().findFirst();
	}

	/**
	 * Keeps the person off Today until {@code until}, for a reason; news from the
	 * hospital brings them back sooner.
	 * @throws IllegalArgumentException if {@code until} is not after today or the reason
	 * is blank
	 */
	@Transactional
	public Snooze snooze(UserAccount user, PatientId person, LocalDate until, String reason) {
		LocalDate today = LocalDate.now(this.clock);
		if (until == null || !until.isAfter(today)) {
			throw new IllegalArgumentException("A snooze ends after today (" + today + "), not on " + until);
		}
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new IllegalArgumentException("A snooze needs a reason of 1 to 500 characters");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into today_snooze (patient_id, snoozed_until, reason, snoozed_by, snoozed_at)
				values (?, ?, ?, ?, ?)
				""")
			.params(person.value(), Date.valueOf(until), reason.strip(), user.username(), Timestamp.from(now))
			.update();
		return new Snooze(until, reason.strip(), user.username(), now);
	}

	/**
	 * Puts the person on another coordinator's caseload, off every other, with the checks
	 * and audit of {@link Assignments#assign} (a supervisor within her team), and hands
	 * the previous coordinator's open tasks of the person over with them.
	 * @throws AssignmentRefusedException when the user may not make this move
	 */
	@Transactional
	public void reassign(UserAccount user, PatientId person, String coordinator, String address) {
		for (Assignments.Change change : this.assignments.assign(user, List.of(person), coordinator, address)) {
			if (change.from() != null && !change.from().equals(change.to())) {
				this.tasks.handOver(this.people.recordsOf(change.patient()), change.from(), change.to());
			}
		}
	}

	/** What rank works from about one person: gathered in a few queries for everyone. */
	record PersonFacts(PatientId person, String name, String coordinator, List<Task> openTasks,
			List<HospitalEvent> news, List<HospitalEvent> dischargesWithoutFollowUp, RiskTrend risk,
			Instant lastContact, String program, Snooze snooze, List<RefillGap> refillGaps,
			List<RidesToBook.RideToBook> rides) {

		PersonFacts(PatientId person, String name, String coordinator, List<Task> openTasks, List<HospitalEvent> news,
				List<HospitalEvent> dischargesWithoutFollowUp, RiskTrend risk, Instant lastContact, String program,
				Snooze snooze, List<RefillGap> refillGaps) {
			this(person, name, coordinator, openTasks, news, dischargesWithoutFollowUp, risk, lastContact, program,
					snooze, refillGaps, List.of());
		}

		PersonFacts(PatientId person, String name, String coordinator, List<Task> openTasks, List<HospitalEvent> news,
				List<HospitalEvent> dischargesWithoutFollowUp, RiskTrend risk, Instant lastContact, String program,
				Snooze snooze) {
			this(person, name, coordinator, openTasks, news, dischargesWithoutFollowUp, risk, lastContact, program,
					snooze, List.of(), List.of());
		}

	}

	private List<TodayRow> rows(List<PatientId> persons, String reviewer, java.util.function.Predicate<TodayRow> keep) {
		if (persons.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		ZoneId zone = this.clock.getZone();
		LocalDate today = now.atZone(zone).toLocalDate();
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(persons);
		Map<PatientId, PatientId> personOf = new HashMap<>();
		for (PatientId person : persons) {
			personOf.put(person, person);
			others.getOrDefault(person, List.of()).forEach(record -> personOf.putIfAbsent(record, person));
		}
		List<PatientId> records = List.copyOf(personOf.keySet());
		Map<PatientId, String> names = new HashMap<>();
		for (PatientSummary summary : this.patients.summaries(persons, null)) {
			names.put(summary.id(), summary.displayName());
		}
		Map<PatientId, String> coordinators = this.caseloads.coordinatorsOf(persons);
		Map<PatientId, List<Task>> openTasks = new HashMap<>();
		for (Task task : this.tasks.openFor(records)) {
			if (!task.dueOn().isAfter(today)) {
				openTasks.computeIfAbsent(personOf.get(task.patient()), p -> new ArrayList<>()).add(task);
			}
		}
		Instant since = this.review.since(reviewer, now, zone);
		Instant window = today.minusDays(this.weights.dischargeWindowDays()).atStartOfDay(zone).toInstant();
		List<HospitalEvent> events = this.clinical.hospitalEventsArrivedSince(records,
				since.isBefore(window) ? since : window);
		Map<PatientId, Instant> lastContact = new HashMap<>();
		this.interactions.lastContacts(records)
			.forEach((record, at) -> lastContact.merge(personOf.get(record), at, (a, b) -> a.isAfter(b) ? a : b));
		Map<PatientId, Instant> lastTaskCreated = new HashMap<>();
		this.jdbc.sql("select patient_id, max(created_at) from task where patient_id = any(?) group by patient_id")
			.param(ids(records))
			.query(rs -> {
				lastTaskCreated.merge(personOf.get(new PatientId(rs.getObject(1, UUID.class))),
						rs.getTimestamp(2).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
			});
		Map<PatientId, List<HospitalEvent>> news = new HashMap<>();
		Map<PatientId, List<HospitalEvent>> unfollowed = new HashMap<>();
		for (HospitalEvent event : events) {
			PatientId person = personOf.get(event.patient());
			if (event.kind() == HospitalEventKind.DISCHARGED) {
				Instant contact = lastContact.get(person);
				Instant task = lastTaskCreated.get(person);
				boolean followedUp = (contact != null && contact.isAfter(event.at()))
						|| (task != null && !task.isBefore(event.arrivedAt()));
				if (!followedUp && !event.at().isBefore(window)) {
					unfollowed.computeIfAbsent(person, p -> new ArrayList<>()).add(event);
				}
			}
			else if (!event.arrivedAt().isBefore(since)) {
				news.computeIfAbsent(person, p -> new ArrayList<>()).add(event);
			}
		}
		Map<PatientId, RiskTrend> trends = this.risks.trendsOf(persons);
		// The program the person is attributed under on the caseload (V28), and the care
		// program they consented to: the one whose contact interval is the shorter is the
		// one that falls due first (CCM's monthly minutes over an ACO's quarterly call).
		Map<PatientId, String> programs = new HashMap<>();
		java.util.function.BinaryOperator<String> tighter = (a, b) -> {
			int byInterval = Integer.compare(this.weights.contactInterval(a), this.weights.contactInterval(b));
			return byInterval < 0 || (byInterval == 0 && a.compareTo(b) <= 0) ? a : b;
		};
		this.assignments.programsOf(records)
			.forEach((record, program) -> programs.merge(personOf.get(record), program, tighter));
		for (Consent consent : this.consents.standingBetween(today, today, records)) {
			programs.merge(personOf.get(consent.patient()), consent.program().name(), tighter);
		}
		Map<PatientId, Snooze> snoozes = new HashMap<>();
		this.jdbc.sql("""
				select distinct on (patient_id) patient_id, snoozed_until, reason, snoozed_by, snoozed_at
				from today_snooze where patient_id = any(?) order by patient_id, snoozed_at desc, id desc
				""").param(ids(records)).query(rs -> {
			PatientId person = personOf.get(new PatientId(rs.getObject(1, UUID.class)));
			Snooze snooze = new Snooze(rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant());
			snoozes.merge(person, snooze, (a, b) -> a.at().isAfter(b.at()) ? a : b);
		});
		// Refill gaps of the people on a caseload: someone who is only here for a task
		// the
		// user owns has a coordinator of their own to chase the pharmacy, or none yet.
		Map<PatientId, List<PatientId>> onCaseload = new LinkedHashMap<>();
		personOf.forEach((record, person) -> {
			if (coordinators.containsKey(person)) {
				onCaseload.computeIfAbsent(person, p -> new ArrayList<>()).add(record);
			}
		});
		Map<PatientId, List<RefillGap>> gaps = new HashMap<>();
		for (RefillGaps source : this.refillGaps) {
			gaps.putAll(source.of(onCaseload, today, this.weights.refillGapDays()));
		}
		// Rides to book, for the people on a caseload, as refill gaps.
		Map<PatientId, List<RidesToBook.RideToBook>> rides = new HashMap<>();
		for (RidesToBook source : this.ridesToBook) {
			rides.putAll(source.of(onCaseload, now));
		}
		List<PersonFacts> facts = new ArrayList<>(persons.size());
		for (PatientId person : persons) {
			facts.add(new PersonFacts(person, names.getOrDefault(person, "(no name)"), coordinators.get(person),
					openTasks.getOrDefault(person, List.of()), news.getOrDefault(person, List.of()),
					unfollowed.getOrDefault(person, List.of()), trends.getOrDefault(person, RiskTrend.NONE),
					lastContact.get(person), programs.get(person), snoozes.get(person),
					gaps.getOrDefault(person, List.of()), rides.getOrDefault(person, List.of())));
		}
		return rank(facts, this.weights, today, zone, now).stream().filter(keep).toList();
	}

	/**
	 * Ranks people: each gets a reason for every thing that needs their coordinator
	 * today, with its points; a row's priority is the sum. People without a reason, and
	 * people snoozed past today with no news since the snooze, get no row. Ties go to the
	 * row with the earliest due task, then by name, then by record id, so the order never
	 * depends on the order of the input.
	 */
	static List<TodayRow> rank(List<PersonFacts> people, TodayWeights weights, LocalDate today, ZoneId zone) {
		return rank(people, weights, today, zone, today.plusDays(1).atStartOfDay(zone).toInstant());
	}

	/**
	 * As {@link #rank(List, TodayWeights, LocalDate, ZoneId)}, at the moment {@code now}
	 * of today, which says whether a ride's booking deadline has passed.
	 */
	static List<TodayRow> rank(List<PersonFacts> people, TodayWeights weights, LocalDate today, ZoneId zone,
			Instant now) {
		List<TodayRow> rows = new ArrayList<>();
		for (PersonFacts person : people) {
			Snooze snooze = person.snooze();
			if (snooze != null && snooze.until().isAfter(today)
					&& person.news().stream().noneMatch(e -> e.arrivedAt().isAfter(snooze.at()))) {
				continue;
			}
			List<Reason> reasons = reasons(person, weights, today, zone, now);
			if (reasons.isEmpty()) {
				continue;
			}
			List<Task> tasks = person.openTasks()
				.stream()
				.filter(t -> !t.dueOn().isAfter(today))
				.sorted(TODAYS_ORDER)
				.toList();
			rows.add(new TodayRow(person.person(), person.name(), person.coordinator(),
					reasons.stream().mapToInt(Reason::points).sum(), reasons, tasks, person.program(), snooze));
		}
		rows.sort(Comparator.comparingInt(TodayRow::priority)
			.reversed()
			.thenComparing(TodayRow::earliestDue, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(TodayRow::name, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(row -> row.person().value()));
		return rows;
	}

	private static List<Reason> reasons(PersonFacts person, TodayWeights w, LocalDate today, ZoneId zone, Instant now) {
		List<Reason> reasons = new ArrayList<>();
		person.openTasks().stream().filter(t -> !t.dueOn().isAfter(today)).sorted(TODAYS_ORDER).forEach(task -> {
			long late = ChronoUnit.DAYS.between(task.dueOn(), today);
			String due = late == 0 ? "due today"
					: "overdue since " + DAY.format(task.dueOn()) + " (" + days(late) + ")";
			if (task.kind() == Task.Kind.TCM_CONTACT) {
				reasons.add(new Reason(Kind.TCM_CONTACT, task.title() + ": " + due, w.tcmContact() + w.lateness(late),
						"TCM contact " + w.tcmContact() + lateness(w, late)));
			}
			else if (late > 0) {
				reasons.add(new Reason(Kind.TASK_OVERDUE, task.title() + ": " + due, w.taskOverdue() + w.lateness(late),
						"overdue task " + w.taskOverdue() + lateness(w, late)));
			}
			else {
				reasons.add(new Reason(Kind.TASK_DUE_TODAY, task.title() + ": " + due, w.taskDueToday(),
						"task due today " + w.taskDueToday()));
			}
		});
		latest(person.news(), HospitalEventKind.ADMITTED).ifPresent(e -> reasons
			.add(new Reason(Kind.ADMISSION, "Admitted " + when(e, zone) + where(e) + ", arrived since the last review",
					w.admission(), "admission " + w.admission())));
		latest(person.news(), HospitalEventKind.ED_VISIT).ifPresent(e -> reasons
			.add(new Reason(Kind.ED_VISIT, "ED visit " + when(e, zone) + where(e) + ", arrived since the last review",
					w.edVisit(), "ED visit " + w.edVisit())));
		latest(person.dischargesWithoutFollowUp(), HospitalEventKind.DISCHARGED)
			.ifPresent(e -> reasons.add(new Reason(Kind.DISCHARGE_WITHOUT_FOLLOW_UP,
					"Discharged " + when(e, zone) + where(e) + ": no contact and no task since",
					w.dischargeWithoutFollowUp(), "discharge without follow-up " + w.dischargeWithoutFollowUp())));
		RiskTrend risk = person.risk();
		if (risk.high()) {
			reasons.add(new Reason(Kind.HIGH_RISK, "High risk: " + scores(risk), w.highRisk(),
					"high risk " + w.highRisk()));
		}
		if (risk.rising()) {
			List<String> rises = new ArrayList<>();
			if (risk.laceRose()) {
				rises.add(rise(risk.previous().lace(), risk.latest().lace()));
			}
			if (risk.hospitalRose()) {
				rises.add(rise(risk.previous().hospital(), risk.latest().hospital()));
			}
			reasons
				.add(new Reason(Kind.RISING_RISK, "Rising risk: " + String.join(", ", rises) + " since the stay before",
						w.risingRisk(), "rising risk " + w.risingRisk()));
		}
		int interval = w.contactInterval(person.program());
		String program = person.program() == null ? "no program" : person.program();
		if (person.lastContact() == null) {
			reasons.add(new Reason(Kind.NOT_CONTACTED,
					"No contact on record (" + program + ": every " + interval + " days)", w.notContacted(),
					"not contacted " + w.notContacted()));
		}
		else {
			LocalDate last = person.lastContact().atZone(zone).toLocalDate();
			long late = ChronoUnit.DAYS.between(last.plusDays(interval), today);
			if (late >= 0) {
				reasons.add(new Reason(Kind.NOT_CONTACTED,
						"Last reached " + DAY.format(last) + ", " + days(ChronoUnit.DAYS.between(last, today))
								+ " ago (" + program + ": every " + interval + " days)",
						w.notContacted() + w.lateness(late), "not contacted " + w.notContacted() + lateness(w, late)));
			}
		}
		if (!person.refillGaps().isEmpty()) {
			List<String> gaps = new ArrayList<>();
			for (RefillGap gap : person.refillGaps()) {
				gaps.add(gap.medicineClass() + ": " + days(gap.days()) + " since the supply ran out (" + gap.medicine()
						+ ", out since " + DAY.format(gap.ranOutOn()) + ")");
			}
			reasons.add(
					new Reason(Kind.REFILL_GAP, String.join("; ", gaps), w.refillGap(), "refill gap " + w.refillGap()));
		}
		rideToBook(person.rides(), w, today, zone, now).ifPresent(reasons::add);
		return reasons;
	}

	/**
	 * One reason for every ride still to book: weighed as a task due today while the
	 * program still takes the booking, and as an overdue one once its notice has run out,
	 * which the coordinator is told at once, even on the day the visit was booked.
	 */
	private static Optional<Reason> rideToBook(List<RidesToBook.RideToBook> rides, TodayWeights w, LocalDate today,
			ZoneId zone, Instant now) {
		if (rides.isEmpty()) {
			return Optional.empty();
		}
		List<String> what = new ArrayList<>();
		long late = -1;
		for (RidesToBook.RideToBook ride : rides) {
			String visit = ride.visit() + " visit on " + MOMENT.format(ride.visitStart().withZoneSameInstant(zone));
			String notice = "the program needs " + ride.notice();
			if (ride.late(now)) {
				late = Math.max(late,
						ChronoUnit.DAYS.between(ride.bookBy().withZoneSameInstant(zone).toLocalDate(), today));
				what.add("Too late to book the ride for the " + visit + " in the usual way: " + notice + ", so by "
						+ MOMENT.format(ride.bookBy().withZoneSameInstant(zone))
						+ ". Call the program, or move the visit");
			}
			else {
				what.add("Book the ride for the " + visit + " by "
						+ MOMENT.format(ride.bookBy().withZoneSameInstant(zone)) + " (" + notice + ")");
			}
		}
		if (late >= 0) {
			return Optional
				.of(new Reason(Kind.RIDE_TO_BOOK, String.join("; ", what), w.taskOverdue() + w.lateness(late),
						"ride to book, too late " + w.taskOverdue() + lateness(w, late)));
		}
		return Optional.of(new Reason(Kind.RIDE_TO_BOOK, String.join("; ", what), w.taskDueToday(),
				"ride to book " + w.taskDueToday()));
	}

	private static String lateness(TodayWeights w, long late) {
		if (late <= 0 || w.perDayLate() == 0) {
			return "";
		}
		long counted = Math.min(late, w.maxDaysLate());
		return " + " + days(counted) + " late × " + w.perDayLate()
				+ (counted < late ? " (at most " + w.maxDaysLate() + " days counted)" : "");
	}

	private static String days(long days) {
		return days == 1 ? "1 day" : days + " days";
	}

	private static Optional<HospitalEvent> latest(List<HospitalEvent> events, HospitalEventKind kind) {
		return events.stream().filter(e -> e.kind() == kind).max(Comparator.comparing(HospitalEvent::at));
	}

	private static String when(HospitalEvent event, ZoneId zone) {
		return DAY.format(event.at().atZone(zone));
	}

	private static String where(HospitalEvent event) {
		return event.source() == null ? "" : " (" + event.source() + ")";
	}

	private static String scores(RiskTrend risk) {
		List<String> parts = new ArrayList<>();
		if (risk.latest().lace() != null) {
			parts.add(score(risk.latest().lace()));
		}
		if (risk.latest().hospital() != null) {
			parts.add(score(risk.latest().hospital()));
		}
		return String.join(", ", parts);
	}

	private static String score(RiskAssessment a) {
		return a.instrument() + " " + a.score() + " (" + a.band().code() + ")";
	}

	private static String rise(RiskAssessment before, RiskAssessment now) {
		return now.instrument() + " " + before.score() + " → " + now.score();
	}

	private static UUID[] ids(Collection<PatientId> records) {
		return records.stream().map(PatientId::value).toArray(UUID[]::new);
	}

}
