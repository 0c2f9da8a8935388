package org.northstar.worklist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A discharge home from an inpatient stay starts a transition of care. The owning
 * coordinator gets, in the same transaction as the discharge itself:
 * <ol>
 * <li>an interactive contact, due within 2 business days (weekends and the configured
 * holidays excluded);</li>
 * <li>a face-to-face visit, due within 7 days for a patient of high complexity, 14
 * otherwise;</li>
 * <li>a medication reconciliation, due by that visit.</li>
 * </ol>
 * Until risk scores exist, "high complexity" means four or more active problems.
 *
 * <p>
 * Each such discharge also opens a TCM period, whose {@link TcmClock} says whether 99495
 * or 99496 can still be billed; a readmission or a death in the period is noted on it.
 */
@Component
public class TransitionsOfCare {

	/**
	 * UB-04 patient discharge status codes (HL7 PV1-36) that mean a community setting:
	 * home or self care, home health, and the same with a planned readmission.
	 */
	static final Set<String> HOME = Set.of("01", "06", "81", "86");

	/** UB-04 discharge status codes for a patient who died: expired, and in hospice. */
	static final Set<String> EXPIRED = Set.of("20", "40", "41", "42");

	static final int HIGH_COMPLEXITY_PROBLEMS = 4;

	private final Tasks tasks;

	private final Caseloads caseloads;

	private final ClinicalRecords clinical;

	private final BusinessCalendar calendar;

	private final JdbcClient jdbc;

	private final Patients patients;

	/** The practice's: a discharge at 21:00 in Ohio is one on that Ohio day. */
	private final Clock clock;

	TransitionsOfCare(Tasks tasks, Caseloads caseloads, ClinicalRecords clinical, Patients patients, JdbcClient jdbc,
			@Value("${northstar.worklist.holidays:}") String holidays, Clock clock) {
		this.clock = clock;
		this.tasks = tasks;
		this.patients = patients;
		this.jdbc = jdbc;
		this.caseloads = caseloads;
		this.clinical = clinical;
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
				select t.discharged_on, t.high_complexity, earlier.discharged_on, t.readmitted_on, t.died_on,
				       contact.due_on, contact.completed_on, visit.completed_on
				from transition_of_care t
				left join transition_of_care earlier on earlier.encounter_id = t.within_period_of
				left join task contact on contact.encounter_id = t.encounter_id and contact.kind = 'TCM_CONTACT'
				left join task visit on visit.encounter_id = t.encounter_id and visit.kind = 'TCM_VISIT'
				where t.patient_id = any(?) and t.discharged_on > ?
				order by t.discharged_on desc
				""")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new),
					today.minusDays(2L * TransitionOfCare.PERIOD_DAYS))
			.query((rs, n) -> new TransitionOfCare(rs.getObject(1, LocalDate.class), rs.getBoolean(2),
					rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
					rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class)))
			.list()
			.stream()
			.map(transition -> transition.clockOn(today))
			.toList();
	}

	@EventListener
	void on(EncounterRecorded encounter) {
		if (encounter.admittedAsInpatient()) {
			noteInOpenPeriods(encounter, "readmitted_on",
					encounter.admittedAt() != null ? encounter.admittedAt() : this.clock.instant());
		}
		// PV1-36 is optional and often empty: an unknown disposition is neither home nor
		// death.
		String disposition = encounter.dischargeDisposition() == null ? "" : encounter.dischargeDisposition();
		if (encounter.discharged() && EXPIRED.contains(disposition) && encounter.dischargedAt() != null) {
			noteInOpenPeriods(encounter, "died_on", encounter.dischargedAt());
		}
		if (!encounter.discharged() || !"IMP".equals(encounter.classCode()) || !HOME.contains(disposition)
				|| encounter.dischargedAt() == null) {
			return;
		}
		LocalDate discharged = encounter.dischargedAt().atZone(this.clock.getZone()).toLocalDate();
		String owner = this.caseloads.coordinatorOf(encounter.patient()).orElse(null);
		// The person's problems: a hospital's record of a patient holds none, the EHR's
		// record linked to it does.
		long activeProblems = this.clinical.problems(this.patients.linkedRecords(encounter.patient()))
			.stream()
			.filter(p -> "active".equals(p.clinicalStatus()))
			.count();
		boolean high = activeProblems >= HIGH_COMPLEXITY_PROBLEMS;
		int visitWithin = high ? 7 : 14;
		LocalDate visitBy = discharged.plusDays(visitWithin);
		this.tasks.createOnce(encounter.patient(), owner, encounter.encounter(),
				List.of(new Tasks.NewTask(Task.Kind.TCM_CONTACT,
						"Contact after discharge on " + discharged + " (within 2 business days)",
						this.calendar.plusBusinessDays(discharged, 2)),
						new Tasks.NewTask(Task.Kind.TCM_VISIT,
								"Face-to-face visit within " + visitWithin + " days of discharge ("
										+ (high ? "high complexity, 99496" : "moderate complexity, 99495") + ")",
								visitBy),
						new Tasks.NewTask(Task.Kind.MEDICATION_RECONCILIATION, "Reconcile medications by the visit",
								visitBy)));
		this.jdbc
			.sql("""
					insert into transition_of_care (encounter_id, patient_id, discharged_on, high_complexity, within_period_of)
					values (:encounter, :patient, :discharged, :high,
					        (select encounter_id from transition_of_care
					         where patient_id = :patient and within_period_of is null and encounter_id <> :encounter
					           and discharged_on <= :discharged and discharged_on + :days > :discharged
					         order by discharged_on desc limit 1))
					on conflict (encounter_id) do nothing
					""")
			.param("encounter", encounter.encounter())
			.param("patient", encounter.patient().value())
			.param("discharged", discharged)
			.param("high", high)
			.param("days", TransitionOfCare.PERIOD_DAYS)
			.update();
	}

	/** A readmission or a death inside a period changes what it may bill. */
	private void noteInOpenPeriods(EncounterRecorded encounter, String column, Instant at) {
		LocalDate day = at.atZone(this.clock.getZone()).toLocalDate();
		this.jdbc
			.sql("update transition_of_care set " + column + " = coalesce(" + column + ", :day)"
					+ " where patient_id = :patient and encounter_id <> :encounter"
					+ " and discharged_on <= :day and discharged_on + :days > :day")
			.param("day", day)
			.param("patient", encounter.patient().value())
			.param("encounter", encounter.encounter())
			.param("days", TransitionOfCare.PERIOD_DAYS)
			.update();
	}

}
