package org.northstar.medication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.northstar.medication.Evidence.Status;
import org.northstar.medication.MedicationLine.Decision;
import org.northstar.medication.MedicationLine.Flag;
import org.northstar.medication.MedicationLine.Source;

/**
 * Groups what every source said into one line per medicine and flags what a coordinator
 * should look at. Pure: the same evidence, visits and day give the same list.
 */
final class Lines {

	/** A fill keeps a medicine active this long past its supply (or 30 days). */
	static final int FILL_GRACE_DAYS = 30;

	/** Supply assumed for a fill whose source does not say. */
	static final int ASSUMED_SUPPLY_DAYS = 30;

	private Lines() {
	}

	/**
	 * @param lastSeen the last day the person had an encounter with each practitioner
	 * @param decisions per line key, the coordinator's last decision
	 */
	static List<MedicationLine> of(List<Evidence> evidence, PrescribersSeen lastSeen, Map<String, Decision> decisions,
			LocalDate today) {
		Map<String, List<Evidence>> byKey = new LinkedHashMap<>();
		for (Evidence e : evidence) {
			byKey.computeIfAbsent(e.concept().key(), k -> new ArrayList<>()).add(e);
		}
		List<MedicationLine> lines = new ArrayList<>();
		byKey.forEach((key, of) -> lines.add(line(key, of, lastSeen, decisions.get(key), today)));
		List<MedicationLine> flagged = new ArrayList<>();
		for (MedicationLine line : lines) {
			List<Flag> flags = new ArrayList<>(line.flags());
			if (line.active()) {
				flags.addAll(acrossLines(line, lines));
			}
			flagged.add(new MedicationLine(line.key(), line.display(), line.concept(), line.status(), line.dosage(),
					line.sources(), line.prescribers(), line.lastOrdered(), line.lastFilled(), order(flags),
					line.decision()));
		}
		flagged.sort(Comparator.comparing((MedicationLine l) -> !l.active())
			.thenComparing(l -> !l.highRisk())
			.thenComparing(l -> l.display().toLowerCase(java.util.Locale.ROOT)));
		return flagged;
	}

