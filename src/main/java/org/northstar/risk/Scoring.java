package org.northstar.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.northstar.clinical.ClinicalHistory;
import org.northstar.clinical.ClinicalHistory.Diagnosis;
import org.northstar.clinical.ClinicalHistory.LabResult;
import org.northstar.clinical.ClinicalHistory.PerformedProcedure;
import org.northstar.clinical.ClinicalHistory.Visit;
import org.northstar.shared.PatientId;

/**
 * LACE and HOSPITAL for every finished inpatient stay of one person, from the clinical
 * histories of all the person's records. Pure: no database, no clock; the practice's zone
 * decides what a day is (a length of stay is counted in the practice's calendar days,
 * discharge date minus admission date).
 */
final class Scoring {

	/**
	 * v3 ActCode classes of an inpatient stay: inpatient, and its acute and non-acute
	 * kinds.
	 */
	static final Set<String> INPATIENT = Set.of("IMP", "ACUTE", "NONAC");

	static final String EMERGENCY = "EMER";

	/**
	 * How long before an admission an ED visit may have ended and still be the stay's own
	 * (the visit that led to it), which LACE's E does not count.
	 */
	static final Duration OWN_ED_VISIT = Duration.ofHours(24);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private final CharlsonIndex charlson;

	private final LabCodes labs;

	private final OncologyServices oncology;

	private final ZoneId zone;

	Scoring(CharlsonIndex charlson, LabCodes labs, OncologyServices oncology, ZoneId zone) {
		this.charlson = charlson;
		this.labs = labs;
		this.oncology = oncology;
		this.zone = zone;
	}

	/** A score before it is stored. */
	record Scored(Instrument instrument, PatientId patient, UUID encounter, Instant dischargedAt, int score,
			RiskBand band, Map<String, Integer> components, List<RiskFact> facts, List<String> missing) {

		boolean complete() {
			return this.missing.isEmpty();
		}

	}

	/**
	 * One person's whole record, whichever source each part came from.
	 *
	 * @param visits each visit once ({@link #oncePerVisit})
	 * @param twins the visits another record also reported, by the id of the report not
	 * kept: what is linked to it is linked to the one kept
	 */
	private record Person(List<Visit> visits, Map<UUID, UUID> twins, List<Diagnosis> diagnoses, List<LabResult> results,
			List<PerformedProcedure> procedures) {

		/** Whether what is linked to this encounter belongs to the stay. */
		boolean linked(UUID encounter, Visit stay) {
			return stay.id().equals(encounter) || encounter != null && stay.id().equals(this.twins.get(encounter));
		}

	}

	List<Scored> score(List<ClinicalHistory> records) {
		List<Visit> reported = new ArrayList<>();
		List<Diagnosis> diagnoses = new ArrayList<>();
		List<LabResult> results = new ArrayList<>();
		List<PerformedProcedure> procedures = new ArrayList<>();
		for (ClinicalHistory h : records) {
			reported.addAll(h.visits());
			diagnoses.addAll(h.diagnoses());
			results.addAll(h.results());
			procedures.addAll(h.procedures());
		}
		Map<UUID, UUID> twins = new HashMap<>();
		List<Visit> visits = records.size() < 2 ? reported : oncePerVisit(reported, twins);
		Person person = new Person(visits, twins, diagnoses, results, procedures);
		List<Scored> scored = new ArrayList<>();
		for (Visit stay : visits) {
			if (INPATIENT.contains(stay.classCode()) && stay.start() != null && stay.end() != null
					&& !"in-progress".equals(stay.status()) && !"planned".equals(stay.status())) {
				scored.add(lace(person, stay));
				scored.add(hospital(person, stay));
			}
		}
		return scored;
	}

