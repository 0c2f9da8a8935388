package org.northstar.medication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.MedicationUse;
import org.northstar.medication.Evidence.Status;
import org.northstar.medication.MedicationLine.Decision;
import org.northstar.medication.ProportionOfDaysCovered.CurrentGap;
import org.northstar.medication.ProportionOfDaysCovered.Fill;
import org.northstar.medication.ProportionOfDaysCovered.Stay;
import org.northstar.shared.PatientId;
import org.northstar.worklist.RefillGaps;

import org.springframework.stereotype.Component;

/**
 * Refill gaps for Today, from the fills the adherence measure counts: a class taken every
 * day whose supply ran out and was not refilled. Computed on every read, never stored, so
 * a new fill clears it at once. A medicine a prescriber stopped (every source's newest
 * order or statement says so) or the coordinator recorded as no longer taken since its
 * last fill is not chased.
 */
@Component
class Refills implements RefillGaps {

	/** Fills are looked for over the year the adherence measure covers. */
	static final int LOOK_BACK_DAYS = 365;

	private final ClinicalResources resources;

	private final Reconciliations reconciliations;

	private final RxNormCatalog catalog;

	private final ZoneId zone;

	Refills(ClinicalResources resources, Reconciliations reconciliations, RxNormCatalog catalog,
			java.time.Clock clock) {
		this.resources = resources;
		this.reconciliations = reconciliations;
		this.catalog = catalog;
		this.zone = clock.getZone();
	}

	@Override
	public Map<PatientId, List<RefillGap>> of(Map<PatientId, ? extends Collection<PatientId>> people, LocalDate today,
			int minimumDays) {
		Map<PatientId, PatientId> personOf = new HashMap<>();
		people.forEach((person, records) -> {
			personOf.put(person, person);
			records.forEach(record -> personOf.putIfAbsent(record, person));
		});
		if (personOf.isEmpty()) {
			return Map.of();
		}
		PersonEvidence read = PersonEvidence.read(this.resources, this.catalog, this.zone, personOf,
				MedicationUse.TYPES, today);
		Map<PatientId, List<Evidence>> evidence = read.evidence();
		Map<PatientId, List<Stay>> stays = read.stays();
		Map<PatientId, List<Reconciliation>> done = new HashMap<>();
		for (Reconciliation rec : this.reconciliations.of(personOf.keySet())) {
			done.computeIfAbsent(personOf.get(rec.patient()), p -> new ArrayList<>()).add(rec);
		}
		Map<PatientId, List<RefillGap>> gaps = new LinkedHashMap<>();
		evidence.forEach((person, of) -> {
			List<RefillGap> found = gaps(of, stays.getOrDefault(person, List.of()),
					Reconciliations.lastDecisions(done.getOrDefault(person, List.of())), today, minimumDays);
			if (!found.isEmpty()) {
				gaps.put(person, found);
			}
		});
		return gaps;
	}

	/**
	 * One person's refill gaps of at least {@code minimumDays}, the longest first. Pure.
	 * @param decisions per line key, the coordinator's newest decision
	 */
	static List<RefillGap> gaps(List<Evidence> evidence, List<Stay> stays, Map<String, Decision> decisions,
			LocalDate today, int minimumDays) {
		LocalDate from = today.minusDays(LOOK_BACK_DAYS);
		// What each source said last about each medicine, and each medicine's last fill.
		Map<String, Map<String, Evidence>> lastSaid = new HashMap<>();
		Map<String, Evidence> lastFill = new HashMap<>();
		for (Evidence e : evidence) {
			if (e.date() == null || e.concept().drugClass() == null || !e.concept().drugClass().refillsExpected()) {
				continue;
			}
			String medicine = medicine(e.concept());
			if (e.isFill()) {
				lastFill.merge(medicine, e, (a, b) -> b.date().isAfter(a.date()) ? b : a);
			}
			else {
				lastSaid.computeIfAbsent(medicine, m -> new HashMap<>())
					.merge(e.source(), e, (a, b) -> b.date().isAfter(a.date()) ? b : a);
			}
		}
		Map<DrugClass, List<Fill>> fills = new EnumMap<>(DrugClass.class);
		Map<DrugClass, Evidence> newest = new EnumMap<>(DrugClass.class);
		for (Evidence e : evidence) {
			if (!e.isFill() || e.date() == null || e.date().isBefore(from) || e.date().isAfter(today)
					|| e.concept().drugClass() == null || !e.concept().drugClass().refillsExpected()) {
				continue;
			}
			String medicine = medicine(e.concept());
			if (stopped(lastSaid.getOrDefault(medicine, Map.of()), lastFill.get(medicine), decisions)) {
				continue;
			}
			DrugClass drugClass = e.concept().drugClass();
			fills.computeIfAbsent(drugClass, c -> new ArrayList<>()).add(new Fill(medicine, e.date(), e.daysSupply()));
			newest.merge(drugClass, e, (a, b) -> b.date().isAfter(a.date()) ? b : a);
		}
		List<RefillGap> gaps = new ArrayList<>();
		fills.forEach((drugClass, of) -> {
			Optional<CurrentGap> gap = ProportionOfDaysCovered.currentGap(of, stays, from, today);
			if (gap.isPresent() && gap.get().days() >= minimumDays) {
				gaps.add(new RefillGap(drugClass.code(), newest.get(drugClass).display(), gap.get().ranOutOn(),
						gap.get().days()));
			}
		});
		gaps.sort(Comparator.comparingInt(RefillGap::days).reversed().thenComparing(RefillGap::medicineClass));
		return gaps;
	}

	/** The medicine a fill counts for in the adherence measure: its ingredients. */
	static String medicine(DrugConcept concept) {
		return concept.ingredients().isEmpty() ? concept.key() : concept.ingredientKey();
	}

	/**
	 * Whether the medicine is no longer meant to be taken: every source that ordered or
	 * stated it last said stopped, or the coordinator recorded it stopped on or after its
	 * last fill.
	 */
	private static boolean stopped(Map<String, Evidence> lastSaid, Evidence lastFill, Map<String, Decision> decisions) {
		if (!lastSaid.isEmpty() && lastSaid.values().stream().allMatch(e -> e.status() == Status.STOPPED)) {
			return true;
		}
		Decision decision = lastFill == null ? null : decisions.get(lastFill.concept().key());
		return decision != null && decision.verdict() == Reconciliation.Verdict.STOPPED
				&& !decision.on().isBefore(lastFill.date());
	}

}
