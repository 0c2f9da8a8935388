package org.northstar.worklist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalRecordsImported;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.clinical.Encounters;
import org.northstar.clinical.RecordedEncounter;
import org.northstar.patient.People;
import org.northstar.patient.RecordsLinked;
import org.northstar.patient.RecordsLinkedByUser;
import org.northstar.reactions.ReactsIf;
import org.northstar.shared.BusinessCalendar;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TcmClock.Assessment;
import org.northstar.worklist.TcmClock.Complexity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A discharge home from an inpatient stay starts a transition of care. The owning
 * coordinator gets, once the discharge is recorded (a reaction after its commit, retried
 * until it is done):
 * <ol>
 * <li>an interactive contact, due within 2 business days (weekends and the configured
 * holidays excluded);</li>
 * <li>a face-to-face visit, due within 7 days: the deadline of 99496, which stays
 * reachable until a clinician judges the complexity moderate; judged moderate, the open
 * visit task moves to 14 days (99495), and back to 7 if judged high again;</li>
 * <li>a medication reconciliation, due by that visit.</li>
 * </ol>
 * The complexity of the medical decision making is the clinician's judgement
 * ({@link #assess}): every period is "not assessed" until one is made, and Northstar
 * never infers it (from a count of problems, or from risk scores, which are shown beside
 * it as information only).
 *
 * <p>
 * Each such discharge also opens a TCM period, whose {@link TcmClock} says whether 99495
 * or 99496 can still be billed; a readmission or a death in the period is noted on it.
 *
 * <p>
 * An inpatient discharge whose disposition the hospital left out (PV1-36 empty, which is
 * common) gets the same tasks, worded to confirm where the patient went, and no TCM
 * period.
 *
 * <p>
 * One stay starts one transition of care, whichever sources send it: a stay that arrives
 * from the ADT feed and from a FHIR import is two encounters on two records of one person
 * ({@link People}). The same stay is recognised as <em>the same person discharged on the
 * same day</em> (the practice's day): the day is what both sources agree on and what TCM
 * counts from, while admission times differ between sources (an ED arrival or the
 * inpatient order) and a person is not discharged home from two inpatient stays on one
 * day. The first to arrive starts the transition; a later one is recorded on it as
 * another source, and when it says the patient went home where the first did not say,
 * opens the TCM period the first could not. Reactions to any record of the person take
 * the locks of all the person's records, so two sources arriving at once start one.
 *
 * <p>
 * Records linked after both sources' discharges started their transitions (the matcher
 * linked them on a later message, or a user did) leave two transitions of one stay; once
 * the link commits they become one ({@link #on(RecordsLinked)}): the first to arrive is
 * kept and the other is recorded on it as another source; the other's tasks still to do
 * are cancelled, saying why in their history; a task already done on it stays done and
 * counts for the stay, and the first's task of that kind, if still to do, is cancelled
 * instead; its TCM period is kept but names the first's ({@code same_stay_as}) and is no
 * longer counted or billed. Unlinking the records later does not split them again.
 */
@Component
public class TransitionsOfCare {

	/**
	 * UB-04 patient discharge status codes (HL7 PV1-36) that mean a community setting:
	 * home or self care, home health, and the same with a planned readmission; and FHIR's
	 * discharge-disposition codes for home and an alternative home (an imported
	 * Encounter's).
	 */
	static final Set<String> HOME = Set.of("01", "06", "81", "86", "home", "alt-home");

	/**
	 * UB-04 discharge status codes for a patient who died: expired, and in hospice; and
	 * FHIR's "expired".
	 */
	static final Set<String> EXPIRED = Set.of("20", "40", "41", "42", "exp");

	/** How far back an import's discharges start transitions of care. */
	static final Duration IMPORTED_DISCHARGES = Duration.ofDays(30);

	/** The id its publications are stored under: never rename it. */
	static final String LISTENER = "worklist.TransitionsOfCare";

	/** The id its publications of imports are stored under: never rename it. */
	static final String IMPORT_LISTENER = "worklist.TransitionsOfCare.imported";

	/**
	 * The id its publications of the matcher's links are stored under: never rename it.
	 */
	static final String LINK_LISTENER = "worklist.TransitionsOfCare.linked";

	/** The id its publications of users' links are stored under: never rename it. */
	static final String USER_LINK_LISTENER = "worklist.TransitionsOfCare.linkedByUser";

	/** The advisory lock class (two-int locks) of one patient's transitions of care. */
	private static final int PATIENT_LOCK_CLASS = 0x746f63;

	private final Tasks tasks;

	private final Caseloads caseloads;

	private final BusinessCalendar calendar;

	private final JdbcClient jdbc;

	private final Encounters encounters;

	private final People people;

	/** The practice's: a discharge at 21:00 in Ohio is one on that Ohio day. */
	private final Clock clock;

	TransitionsOfCare(Tasks tasks, Caseloads caseloads, Encounters encounters, People people, JdbcClient jdbc,
			@Value("${northstar.worklist.holidays:}") String holidays, Clock clock) {
		this.clock = clock;
		this.people = people;
		this.tasks = tasks;
		this.encounters = encounters;
		this.jdbc = jdbc;
		this.caseloads = caseloads;
		this.calendar = new BusinessCalendar(Arrays.stream(holidays.split(","))
			.map(String::strip)
			.filter(d -> !d.isEmpty())
			.map(LocalDate::parse)
			.collect(Collectors.toSet()));
	}

	/**
	 * The TCM periods of these patient records (one person's) that have not been over for
	 * more than 30 days on {@code today}, the newest first.
	 */
	public List<TcmClock> clocksFor(Collection<PatientId> records, LocalDate today) {
		return this.jdbc.sql("""
				select t.encounter_id, t.discharged_on, c.complexity, c.assessed_by, c.assessed_at,
				       earlier.discharged_on, t.readmitted_on, t.died_on,
				       contact.due_on, contact.completed_on, visit.completed_on,
				       array(select case s.received_by when 'FEED' then 'the ADT feed (' || s.source || ')'
				                     when 'IMPORT' then 'an import from ' || s.source else s.source end
				             from transition_stay s
				             where s.transition_of = t.encounter_id and s.encounter_id <> t.encounter_id
				             order by s.recorded_at, s.encounter_id)
				from transition_of_care t
				left join transition_of_care earlier on earlier.encounter_id = t.within_period_of
				left join lateral (
				    select complexity, assessed_by, assessed_at from tcm_complexity
				    where encounter_id = t.encounter_id order by assessed_at desc, id desc limit 1) c on true
				-- Each source of the stay may hold the task (records linked after both
				-- started one): the one done counts, else the first discharge's.
				left join lateral (
				    select due_on, completed_on from task
				    where kind = 'TCM_CONTACT' and encounter_id in (
				        select encounter_id from transition_stay where transition_of = t.encounter_id
				        union all select t.encounter_id)
				    order by status = 'DONE' desc, encounter_id = t.encounter_id desc, id limit 1) contact on true
				left join lateral (
				    select completed_on from task
				    where kind = 'TCM_VISIT' and encounter_id in (
				        select encounter_id from transition_stay where transition_of = t.encounter_id
				        union all select t.encounter_id)
				    order by status = 'DONE' desc, encounter_id = t.encounter_id desc, id limit 1) visit on true
				where t.patient_id = any(?) and t.discharged_on > ? and t.same_stay_as is null
				order by t.discharged_on desc
				""")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new),
					today.minusDays(2L * TransitionOfCare.PERIOD_DAYS))
			.query((rs, n) -> transition(rs).clockOn(today).alsoSentBy(List.of((String[]) rs.getArray(12).getArray())))
			.list();
	}

	private static TransitionOfCare transition(ResultSet rs) throws SQLException {
		return new TransitionOfCare(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
				rs.getString(3) == null ? Assessment.NONE
						: new Assessment(Complexity.valueOf(rs.getString(3)), rs.getString(4),
								rs.getTimestamp(5).toInstant()),
				rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
				rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class));
	}

	/**
	 * The patient records discharged home on a day in {@code [from, to]}: whose TCM
	 * periods began then, for reports over every person (call {@link #clocksFor} for
	 * those only).
	 */
	public Set<PatientId> dischargedBetween(LocalDate from, LocalDate to) {
		return new HashSet<>(this.jdbc
			.sql("select distinct patient_id from transition_of_care"
					+ " where discharged_on between ? and ? and same_stay_as is null")
			.params(from, to)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
	}

	/**
	 * Records a clinician's judgement of the complexity of a discharge's TCM service; the
	 * latest judgement stands, and every one is kept with who made it and when. The open
	 * visit task moves to the judgement's deadline (14 days for moderate, 7 for high).
	 * Access is the caller's to check and audit, and only a clinician may judge.
	 * @param records the person's records: the discharge must be one of theirs
	 * @return false when none of these records has a TCM period for that stay
	 * @throws IllegalArgumentException if {@code complexity} is not moderate or high
	 */
	@Transactional
	public boolean assess(Collection<PatientId> records, UUID encounter, Complexity complexity, String by) {
		if (complexity == null || complexity == Complexity.NOT_ASSESSED) {
			throw new IllegalArgumentException("TCM complexity is judged moderate or high, not " + complexity);
		}
		boolean judged = this.jdbc.sql("""
				insert into tcm_complexity (encounter_id, complexity, assessed_by, assessed_at)
				select encounter_id, :complexity, :by, :at from transition_of_care
				where encounter_id = :encounter and patient_id = any(:records) and same_stay_as is null
				""")
			.param("complexity", complexity.name())
			.param("by", by)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("encounter", encounter)
			.param("records", records.stream().map(PatientId::value).toArray(UUID[]::new))
			.update() == 1;
		if (judged) {
			LocalDate discharged = this.jdbc.sql("select discharged_on from transition_of_care where encounter_id = ?")
				.param(encounter)
				.query(LocalDate.class)
				.single();
			// The visit follows the judgement: 14 days for moderate (99495), 7 for high
			// (99496). The task is moved, not replaced, so whatever was done on it stays;
			// the judgement that moved it is kept above with who made it and when.
			this.tasks.moveOpen(encounter, Task.Kind.TCM_VISIT, visitDue(discharged, complexity),
					visitTitle(complexity));
		}
		return judged;
	}

	/** The day a face-to-face visit is due by: 99496's 7 days until judged moderate. */
	private static LocalDate visitDue(LocalDate discharged, Complexity complexity) {
		return discharged.plusDays(complexity == Complexity.MODERATE ? 14 : 7);
	}

	private static String visitTitle(Complexity complexity) {
		return switch (complexity) {
			case MODERATE -> "Face-to-face visit within 14 days of discharge (99495: the clinician judged the"
					+ " complexity moderate)";
			case HIGH ->
				"Face-to-face visit within 7 days of discharge (99496: the clinician judged the complexity high)";
			case NOT_ASSESSED -> VISIT_NOT_ASSESSED;
		};
	}

	private static final String VISIT_NOT_ASSESSED = "Face-to-face visit within 7 days of discharge (99496; 14 days,"
			+ " 99495, if the clinician judges the complexity moderate)";

	/**
	 * Runs after the feed's transaction commits, in a transaction of its own, and again
	 * if it fails: it can never refuse or roll back the discharge. Reactions to one
	 * person's messages and imports take the locks of all the person's records, so each
	 * sees what the other wrote; every write is idempotent, and a period looks at the
	 * admissions and deaths already recorded, so a readmission whose reaction ran first
	 * is still noted on it.
	 */
	@ApplicationModuleListener(id = LISTENER)
	@ReactsIf("admissionOrDischarge")
	void on(EncounterRecorded encounter) {
		List<PatientId> person = lockPeople(List.of(encounter.patient()));
		if (encounter.admittedAsInpatient()) {
			noteInOpenPeriods(person, encounter, "readmitted_on",
					encounter.admittedAt() != null ? encounter.admittedAt() : this.clock.instant());
		}
		// PV1-36 is optional and often empty: an unknown disposition is neither home nor
		// death.
		String disposition = encounter.dischargeDisposition() == null ? "" : encounter.dischargeDisposition().strip();
		if (encounter.discharged() && EXPIRED.contains(disposition) && encounter.dischargedAt() != null) {
			noteInOpenPeriods(person, encounter, "died_on", encounter.dischargedAt());
		}
		if (encounter.discharged() && "IMP".equals(encounter.classCode())) {
			start(person, new Stay(encounter.patient(), encounter.encounter(), encounter.dischargedAt(), disposition,
					encounter.source(), "FEED"));
		}
	}

	/** Whether a stay began or ended: what starts, notes or closes a transition. */
	boolean admissionOrDischarge(EncounterRecorded encounter) {
		return encounter.admittedAsInpatient() || encounter.discharged();
	}

	/**
	 * An import's inpatient stays that ended in the last 30 days start transitions of
	 * care as the feed's discharges do (an older discharge's follow-up is past). Runs
	 * after the import's commit, like the feed's reaction, and is as idempotent:
	 * importing the same bundle again starts nothing more.
	 */
	@ApplicationModuleListener(id = IMPORT_LISTENER)
	void on(ClinicalRecordsImported imported) {
		Instant now = this.clock.instant();
		List<RecordedEncounter> stays = this.encounters.inpatientDischargesBetween(imported.patients(),
				now.minus(IMPORTED_DISCHARGES), now);
		// Every lock at once, in one order, as the feed's reactions take theirs: two
		// reactions never wait for each other's locks crosswise.
		lockPeople(stays.stream().map(RecordedEncounter::patient).toList());
		for (RecordedEncounter stay : stays) {
			String disposition = stay.dischargeDisposition() == null ? "" : stay.dischargeDisposition().strip();
			start(this.people.recordsOf(stay.patient()), new Stay(stay.patient(), stay.encounter(), stay.dischargedAt(),
					disposition, stay.source(), "IMPORT"));
		}
	}

	/**
	 * The matcher linked records after an import or a feed message: the transitions of
	 * care each of them started for one stay become one. After the link's commit, in a
	 * transaction of its own, retried until done; idempotent.
	 */
	@ApplicationModuleListener(id = LINK_LISTENER)
	void on(RecordsLinked linked) {
		List<PatientId> records = new ArrayList<>();
		linked.links().forEach(link -> {
			records.add(link.one());
			records.add(link.other());
		});
		foldStays(records);
	}

	/** A user linked two records, or undid an unlink: as {@link #on(RecordsLinked)}. */
	@ApplicationModuleListener(id = USER_LINK_LISTENER)
	void on(RecordsLinkedByUser linked) {
		foldStays(List.of(linked.one(), linked.other()));
	}

	/**
	 * Makes each stay of these records' people one transition of care: of the transitions
	 * started on one discharge day, the first to arrive is kept and each other is folded
	 * into it.
	 */
	private void foldStays(Collection<PatientId> records) {
		List<PatientId> locked = lockPeople(records);
		Set<PatientId> seen = new HashSet<>();
		for (PatientId record : locked) {
			if (!seen.add(record)) {
				continue;
			}
			List<PatientId> person = this.people.recordsOf(record);
			seen.addAll(person);
			List<Started> started = this.jdbc.sql("""
					select encounter_id, patient_id, discharged_on, source, received_by from transition_stay
					where patient_id = any(?) and transition_of = encounter_id
					order by discharged_on, recorded_at, encounter_id
					""")
				.param(person.stream().map(PatientId::value).toArray(UUID[]::new))
				.query((rs, n) -> new Started(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
						rs.getObject(3, LocalDate.class), sentBy(rs.getString(4), rs.getString(5))))
				.list();
			Started kept = null;
			for (Started stay : started) {
				if (kept != null && kept.dischargedOn().equals(stay.dischargedOn())) {
					fold(person, kept, stay);
				}
				else {
					kept = stay;
				}
			}
		}
	}

	/** A discharge that started a transition of care, as recorded. */
	private record Started(UUID encounter, PatientId patient, LocalDate dischargedOn, String sentBy) {
	}

	/**
	 * "the ADT feed (hl7:EPIC)", "an import from ehr-x": a source as the TCM card says
	 * it.
	 */
	private static String sentBy(String source, String receivedBy) {
		if ("FEED".equals(receivedBy)) {
			return "the ADT feed (" + source + ")";
		}
		return "IMPORT".equals(receivedBy) ? "an import from " + source : source;
	}

	/**
	 * Folds the transition of care a later discharge started into the one the first
	 * discharge of the same stay started; the caller holds the person's locks.
	 */
	private void fold(List<PatientId> person, Started kept, Started folded) {
		this.jdbc.sql("update transition_stay set transition_of = ? where transition_of = ?")
			.params(kept.encounter(), folded.encounter())
			.update();
		Map<Task.Kind, Task> keptTasks = this.tasks.ofEncounter(kept.encounter());
		this.tasks.ofEncounter(folded.encounter()).forEach((kind, task) -> {
			Task first = keptTasks.get(kind);
			if (task.status().active()) {
				this.tasks.cancel(task.id(),
						"the same stay as the discharge on " + kept.dischargedOn() + " sent first by " + kept.sentBy()
								+ (first == null ? "" : ", followed up as task " + first.id()));
			}
			else if (task.status() == TaskStatus.DONE && first != null && first.status().active()) {
				this.tasks.cancel(first.id(),
						"already done as task " + task.id() + ", on the same stay sent by " + folded.sentBy());
			}
		});
		boolean foldedPeriod = this.jdbc
			.sql("update transition_of_care set same_stay_as = ?, within_period_of = null"
					+ " where encounter_id = ? and same_stay_as is null")
			.params(kept.encounter(), folded.encounter())
			.update() == 1;
		boolean keptPeriod = this.jdbc.sql("select count(*) from transition_of_care where encounter_id = ?")
			.param(kept.encounter())
			.query(Integer.class)
			.single() == 1;
		if (foldedPeriod || keptPeriod) {
			// Opened, if only the later source said home, or looked at again: the
			// person's other records may hold a readmission or a death inside it.
			openPeriod(person, kept.patient(), kept.encounter(), kept.dischargedOn());
		}
		if (foldedPeriod) {
			keepLatestJudgement(kept, folded);
		}
		placeInPeriods(person);
	}

	/**
	 * A clinician who judged the complexity on the later discharge judged the stay: when
	 * that is the latest judgement, it is recorded on the kept period as made (by whom,
	 * when) and the visit task follows it.
	 */
	private void keepLatestJudgement(Started kept, Started folded) {
		record Judgement(String complexity, String by, Timestamp at) {
		}
		String latest = """
				select complexity, assessed_by, assessed_at from tcm_complexity where encounter_id = ?
				order by assessed_at desc, id desc limit 1
				""";
		Optional<Judgement> onFolded = this.jdbc.sql(latest)
			.param(folded.encounter())
			.query((rs, n) -> new Judgement(rs.getString(1), rs.getString(2), rs.getTimestamp(3)))
			.optional();
		Optional<Judgement> onKept = this.jdbc.sql(latest)
			.param(kept.encounter())
			.query((rs, n) -> new Judgement(rs.getString(1), rs.getString(2), rs.getTimestamp(3)))
			.optional();
		if (onFolded.isEmpty() || (onKept.isPresent() && !onKept.get().at().before(onFolded.get().at()))) {
			return;
		}
		Judgement judgement = onFolded.get();
		this.jdbc.sql("""
				insert into tcm_complexity (encounter_id, complexity, assessed_by, assessed_at) values (?, ?, ?, ?)
				""").params(kept.encounter(), judgement.complexity(), judgement.by(), judgement.at()).update();
		Complexity complexity = Complexity.valueOf(judgement.complexity());
		this.tasks.moveOpen(kept.encounter(), Task.Kind.TCM_VISIT, visitDue(kept.dischargedOn(), complexity),
				visitTitle(complexity));
	}

	/**
	 * One source's discharge from an inpatient stay.
	 *
	 * @param receivedBy FEED or IMPORT
	 */
	private record Stay(PatientId patient, UUID encounter, Instant dischargedAt, String disposition, String source,
			String receivedBy) {
	}

	/** The stay that started a person's transition of care, as recorded. */
	private record FirstStay(UUID encounter, PatientId patient) {
	}

	/**
	 * The follow-up of one inpatient discharge, and its TCM period when it was home,
	 * unless another source's discharge of the person on the same day started them first;
	 * the caller holds the locks of all the person's records.
	 * @param person every record of the person, the stay's among them
	 */
	private void start(List<PatientId> person, Stay arriving) {
		String disposition = arriving.disposition();
		boolean home = HOME.contains(disposition);
		boolean unknown = disposition.isEmpty();
		if (!(home || unknown) || arriving.dischargedAt() == null) {
			return;
		}
		LocalDate discharged = day(arriving.dischargedAt());
		FirstStay first = firstOf(person, arriving, discharged);
		if (!first.encounter().equals(arriving.encounter())) {
			if (home) {
				openPeriod(person, first.patient(), first.encounter(), discharged);
			}
			return;
		}
		PatientId patient = arriving.patient();
		UUID stay = arriving.encounter();
		String owner = this.caseloads.coordinatorOf(patient).orElse(null);
		// The complexity is not known yet (a clinician judges it): the visit is due by
		// the
		// tighter deadline, so that 99496 stays within reach whatever the judgement.
		LocalDate visitBy = discharged.plusDays(7);
		// Where the patient went is unknown: the follow-up is set up anyway, asking to
		// confirm it (a missed follow-up costs more than an unneeded one), but no TCM
		// period is opened: billing needs a discharge to the community, and a period
		// opened for a transfer would make a later discharge home inside it unbillable.
		String contact = "Contact after discharge on " + discharged + " (within 2 business days)"
				+ (unknown ? ": the hospital did not say where the patient went; confirm it" : "");
		String visit = unknown
				? "Face-to-face visit within 7 days of discharge (14 if the clinician judges the complexity moderate),"
						+ " if the patient went home"
				: VISIT_NOT_ASSESSED;
		this.tasks.createOnce(patient, owner, stay, List.of(
				new Tasks.NewTask(Task.Kind.TCM_CONTACT, contact, this.calendar.plusBusinessDays(discharged, 2)),
				new Tasks.NewTask(Task.Kind.TCM_VISIT, visit, visitBy),
				new Tasks.NewTask(Task.Kind.MEDICATION_RECONCILIATION, "Reconcile medications by the visit", visitBy)));
		if (home) {
			openPeriod(person, patient, stay, discharged);
		}
	}

	/**
	 * The stay whose transition of care this discharge is part of: the one already
	 * recorded for it (a re-delivery), or the first of the person's discharges on that
	 * day from any source, or this one, recorded as the first.
	 */
	private FirstStay firstOf(List<PatientId> person, Stay arriving, LocalDate discharged) {
		Optional<FirstStay> recorded = this.jdbc.sql("""
				select first.encounter_id, first.patient_id from transition_stay s
				join transition_stay first on first.encounter_id = s.transition_of
				where s.encounter_id = ?
				""")
			.param(arriving.encounter())
			.query((rs, n) -> new FirstStay(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class))))
			.optional();
		if (recorded.isPresent()) {
			return recorded.get();
		}
		FirstStay first = this.jdbc.sql("""
				select encounter_id, patient_id from transition_stay
				where patient_id = any(?) and discharged_on = ? and transition_of = encounter_id
				order by recorded_at, encounter_id limit 1
				""")
			.params(person.stream().map(PatientId::value).toArray(UUID[]::new), discharged)
			.query((rs, n) -> new FirstStay(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class))))
			.optional()
			.orElse(new FirstStay(arriving.encounter(), arriving.patient()));
		this.jdbc.sql("""
				insert into transition_stay (encounter_id, patient_id, discharged_on, source, received_by, disposition,
				                             transition_of)
				values (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(arriving.encounter(), arriving.patient().value(), discharged,
					arriving.source() == null ? "unknown" : arriving.source(), arriving.receivedBy(),
					arriving.disposition(), first.encounter())
			.update();
		return first;
	}

	/**
	 * Opens the discharge's TCM period, with the readmission and the death already
	 * recorded inside it, and places every period of the patient inside the one before it
	 * or not.
	 */
	private void openPeriod(List<PatientId> person, PatientId patient, UUID stay, LocalDate discharged) {
		LocalDate ends = discharged.plusDays(TransitionOfCare.PERIOD_DAYS);
		LocalDate readmitted = null;
		LocalDate died = null;
		// The stay as the other sources sent it is not a readmission.
		Set<UUID> sameStay = new HashSet<>(
				this.jdbc.sql("select encounter_id from transition_stay where transition_of = ?")
					.param(stay)
					.query(UUID.class)
					.list());
		sameStay.add(stay);
		List<RecordedEncounter> others = new ArrayList<>();
		for (PatientId record : person) {
			others.addAll(this.encounters.beganOrEndedBetween(record,
					discharged.atStartOfDay(this.clock.getZone()).toInstant(),
					ends.atStartOfDay(this.clock.getZone()).toInstant()));
		}
		for (RecordedEncounter other : others) {
			if (sameStay.contains(other.encounter())) {
				continue;
			}
			boolean inpatient = "IMP".equals(other.classCode())
					&& ("in-progress".equals(other.status()) || "finished".equals(other.status()));
			if (inpatient && within(other.admittedAt(), discharged, ends)) {
				readmitted = earliest(readmitted, day(other.admittedAt()));
			}
			if ("finished".equals(other.status()) && other.dischargeDisposition() != null
					&& EXPIRED.contains(other.dischargeDisposition().strip())
					&& within(other.dischargedAt(), discharged, ends)) {
				died = earliest(died, day(other.dischargedAt()));
			}
		}
		this.jdbc.sql("""
				insert into transition_of_care (encounter_id, patient_id, discharged_on, readmitted_on, died_on)
				values (:encounter, :patient, :discharged, :readmitted, :died)
				on conflict (encounter_id) do update
				    set readmitted_on = least(transition_of_care.readmitted_on, excluded.readmitted_on),
				        died_on = least(transition_of_care.died_on, excluded.died_on)
				""")
			.param("encounter", stay)
			.param("patient", patient.value())
			.param("discharged", discharged)
			.param("readmitted", readmitted, Types.DATE)
			.param("died", died, Types.DATE)
			.update();
		placeInPeriods(person);
	}

	/**
	 * TCM is billed once per period: a discharge inside the period of an earlier one
	 * opens none of its own. Worked out again over all the patient's discharges each time
	 * one is added, so it comes out the same whichever order the discharges' reactions
	 * ran in.
	 */
	private void placeInPeriods(List<PatientId> person) {
		record Period(UUID encounter, LocalDate dischargedOn, UUID within) {
		}
		List<Period> periods = this.jdbc.sql("""
				select encounter_id, discharged_on, within_period_of from transition_of_care
				where patient_id = any(?) and same_stay_as is null order by discharged_on, encounter_id
				""")
			.param(person.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new Period(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
					rs.getObject(3, UUID.class)))
			.list();
		Period opening = null;
		for (Period period : periods) {
			boolean inside = opening != null
					&& period.dischargedOn().isBefore(opening.dischargedOn().plusDays(TransitionOfCare.PERIOD_DAYS));
			UUID within = inside ? opening.encounter() : null;
			if (!inside) {
				opening = period;
			}
			if (!Objects.equals(within, period.within())) {
				this.jdbc.sql("update transition_of_care set within_period_of = ? where encounter_id = ?")
					.params(within, period.encounter())
					.update();
			}
		}
	}

	/**
	 * Takes the locks of every record of these records' people, in one order whoever
	 * takes them, and returns those records: the people's records as they are linked now.
	 */
	private List<PatientId> lockPeople(Collection<PatientId> records) {
		Set<Integer> locked = new HashSet<>();
		Set<PatientId> all = new LinkedHashSet<>(records);
		while (true) {
			Set<PatientId> now = new LinkedHashSet<>();
			for (PatientId record : all) {
				if (!now.contains(record)) {
					now.addAll(this.people.recordsOf(record));
				}
			}
			int[] keys = now.stream()
				.mapToInt(r -> r.value().hashCode())
				.filter(key -> !locked.contains(key))
				.sorted()
				.distinct()
				.toArray();
			if (keys.length == 0) {
				return List.copyOf(now);
			}
			for (int key : keys) {
				this.jdbc.sql("select pg_advisory_xact_lock(?, ?)")
					.params(PATIENT_LOCK_CLASS, key)
					.query((rs, n) -> Boolean.TRUE)
					.list();
				locked.add(key);
			}
			// A link that committed while these were read or waited for may have given
			// the person more records: lock those too, or a discharge on one of them
			// could start a second transition beside the link's reaction.
			all = now;
		}
	}

	private boolean within(Instant at, LocalDate from, LocalDate until) {
		return at != null && !day(at).isBefore(from) && day(at).isBefore(until);
	}

	private static LocalDate earliest(LocalDate a, LocalDate b) {
		return a == null || b.isBefore(a) ? b : a;
	}

	private LocalDate day(Instant at) {
		return at.atZone(this.clock.getZone()).toLocalDate();
	}

	/**
	 * A readmission or a death inside a period changes what it may bill. The earliest one
	 * is kept, whichever was noted first.
	 */
	private void noteInOpenPeriods(List<PatientId> person, EncounterRecorded encounter, String column, Instant at) {
		LocalDate day = at.atZone(this.clock.getZone()).toLocalDate();
		this.jdbc.sql("update transition_of_care set " + column + " = least(" + column + ", :day)"
				+ " where patient_id = any(:person) and encounter_id <> :encounter and same_stay_as is null"
				+ " and encounter_id not in (select transition_of from transition_stay where encounter_id = :encounter)"
				+ " and discharged_on <= :day and discharged_on + :days > :day")
			.param("day", day)
			.param("person", person.stream().map(PatientId::value).toArray(UUID[]::new))
			.param("encounter", encounter.encounter())
			.param("days", TransitionOfCare.PERIOD_DAYS)
			.update();
	}

}