	private Scored lace(Person person, Visit stay) {
		Map<String, Integer> components = new LinkedHashMap<>();
		List<RiskFact> facts = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		String encounter = "Encounter/" + stay.id();

		long days = lengthOfStay(stay);
		if (days < 0) {
			components.put("L", 0);
			missing.add("L: the stay ends before it begins");
		}
		else {
			components.put("L", days < 1 ? 0 : days <= 3 ? (int) days : days <= 6 ? 4 : days <= 13 ? 5 : 7);
			facts.add(RiskFact.of("L", stayText(stay, days), encounter, stay.start()));
		}

		Boolean emergent = emergent(stay, false);
		components.put("A", Boolean.TRUE.equals(emergent) ? 3 : 0);
		if (emergent == null) {
			missing.add("A: the admission's priority and admit source were not sent");
		}
		else {
			facts.add(RiskFact.of("A", acuityText(stay, emergent, "an emergent admission", "not emergent"), encounter,
					stay.start()));
		}

		CharlsonIndex.Result charlson = charlson(person, stay, missing);
		int index = charlson.index();
		components.put("C", index >= 4 ? 5 : index);
		facts.add(RiskFact.of("C",
				"Charlson comorbidity index " + index + " from the conditions recorded by " + day(stay.end()), null,
				null));
		facts.addAll(charlson.facts());

		Instant from = stay.start().atZone(this.zone).minusMonths(6).toInstant();
		List<Visit> edVisits = new ArrayList<>();
		for (Visit v : person.visits()) {
			if (EMERGENCY.equals(v.classCode()) && v.start() != null && !v.start().isBefore(from)
					&& v.start().isBefore(stay.start()) && !v.id().equals(stay.id())) {
				edVisits.add(v);
			}
		}
		edVisits.sort(Comparator.comparing(Visit::start));
		Visit own = null;
		if (!edVisits.isEmpty()) {
			Visit last = edVisits.get(edVisits.size() - 1);
			Instant ended = last.end() != null ? last.end() : last.start();
			if (!ended.isBefore(stay.start().minus(OWN_ED_VISIT))) {
				own = last;
				edVisits.remove(edVisits.size() - 1);
			}
		}
		components.put("E", Math.min(edVisits.size(), 4));
		facts.add(RiskFact.of("E",
				edVisits.size() + " emergency department visit" + (edVisits.size() == 1 ? "" : "s")
						+ " in the 6 months before admission" + (edVisits.size() > 4 ? " (counted as 4)" : ""),
				null, null));
		for (Visit v : edVisits) {
			facts.add(RiskFact.of("E", "Emergency department visit on " + day(v.start()), "Encounter/" + v.id(),
					v.start()));
		}
		if (own != null) {
			facts.add(RiskFact.of("E",
					"Emergency department visit on " + day(own.start())
							+ ": the stay's own (it ended within 24 hours before admission), not counted",
					"Encounter/" + own.id(), own.start()));
		}
		return scored(Instrument.LACE, stay, components, facts, missing);
	}

	private Scored hospital(Person person, Visit stay) {
		Map<String, Integer> components = new LinkedHashMap<>();
		List<RiskFact> facts = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		String encounter = "Encounter/" + stay.id();

		lastResult(person, stay, LabCodes.Analyte.HAEMOGLOBIN, "H", new BigDecimal("12"), "haemoglobin", components,
				facts, missing);

		if (stay.serviceCode() == null && stay.serviceDisplay() == null) {
			components.put("O", 0);
			missing.add("O: the stay's service was not sent");
		}
		else {
			boolean oncologyService = this.oncology.matches(stay.serviceCode(), stay.serviceDisplay());
			components.put("O", oncologyService ? 2 : 0);
			String service = stay.serviceDisplay() != null ? stay.serviceDisplay() : stay.serviceCode();
			facts.add(RiskFact.of("O",
					"Discharged from " + service + ": " + (oncologyService ? "an oncology service" : "not oncology"),
					encounter, stay.end()));
		}

		lastResult(person, stay, LabCodes.Analyte.SODIUM, "S", new BigDecimal("135"), "sodium", components, facts,
				missing);

		List<PerformedProcedure> during = new ArrayList<>();
		for (PerformedProcedure p : person.procedures()) {
			if (person.linked(p.encounter(), stay) || p.start() != null && within(p.start(), stay)) {
				during.add(p);
			}
		}
		during.sort(Comparator.comparing(PerformedProcedure::start, Comparator.nullsLast(Comparator.naturalOrder())));
		components.put("P", during.isEmpty() ? 0 : 1);
		if (during.isEmpty()) {
			facts.add(RiskFact.of("P", "No procedure recorded during the stay", encounter, null));
		}
		for (PerformedProcedure p : during) {
			facts.add(new RiskFact("P", "Procedure during the stay: " + (p.display() != null ? p.display() : p.code()),
					"Procedure/" + p.id(), p.start(), p.system() + "|" + p.code(), null, null, null, null));
		}

		Boolean nonElective = emergent(stay, true);
		components.put("IT", Boolean.TRUE.equals(nonElective) ? 1 : 0);
		if (nonElective == null) {
			missing.add("IT: the admission's priority and admit source were not sent");
		}
		else {
			facts.add(RiskFact.of("IT", acuityText(stay, nonElective, "an urgent or emergent admission", "elective"),
					encounter, stay.start()));
		}

		Instant from = stay.start().atZone(this.zone).minusMonths(12).toInstant();
		List<Visit> earlier = new ArrayList<>();
		for (Visit v : person.visits()) {
			if (INPATIENT.contains(v.classCode()) && v.start() != null && !v.id().equals(stay.id())
					&& !v.start().isBefore(from) && v.start().isBefore(stay.start())) {
				earlier.add(v);
			}
		}
		earlier.sort(Comparator.comparing(Visit::start));
		int admissions = earlier.size();
		components.put("A", admissions <= 1 ? 0 : admissions <= 5 ? 2 : 5);
		facts.add(RiskFact.of("A",
				admissions + " hospital admission" + (admissions == 1 ? "" : "s") + " in the 12 months before this one",
				null, null));
		for (Visit v : earlier) {
			facts.add(RiskFact.of("A", "Admitted on " + day(v.start()), "Encounter/" + v.id(), v.start()));
		}

		long days = lengthOfStay(stay);
		if (days < 0) {
			components.put("L", 0);
			missing.add("L: the stay ends before it begins");
		}
		else {
			components.put("L", days >= 5 ? 2 : 0);
			facts.add(RiskFact.of("L", stayText(stay, days), encounter, stay.start()));
		}
		return scored(Instrument.HOSPITAL, stay, components, facts, missing);
	}

