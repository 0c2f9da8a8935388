package org.northstar.worklist;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.clinical.EncounterRecorded;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
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
 */
@Component
class TransitionsOfCare {

	/**
	 * UB-04 patient discharge status codes (HL7 PV1-36) that mean a community setting:
	 * home or self care, home health, and the same with a planned readmission.
	 */
	static final Set<String> HOME = Set.of("01", "06", "81", "86");

	static final int HIGH_COMPLEXITY_PROBLEMS = 4;

	private final Tasks tasks;

	private final Caseloads caseloads;

	private final ClinicalRecords clinical;

	private final BusinessCalendar calendar;

	private final ZoneId zone = ZoneId.systemDefault();

	TransitionsOfCare(Tasks tasks, Caseloads caseloads, ClinicalRecords clinical,
			@Value("${northstar.worklist.holidays:}") String holidays) {
		this.tasks = tasks;
		this.caseloads = caseloads;
		this.clinical = clinical;
		this.calendar = new BusinessCalendar(Arrays.stream(holidays.split(","))
			.map(String::strip)
			.filter(d -> !d.isEmpty())
			.map(LocalDate::parse)
			.collect(Collectors.toSet()));
	}

	@EventListener
	void on(EncounterRecorded encounter) {
		if (!encounter.discharged() || !"IMP".equals(encounter.classCode())
				|| !HOME.contains(encounter.dischargeDisposition()) || encounter.dischargedAt() == null) {
			return;
		}
		LocalDate discharged = encounter.dischargedAt().atZone(this.zone).toLocalDate();
		String owner = this.caseloads.coordinatorsOf(List.of(encounter.patient())).get(encounter.patient());
		long activeProblems = this.clinical.problems(encounter.patient())
			.stream()
			.filter(p -> "active".equals(p.clinicalStatus()))
			.count();
		int visitWithin = activeProblems >= HIGH_COMPLEXITY_PROBLEMS ? 7 : 14;
		LocalDate visitBy = discharged.plusDays(visitWithin);
		this.tasks.createOnce(encounter.patient(), owner, Task.Kind.TCM_CONTACT,
				"Contact after discharge on " + discharged + " (within 2 business days)",
				this.calendar.plusBusinessDays(discharged, 2), encounter.encounter());
		this.tasks.createOnce(encounter.patient(), owner, Task.Kind.TCM_VISIT,
				"Face-to-face visit within " + visitWithin + " days of discharge ("
						+ (visitWithin == 7 ? "high complexity, 99496" : "moderate complexity, 99495") + ")",
				visitBy, encounter.encounter());
		this.tasks.createOnce(encounter.patient(), owner, Task.Kind.MEDICATION_RECONCILIATION,
				"Reconcile medications by the visit", visitBy, encounter.encounter());
	}

}
