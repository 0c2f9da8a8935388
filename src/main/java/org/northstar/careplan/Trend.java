package org.northstar.careplan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.northstar.clinical.Measurements.MedicationChange;

/**
 * A measured goal over time: the person's values of its measure, each with the digits and
 * unit its source sent and whether it lay in the target band, the days their medicines
 * changed, and the weight gains that call for action.
 */
public record Trend(PlanItem goal, Measure measure, List<Point> points, List<MedicationChange> medicationChanges,
		List<Gain> gains) {

	/** A heart-failure warning sign: this much weight gained... */
	public static final BigDecimal RAPID_GAIN_KG = new BigDecimal("2");

	/**
	 * ...within this many days by the calendar: weighed at 09:00 one Monday and 10:35 the
	 * next is a week.
	 */
	public static final int RAPID_GAIN_WITHIN_DAYS = 7;

	private static final BigDecimal KG_PER_POUND = new BigDecimal("0.45359237");

	public Trend {
		points = List.copyOf(points);
		medicationChanges = List.copyOf(medicationChanges);
		gains = List.copyOf(gains);
	}

	/**
	 * One value as sent.
	 *
	 * @param digits the value with every digit sent ({@code 82.50} stays so)
	 */
	public record Point(Instant at, BigDecimal value, String digits, String unit, List<String> sources,
			boolean inTarget) {

		/** The value in kilograms, if its unit is one of weight; else null. */
		BigDecimal kilograms() {
			if (this.unit == null) {
				return null;
			}
			return switch (this.unit.strip().toLowerCase(java.util.Locale.ROOT)) {
				case "kg", "kilogram", "kilograms" -> this.value;
				case "[lb_av]", "lb", "lbs", "pound", "pounds" ->
					this.value.multiply(KG_PER_POUND, MathContext.DECIMAL64);
				default -> null;
			};
		}

	}

	/**
	 * A gain of at least {@link #RAPID_GAIN_KG} within {@link #RAPID_GAIN_WITHIN_DAYS}.
	 */
	public record Gain(Point from, Point to, BigDecimal kilograms) {
	}

	/**
	 * The rapid weight gains among the points (oldest first): for each weighing, the
	 * lowest weighing of the week before it (days in the practice's zone), when it lies
	 * at least 2 kg lower. Of gains ending on consecutive weighings from the same low,
	 * only the largest is kept.
	 */
	public static List<Gain> rapidGains(List<Point> points, ZoneId zone) {
		List<Gain> gains = new ArrayList<>();
		for (int j = 0; j < points.size(); j++) {
			Point to = points.get(j);
			BigDecimal toKg = to.kilograms();
			if (toKg == null) {
				continue;
			}
			Point lowest = null;
			for (int i = j - 1; i >= 0; i--) {
				Point from = points.get(i);
				if (ChronoUnit.DAYS.between(from.at().atZone(zone).toLocalDate(),
						to.at().atZone(zone).toLocalDate()) > RAPID_GAIN_WITHIN_DAYS) {
					break;
				}
				if (from.kilograms() != null
						&& (lowest == null || from.kilograms().compareTo(lowest.kilograms()) < 0)) {
					lowest = from;
				}
			}
			if (lowest == null) {
				continue;
			}
			BigDecimal gain = toKg.subtract(lowest.kilograms());
			if (gain.compareTo(RAPID_GAIN_KG) < 0) {
				continue;
			}
			Gain found = new Gain(lowest, to, gain);
			Gain last = gains.isEmpty() ? null : gains.get(gains.size() - 1);
			if (last != null && last.from() == lowest) {
				if (gain.compareTo(last.kilograms()) > 0) {
					gains.set(gains.size() - 1, found);
				}
			}
			else {
				gains.add(found);
			}
		}
		return gains;
	}

	/** The lowest and highest of the values and the target band, to scale a chart. */
	public BigDecimal[] range() {
		BigDecimal low = null;
		BigDecimal high = null;
		List<BigDecimal> all = new ArrayList<>();
		this.points.forEach(p -> all.add(p.value()));
		if (this.goal.target().low() != null) {
			all.add(this.goal.target().low());
		}
		if (this.goal.target().high() != null) {
			all.add(this.goal.target().high());
		}
		for (BigDecimal value : all) {
			low = low == null || value.compareTo(low) < 0 ? value : low;
			high = high == null || value.compareTo(high) > 0 ? value : high;
		}
		return new BigDecimal[] { low, high };
	}

}