	private Scored scored(Instrument instrument, Visit stay, Map<String, Integer> components, List<RiskFact> facts,
			List<String> missing) {
		int score = components.values().stream().mapToInt(Integer::intValue).sum();
		return new Scored(instrument, stay.patient(), stay.id(), stay.end(), score, RiskBand.of(instrument, score),
				components, facts, missing);
	}

	/**
	 * The visits, each once. Two records of a person may report one visit, each with an
	 * encounter of its own: a hospital's ADT feed and its EHR's export, say. Counted
	 * twice, the stay would be scored twice and would count twice among the admissions
	 * and ED visits before a later stay. Reports from two records are one visit when they
	 * are of the same class, begin on the same day in the practice's zone and overlap in
	 * time. The report kept is the one with an end, then the one with its priority or
	 * admit source, then the one begun first, then the smaller id: the same one every
	 * time the person is scored. Reports of one record are all kept: a source that sends
	 * two visits means two.
	 * @param twins filled with the id of each report not kept, to the id of the one kept
	 * @return the visits kept, in the order reported
	 */
	private List<Visit> oncePerVisit(List<Visit> reported, Map<UUID, UUID> twins) {
		List<Visit> best = new ArrayList<>(reported);
		best.sort(Comparator.comparing((Visit v) -> v.end() == null)
			.thenComparing(v -> v.priority() == null && v.admitSource() == null)
			.thenComparing(Visit::start, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Visit::id));
		Map<ClassAndDay, List<Visit>> keptByClassAndDay = new HashMap<>();
		for (Visit v : best) {
			if (v.classCode() == null || v.start() == null) {
				continue;
			}
			List<Visit> kept = keptByClassAndDay.computeIfAbsent(
					new ClassAndDay(v.classCode(), v.start().atZone(this.zone).toLocalDate()),
					key -> new ArrayList<>());
			Visit twin = kept.stream().filter(k -> sameVisit(k, v)).findFirst().orElse(null);
			if (twin == null) {
				kept.add(v);
			}
			else {
				twins.put(v.id(), twin.id());
			}
		}
		return reported.stream().filter(v -> !twins.containsKey(v.id())).toList();
	}

	private record ClassAndDay(String classCode, LocalDate day) {
	}

	/** Two reports of one class and day: one visit if from two records, overlapping. */
	private static boolean sameVisit(Visit one, Visit other) {
		return !one.patient().equals(other.patient()) && (one.end() == null || !other.start().isAfter(one.end()))
				&& (other.end() == null || !one.start().isAfter(other.end()));
	}

