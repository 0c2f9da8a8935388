package org.northstar.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.northstar.clinical.OngoingConditions;
import org.northstar.clinical.OngoingConditions.CodedCondition;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Consents;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interactions;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.People;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TcmClock;
import org.northstar.worklist.TransitionsOfCare;

import org.springframework.stereotype.Service;

/**
 * The month-end care-management report: for every person with care-management time, a
 * consent or a TCM period in the month, what is billable, what is short and what is not
 * billable, and why. A person's records (linked across sources) are one person: their
 * minutes add up, and they appear once, under the first of their records.
 *
 * <p>
 * Callers decide and audit who may see whom: {@link #report} takes the records the caller
 * may see, or null for everyone's.
 */
@Service
public class MonthEndReport {

	private final Interactions interactions;

	private final Consents consents;

	private final OngoingConditions conditions;

	private final TransitionsOfCare transitions;

	private final Patients patients;

	private final People people;

	private final Clock clock;

	private final ChronicConditions chronic = ChronicConditions.load();

	MonthEndReport(Interactions interactions, Consents consents, OngoingConditions conditions,
			TransitionsOfCare transitions, Patients patients, People people, Clock clock) {
		this.interactions = interactions;
		this.consents = consents;
		this.conditions = conditions;
		this.transitions = transitions;
		this.patients = patients;
		this.people = people;
		this.clock = clock;
	}

	/**
	 * The report's lines, ordered by name, then person, program and code.
	 * @param visible the patient records the caller may see; null for every record
	 */
	public List<BillingLine> report(YearMonth month, Collection<PatientId> visible) {
		ZoneId zone = this.clock.getZone();
		LocalDate first = month.atDay(1);
		LocalDate last = month.atEndOfMonth();
		Instant from = first.atStartOfDay(zone).toInstant();
		Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
		Set<PatientId> visibleSet = visible == null ? null : new HashSet<>(visible);

		Map<PatientId, List<Interaction>> interactionsOf = new HashMap<>();
		this.interactions.forEachCareManagement(from, to, visible,
				i -> interactionsOf.computeIfAbsent(i.patient(), k -> new ArrayList<>()).add(i));
		Map<PatientId, List<Consent>> consentsOf = new HashMap<>();
		for (Consent consent : this.consents.standingBetween(first, last, visible)) {
			consentsOf.computeIfAbsent(consent.patient(), k -> new ArrayList<>()).add(consent);
		}
		Set<PatientId> discharged = this.transitions.dischargedBetween(first, last);
		if (visibleSet != null) {
			discharged.retainAll(visibleSet);
		}
		Set<PatientId> records = new HashSet<>(interactionsOf.keySet());
		records.addAll(consentsOf.keySet());
		records.addAll(discharged);
		if (records.isEmpty()) {
			return List.of();
		}

		// One person, one group of records: the person is known by the smallest id.
		Map<PatientId, List<PatientId>> linked = this.people.otherLinkedRecords(records);
		Map<PatientId, Set<PatientId>> persons = new HashMap<>();
		for (PatientId record : records) {
			List<PatientId> others = linked.getOrDefault(record, List.of());
			PatientId person = others.stream()
				.filter(other -> visibleSet == null || visibleSet.contains(other))
				.reduce(record, (a, b) -> a.value().compareTo(b.value()) <= 0 ? a : b);
			Set<PatientId> all = persons.computeIfAbsent(person, k -> new HashSet<>());
			all.add(record);
			all.addAll(others);
		}
		Set<PatientId> allRecords = new HashSet<>();
		persons.values().forEach(allRecords::addAll);
		Map<PatientId, List<CodedCondition>> conditionsOf = this.conditions.of(visible == null ? null : allRecords);
		Map<PatientId, String> names = new HashMap<>();
		for (PatientSummary summary : this.patients.summaries(persons.keySet(), null)) {
			names.put(summary.id(), summary.displayName());
		}
		// The clocks as they stand when the last period begun this month ends, or today.
		LocalDate today = LocalDate.now(this.clock);
		LocalDate clocksOn = last.plusDays(29).isBefore(today) ? last.plusDays(29) : today;

		List<BillingLine> lines = new ArrayList<>();
		persons.forEach((person, personRecords) -> {
			List<Interaction> documented = new ArrayList<>();
			List<Consent> consented = new ArrayList<>();
			List<CodedCondition> coded = new ArrayList<>();
			boolean anyDischarge = false;
			for (PatientId record : personRecords) {
				documented.addAll(interactionsOf.getOrDefault(record, List.of()));
				consented.addAll(consentsOf.getOrDefault(record, List.of()));
				coded.addAll(conditionsOf.getOrDefault(record, List.of()));
				anyDischarge |= discharged.contains(record);
			}
			List<TcmClock> clocks = anyDischarge ? this.transitions.clocksFor(personRecords, clocksOn) : List.of();
			lines.addAll(BillingRules.lines(new PersonMonth(person, names.getOrDefault(person, "(no name)"), month,
					zone, documented, consented, this.chronic.groupsOf(coded), clocks)));
		});
		lines.sort(Comparator.comparing(BillingLine::name)
			.thenComparing(line -> line.patient().value())
			.thenComparing(BillingLine::program)
			.thenComparing(BillingLine::code));
		return lines;
	}

	/**
	 * The chronic-condition groups a person's conditions fall in, as counted for CCM and
	 * PCM eligibility.
	 */
	public List<String> chronicConditions(Collection<PatientId> records) {
		List<CodedCondition> coded = new ArrayList<>();
		this.conditions.of(records).values().forEach(coded::addAll);
		return this.chronic.groupsOf(coded);
	}

}
