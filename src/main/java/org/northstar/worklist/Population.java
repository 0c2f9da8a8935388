package org.northstar.worklist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.northstar.caseload.Caseloads;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.documentation.Consent;
import org.northstar.documentation.Consents;
import org.northstar.patient.PatientSummary;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.risk.RiskScores;
import org.northstar.risk.RiskTrend;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people a user may see, by risk band, with counts: filtered by an active condition,
 * a program and a coordinator. A person's band is the higher of the bands of their latest
 * stay's LACE and HOSPITAL (HOSPITAL's intermediate counts as moderate); people with no
 * finished inpatient stay are "not scored". Reads do not check access beyond the user's
 * caseloads ({@link Caseloads#visibleTo}); callers audit them.
 */
@Service
public class Population {

	/** The bands in the order the page lists them. */
	public static final List<String> BANDS = List.of("high", "moderate", "low", "not scored");

	/** The programs a filter may name; "none" is a person with no standing consent. */
	public static final List<String> PROGRAMS = List.of("CCM", "PCM", "none");

	private final Caseloads caseloads;

	private final People people;

	private final Patients patients;

	private final ClinicalRecords clinical;

	private final RiskScores risks;

	private final Consents consents;

	private final Clock clock;

	Population(Caseloads caseloads, People people, Patients patients, ClinicalRecords clinical, RiskScores risks,
			Consents consents, Clock clock) {
		this.caseloads = caseloads;
		this.people = people;
		this.patients = patients;
		this.clinical = clinical;
		this.risks = risks;
		this.consents = consents;
		this.clock = clock;
	}

	/**
	 * What a list is filtered by; null or blank: not filtered.
	 *
	 * @param condition text in the name of an active problem
	 * @param program CCM, PCM or none
	 * @param band one of {@link #BANDS}
	 */
	public record Filter(String condition, String program, String coordinator, String band) {

		static boolean given(String value) {
			return value != null && !value.isBlank();
		}

	}

	/** One person of the population. */
	public record Member(PatientId person, String name, String coordinator, String program, String band,
			RiskAssessment lace, RiskAssessment hospital) {
	}

	/**
	 * The members that pass the filter, the highest band first then by name, and how many
	 * of those passing the other filters are in each band (the counts ignore the band
	 * filter, so the page can offer every band with its count).
	 */
	public record View(List<Member> members, Map<String, Integer> counts, List<String> coordinators) {
	}

	@Transactional(readOnly = true)
	public View of(UserAccount user, Filter filter) {
		List<PatientId> persons = this.people.onePerPerson(this.caseloads.visibleTo(user));
		Map<PatientId, String> coordinators = this.caseloads.coordinatorsOf(persons);
		List<String> allCoordinators = coordinators.values().stream().distinct().sorted().toList();
		if (Filter.given(filter.coordinator())) {
			persons = persons.stream().filter(p -> filter.coordinator().equals(coordinators.get(p))).toList();
		}
		Map<PatientId, List<PatientId>> others = this.people.otherLinkedRecords(persons);
		Map<PatientId, PatientId> personOf = new HashMap<>();
		for (PatientId person : persons) {
			personOf.put(person, person);
			others.getOrDefault(person, List.of()).forEach(r -> personOf.putIfAbsent(r, person));
		}
		if (Filter.given(filter.condition())) {
			Set<PatientId> matching = this.clinical.withActiveProblem(personOf.keySet(), filter.condition());
			persons = persons.stream()
				.filter(p -> matching.contains(p)
						|| others.getOrDefault(p, List.of()).stream().anyMatch(matching::contains))
				.toList();
		}
		LocalDate today = LocalDate.now(this.clock);
		Map<PatientId, String> programs = new HashMap<>();
		for (Consent consent : this.consents.standingBetween(today, today, List.copyOf(personOf.keySet()))) {
			programs.merge(personOf.get(consent.patient()), consent.program().name(),
					(a, b) -> a.compareTo(b) <= 0 ? a : b);
		}
		if (Filter.given(filter.program())) {
			String wanted = filter.program();
			persons = persons.stream()
				.filter(p -> "none".equalsIgnoreCase(wanted) ? !programs.containsKey(p)
						: wanted.equalsIgnoreCase(programs.get(p)))
				.toList();
		}
		Map<PatientId, String> names = new HashMap<>();
		for (PatientSummary summary : this.patients.summaries(persons, null)) {
			names.put(summary.id(), summary.displayName());
		}
		Map<PatientId, RiskTrend> trends = this.risks.trendsOf(persons);
		Map<String, Integer> counts = new LinkedHashMap<>();
		BANDS.forEach(b -> counts.put(b, 0));
		List<Member> members = new ArrayList<>();
		for (PatientId person : persons) {
			RiskTrend risk = trends.getOrDefault(person, RiskTrend.NONE);
			String band = band(risk.latest().lace(), risk.latest().hospital());
			counts.merge(band, 1, Integer::sum);
			if (!Filter.given(filter.band()) || filter.band().equals(band)) {
				members.add(new Member(person, names.getOrDefault(person, "(no name)"), coordinators.get(person),
						programs.get(person), band, risk.latest().lace(), risk.latest().hospital()));
			}
		}
		members.sort(Comparator.comparingInt((Member m) -> BANDS.indexOf(m.band()))
			.thenComparing(Member::name, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(m -> m.person().value()));
		return new View(members, counts, allCoordinators);
	}

	/** The higher of the two scores' bands, in the page's words. */
	static String band(RiskAssessment lace, RiskAssessment hospital) {
		if (lace == null && hospital == null) {
			return "not scored";
		}
		int rank = Math.max(rank(lace), rank(hospital));
		return rank == 2 ? "high" : rank == 1 ? "moderate" : "low";
	}

	private static int rank(RiskAssessment score) {
		if (score == null) {
			return -1;
		}
		return score.band() == RiskBand.HIGH ? 2
				: score.band() == RiskBand.MODERATE || score.band() == RiskBand.INTERMEDIATE ? 1 : 0;
	}

}