	/**
	 * The last result of the analyte in the stay (linked to it, or taken between
	 * admission and discharge), in the score's unit.
	 */
	private void lastResult(Person person, Visit stay, LabCodes.Analyte analyte, String component, BigDecimal threshold,
			String name, Map<String, Integer> components, List<RiskFact> facts, List<String> missing) {
		LabResult last = null;
		BigDecimal lastValue = null;
		List<String> notUnderstood = new ArrayList<>();
		for (LabResult r : person.results()) {
			if (this.labs.analyte(r.system(), r.code()) != analyte || r.effective() == null) {
				continue;
			}
			if (!(person.linked(r.encounter(), stay) || within(r.effective(), stay))) {
				continue;
			}
			BigDecimal value = this.labs.inScoreUnit(r.code(), r.value(), r.unit());
			if (value == null) {
				notUnderstood.add(r.value().toPlainString() + " " + r.unit());
				continue;
			}
			if (last == null || r.effective().isAfter(last.effective())
					|| r.effective().equals(last.effective()) && r.id().compareTo(last.id()) > 0) {
				last = r;
				lastValue = value;
			}
		}
		if (last == null) {
			components.put(component, 0);
			missing.add(component + ": no " + name + " result in the stay" + (notUnderstood.isEmpty() ? ""
					: " in a unit understood (sent: " + String.join(", ", notUnderstood) + ")"));
			return;
		}
		boolean low = lastValue.compareTo(threshold) < 0;
		components.put(component, low ? 1 : 0);
		String unit = analyte.unit();
		facts.add(new RiskFact(component,
				"Last " + name + " of the stay " + lastValue.stripTrailingZeros().toPlainString() + " " + unit + " on "
						+ day(last.effective()) + (low ? ": below " : ": not below ") + threshold + " " + unit,
				"Observation/" + last.id(), last.effective(), last.system() + "|" + last.code(), null, null, lastValue,
				unit));
	}

	private CharlsonIndex.Result charlson(Person person, Visit stay, List<String> missing) {
		List<CharlsonIndex.Counted> counted = new ArrayList<>();
		int undated = 0;
		for (Diagnosis d : person.diagnoses()) {
			CharlsonIndex.Group group = this.charlson.groupOf(d.system(), d.code());
			if (group == null) {
				continue;
			}
			Instant date = d.onset() != null ? d.onset() : d.recorded() != null ? d.recorded() : d.encounterStart();
			if (date == null) {
				undated++;
			}
			else if (!date.isAfter(stay.end())) {
				counted.add(new CharlsonIndex.Counted(d, group, date));
			}
		}
		if (undated > 0) {
			missing.add("C: " + undated + " Charlson condition" + (undated == 1 ? " has" : "s have")
					+ " no onset or recorded date, so cannot be placed before discharge");
		}
		return this.charlson.score(counted, "C");
	}

	/**
	 * Whether the admission was emergent (LACE's A: priority EM, or admitted from the
	 * emergency department), or with {@code urgentCounts} urgent or emergent (HOSPITAL's
	 * index admission type: also UR); null when the source sent neither priority nor
	 * admit source.
	 */
	static Boolean emergent(Visit stay, boolean urgentCounts) {
		String priority = stay.priority() == null ? null : stay.priority().strip().toUpperCase(Locale.ROOT);
		String source = stay.admitSource() == null ? null : stay.admitSource().strip().toLowerCase(Locale.ROOT);
		if (priority == null && source == null) {
			return null;
		}
		return "EM".equals(priority) || urgentCounts && "UR".equals(priority) || "emd".equals(source);
	}

	private static String acuityText(Visit stay, boolean yes, String what, String not) {
		StringBuilder text = new StringBuilder("Admission ");
		if (stay.priority() != null) {
			text.append("priority ").append(stay.priority());
		}
		if (stay.admitSource() != null) {
			text.append(stay.priority() != null ? ", " : "").append("admit source ").append(stay.admitSource());
		}
		return text.append(": ").append(yes ? what : not).toString();
	}

	/** Calendar days in the practice's zone from admission to discharge. */
	long lengthOfStay(Visit stay) {
		LocalDate admitted = stay.start().atZone(this.zone).toLocalDate();
		LocalDate discharged = stay.end().atZone(this.zone).toLocalDate();
		return ChronoUnit.DAYS.between(admitted, discharged);
	}

	private String stayText(Visit stay, long days) {
		return "Admitted " + day(stay.start()) + ", discharged " + day(stay.end()) + ": " + days + " day"
				+ (days == 1 ? "" : "s");
	}

	private static boolean within(Instant at, Visit stay) {
		return !at.isBefore(stay.start()) && !at.isAfter(stay.end());
	}

	private String day(Instant at) {
		return DAY.format(at.atZone(this.zone));
	}

}
