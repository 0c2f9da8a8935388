package org.northstar.careplan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.northstar.clinical.Measurements;
import org.northstar.clinical.Measurements.Measurement;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * The trends of a plan's measured goals, drawn from the person's observations over all
 * their records. Callers decide and audit access first.
 */
@Service
public class Trends {

	/** The most values a chart shows: the latest. */
	static final int MAX_POINTS = 200;

	private final Measurements measurements;

	private final java.time.Clock clock;

	Trends(Measurements measurements, java.time.Clock clock) {
		this.measurements = measurements;
		this.clock = clock;
	}

	/** A trend per goal with a band of a measure Northstar charts, in plan order. */
	public List<Trend> of(CarePlan plan, Collection<PatientId> records) {
		List<PlanItem> measured = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (PlanItem goal : plan.goals()) {
			Optional<Measure> measure = Optional.ofNullable(goal.target().measureCode()).flatMap(Measure::ofCode);
			if (goal.target().measured() && measure.isPresent()) {
				measured.add(goal);
				codes.addAll(measure.get().codes());
			}
		}
		if (measured.isEmpty()) {
			return List.of();
		}
		List<Measurement> values = this.measurements.of(records, codes);
		List<Measurements.MedicationChange> changes = this.measurements.medicationChanges(records);
		List<Trend> trends = new ArrayList<>();
		for (PlanItem goal : measured) {
			Measure measure = Measure.ofCode(goal.target().measureCode()).orElseThrow();
			List<Trend.Point> points = values.stream()
				.filter(m -> measure.codes().contains(m.code()))
				.map(m -> new Trend.Point(m.at(), m.quantity().value(), m.quantity().digits(),
						m.quantity().unit() != null ? m.quantity().unit() : m.quantity().code(), m.sources(),
						goal.target().contains(m.quantity().value())))
				.toList();
			if (points.size() > MAX_POINTS) {
				points = points.subList(points.size() - MAX_POINTS, points.size());
			}
			List<Trend.Gain> gains = measure == Measure.WEIGHT ? Trend.rapidGains(points, this.clock.getZone())
					: List.of();
			java.time.Instant first = points.isEmpty() ? null : points.get(0).at();
			List<Measurements.MedicationChange> shown = first == null ? List.of()
					: changes.stream().filter(c -> !c.at().isBefore(first)).toList();
			trends.add(new Trend(goal, measure, points, shown, gains));
		}
		return trends;
	}

}