	private static MedicationLine line(String key, List<Evidence> evidence, PrescribersSeen lastSeen, Decision decision,
			LocalDate today) {
		List<Evidence> newestFirst = new ArrayList<>(evidence);
		newestFirst
			.sort(Comparator.comparing(Evidence::date, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
		// What each source said last: its newest order or statement, else its newest
		// fill.
		Map<String, Evidence> lastSaid = new LinkedHashMap<>();
		Map<String, Evidence> lastFill = new LinkedHashMap<>();
		for (Evidence e : newestFirst) {
			(e.isFill() ? lastFill : lastSaid).putIfAbsent(e.source(), e);
		}
		LocalDate lastFilled = newestFirst.stream()
			.filter(Evidence::isFill)
			.map(Evidence::date)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		Set<String> activeSources = new LinkedHashSet<>();
		Set<String> stoppedSources = new LinkedHashSet<>();
		lastSaid.forEach((source, e) -> (e.status() == Status.ACTIVE ? activeSources : stoppedSources).add(source));
		lastFill.forEach((source, e) -> {
			if (!lastSaid.containsKey(source) && suppliedUntil(e).plusDays(FILL_GRACE_DAYS).isAfter(today)) {
				activeSources.add(source);
			}
		});
		MedicationLine.Status status = activeSources.isEmpty() ? MedicationLine.Status.STOPPED
				: MedicationLine.Status.ACTIVE;
		if (decision != null && decision.verdict() == Reconciliation.Verdict.STOPPED
				&& status.equals(MedicationLine.Status.ACTIVE) && !saidSince(newestFirst, decision.on())) {
			status = MedicationLine.Status.STOPPED;
		}
		// One per identity: the same NPI displayed two ways is one prescriber.
		Map<String, Prescriber> byIdentity = new LinkedHashMap<>();
		newestFirst.stream()
			.map(Evidence::prescriber)
			.filter(Objects::nonNull)
			.forEach(p -> byIdentity.merge(p.key(), p, (a, b) -> a.name() != null ? a : b));
		List<Prescriber> prescribers = List.copyOf(byIdentity.values());
		LocalDate lastOrdered = newestFirst.stream()
			.filter(e -> e.kind() == Evidence.Kind.ORDER)
			.map(Evidence::date)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		Evidence named = newestFirst.stream().filter(e -> !e.isFill()).findFirst().orElse(newestFirst.get(0));
		String dosage = newestFirst.stream().map(Evidence::dosage).filter(Objects::nonNull).findFirst().orElse(null);
		List<Source> sources = new ArrayList<>();
		lastSaid.values().forEach(e -> sources.add(source(e)));
		lastFill.values().forEach(e -> sources.add(source(e)));
		List<Flag> flags = new ArrayList<>();
		if (status == MedicationLine.Status.ACTIVE) {
			Set<String> activeKeys = newestFirst.stream()
				.filter(e -> e.kind() == Evidence.Kind.ORDER && e.status() == Status.ACTIVE && e.prescriber() != null)
				.map(e -> e.prescriber().key())
				.collect(Collectors.toSet());
			if (activeKeys.size() > 1) {
				Set<String> who = activeKeys.stream()
					.map(k -> byIdentity.get(k).text())
					.collect(Collectors.toCollection(TreeSet::new));
				flags.add(new Flag(Flag.Kind.DUPLICATE_PRESCRIBERS,
						"Ordered by " + activeKeys.size() + " prescribers: " + String.join(", ", who)));
			}
			if (!stoppedSources.isEmpty()) {
				flags.add(new Flag(Flag.Kind.STOPPED_AND_ACTIVE, "Stopped at " + String.join(", ", stoppedSources)
						+ ", active at " + String.join(", ", activeSources)));
			}
			LocalDate lastContact = lastOrdered;
			for (Prescriber prescriber : prescribers) {
				LocalDate seen = lastSeen.lastSeen(prescriber);
				if (seen != null && (lastContact == null || seen.isAfter(lastContact))) {
					lastContact = seen;
				}
			}
			if (lastContact == null) {
				flags.add(new Flag(Flag.Kind.NO_PRESCRIBER_SEEN, "No prescriber on record"));
			}
			else if (lastContact.isBefore(today.minusMonths(12))) {
				flags.add(new Flag(Flag.Kind.NO_PRESCRIBER_SEEN,
						"No prescriber has ordered it or seen the patient since " + lastContact));
			}
			DrugClass drugClass = named.concept().drugClass();
			if (drugClass != null && drugClass.highRisk()) {
				flags.add(new Flag(Flag.Kind.HIGH_RISK, "High-risk medicine (" + drugClass.code() + ")"));
			}
		}
		return new MedicationLine(key, named.display(), named.concept(), status, dosage, sources, prescribers,
				lastOrdered, lastFilled, flags, decision);
	}

	/** Flags that compare a line with the person's other active lines. */
	private static List<Flag> acrossLines(MedicationLine line, List<MedicationLine> lines) {
		List<Flag> flags = new ArrayList<>();
		DrugConcept concept = line.concept();
		List<String> otherStrengths = new ArrayList<>();
		List<String> sameClass = new ArrayList<>();
		for (MedicationLine other : lines) {
			if (!other.active() || other.key().equals(line.key())) {
				continue;
			}
			if (!concept.ingredients().isEmpty() && other.concept().ingredientKey().equals(concept.ingredientKey())) {
				otherStrengths.add(other.display());
			}
			else if (concept.drugClass() != null && concept.drugClass().oneAtATime()
					&& concept.drugClass() == other.concept().drugClass()) {
				sameClass.add(other.display());
			}
		}
		if (!otherStrengths.isEmpty()) {
			flags.add(new Flag(Flag.Kind.TWO_STRENGTHS,
					"Also active at another strength: " + String.join(", ", otherStrengths)));
		}
		if (!sameClass.isEmpty()) {
			flags.add(new Flag(Flag.Kind.SAME_CLASS,
					"Another " + concept.drugClass().code() + " is active: " + String.join(", ", sameClass)));
		}
		return flags;
	}

	private static List<Flag> order(List<Flag> flags) {
		List<Flag> sorted = new ArrayList<>(flags);
		sorted.sort(Comparator.comparing(Flag::kind));
		return sorted;
	}

	private static boolean saidSince(List<Evidence> evidence, LocalDate day) {
		return evidence.stream().anyMatch(e -> e.date() != null && e.date().isAfter(day));
	}

	static LocalDate suppliedUntil(Evidence fill) {
		int days = fill.daysSupply() != null ? fill.daysSupply() : ASSUMED_SUPPLY_DAYS;
		return fill.date() == null ? LocalDate.MIN : fill.date().plusDays(days);
	}

	private static Source source(Evidence e) {
		String kind = switch (e.kind()) {
			case ORDER -> "order";
			case STATEMENT -> "statement";
			case DISPENSE -> "dispense";
			case CLAIM -> "pharmacy claim";
		};
		return new Source(e.source(), kind, e.status().name().toLowerCase(java.util.Locale.ROOT), e.date(),
				e.prescriber() == null ? null : e.prescriber().text(), e.display());
	}

}
