package org.northstar.caseload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.northstar.shared.PatientId;

/**
 * A suggested rebalancing of a team's caseloads: moves that bring every coordinator's
 * acuity-weighted load within a tolerance of the team's mean, moving as few people as it
 * can and never one with recent contact (continuity: the coordinator who just spoke with
 * them keeps them). Nothing is applied here; a supervisor approves the moves.
 *
 * <p>
 * Finding the fewest moves exactly is a bin-packing problem; this is the usual greedy
 * answer, which is exact for the common case of one overloaded caseload: from the most
 * loaded coordinator to the least loaded, the heaviest movable person whose move narrows
 * the gap without pushing the receiver over the upper bound (or, when none fits, the
 * heaviest that still narrows it), until all are within bounds or no move helps. Every
 * move narrows the gap between the two, so it ends.
 */
public final class Rebalancing {

	private Rebalancing() {
	}

	/**
	 * A person on a caseload.
	 *
	 * @param weight their acuity weight (e.g. 3 for a high risk band, 1 for low or
	 * unscored)
	 * @param recentContact their coordinator was in contact recently: they stay
	 */
	public record Patient(PatientId id, String coordinator, double weight, boolean recentContact) {
	}

	/** Move the person from one caseload to another. */
	public record Move(PatientId patient, String from, String to, double weight) {
	}

	/**
	 * The suggested moves and the loads before and after.
	 *
	 * @param lower the least load within tolerance
	 * @param upper the most load within tolerance
	 * @param balanced whether, after the moves, every load is within tolerance
	 */
	public record Plan(List<Move> moves, Map<String, Double> before, Map<String, Double> after, double lower,
			double upper, boolean balanced) {

		public Plan {
			moves = List.copyOf(moves);
		}

	}

	/**
	 * @param coordinators every coordinator to balance over, those with empty caseloads
	 * included
	 * @param tolerance how far from the mean a load may be, as a fraction of it (0.2 for
	 * 20%)
	 */
	public static Plan plan(Collection<String> coordinators, Collection<Patient> patients, double tolerance) {
		Map<String, Double> load = new LinkedHashMap<>();
		coordinators.forEach(c -> load.put(c, 0.0));
		Map<String, List<Patient>> movable = new LinkedHashMap<>();
		coordinators.forEach(c -> movable.put(c, new ArrayList<>()));
		for (Patient p : patients) {
			if (!load.containsKey(p.coordinator())) {
				continue;
			}
			load.merge(p.coordinator(), p.weight(), Double::sum);
			if (!p.recentContact()) {
				movable.get(p.coordinator()).add(p);
			}
		}
		Map<String, Double> before = new LinkedHashMap<>(load);
		double mean = load.isEmpty() ? 0 : load.values().stream().mapToDouble(Double::doubleValue).sum() / load.size();
		double upper = mean * (1 + tolerance);
		double lower = mean * (1 - tolerance);
		List<Move> moves = new ArrayList<>();
		Set<String> stuck = new HashSet<>();
		while (load.size() > 1 && !within(load, lower, upper)) {
			Optional<String> donorFound = load.keySet()
				.stream()
				.filter(c -> !stuck.contains(c))
				.max(Comparator.comparingDouble(load::get));
			if (donorFound.isEmpty()) {
				break;
			}
			String donor = donorFound.get();
			String receiver = load.keySet().stream().min(Comparator.comparingDouble(load::get)).orElseThrow();
			double gap = load.get(donor) - load.get(receiver);
			double room = upper - load.get(receiver);
			// Heaviest first: fewer, larger moves.
			List<Patient> candidates = movable.get(donor)
				.stream()
				.filter(p -> p.weight() < gap)
				.sorted(Comparator.comparingDouble(Patient::weight).reversed())
				.toList();
			Optional<Patient> chosen = candidates.stream().filter(p -> p.weight() <= room + 1e-9).findFirst();
			if (chosen.isEmpty()) {
				chosen = candidates.stream().findFirst();
			}
			if (chosen.isEmpty() || load.get(donor) <= upper && load.get(receiver) >= lower) {
				// Nothing this donor can give narrows a gap: try the next most loaded.
				stuck.add(donor);
				continue;
			}
			Patient p = chosen.get();
			movable.get(donor).remove(p);
			load.merge(donor, -p.weight(), Double::sum);
			load.merge(receiver, p.weight(), Double::sum);
			moves.add(new Move(p.id(), donor, receiver, p.weight()));
			stuck.clear();
		}
		return new Plan(moves, before, load, lower, upper, within(load, lower, upper));
	}

	private static boolean within(Map<String, Double> load, double lower, double upper) {
		return load.values().stream().allMatch(l -> l >= lower - 1e-9 && l <= upper + 1e-9);
	}

}
