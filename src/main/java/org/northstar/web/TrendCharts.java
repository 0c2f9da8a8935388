package org.northstar.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.northstar.careplan.Trend;
import org.northstar.clinical.Measurements.MedicationChange;

import org.springframework.stereotype.Component;

/**
 * Lays out a goal's trend as an SVG chart drawn by the template: the values as a line
 * with a dot each (red outside the target band), the band shaded, each medication change
 * a dashed line, and each rapid weight gain a thick red segment. Coordinates are doubles;
 * every value shown in words keeps the digits and unit its source sent.
 */
@Component
class TrendCharts {

	static final int WIDTH = 640;

	static final int HEIGHT = 220;

	private static final int LEFT = 56;

	private static final int RIGHT = 16;

	private static final int TOP = 12;

	private static final int BOTTOM = 28;

	private final DateFormats dates;

	TrendCharts(DateFormats dates) {
		this.dates = dates;
	}

	/** A trend and its chart. */
	record Chart(Trend trend, int width, int height, String line, List<Dot> dots, Band band, List<Mark> medicines,
			List<Segment> gains, List<Tick> valueTicks, List<Tick> dayTicks) {
	}

	record Dot(double x, double y, String label, boolean out) {
	}

	record Band(double y, double height) {
	}

	record Mark(double x, String label) {
	}

	record Segment(double x1, double y1, double x2, double y2, String label) {
	}

	record Tick(double at, String label) {
	}

	List<Chart> charts(List<Trend> trends) {
		return trends.stream().map(this::chart).toList();
	}

	Chart chart(Trend trend) {
		List<Trend.Point> points = trend.points();
		if (points.isEmpty()) {
			return new Chart(trend, WIDTH, HEIGHT, "", List.of(), null, List.of(), List.of(), List.of(), List.of());
		}
		Instant from = points.get(0).at();
		Instant to = points.get(points.size() - 1).at();
		if (!to.isAfter(from)) {
			from = from.minus(Duration.ofDays(1));
			to = to.plus(Duration.ofDays(1));
		}
		BigDecimal[] range = trend.range();
		double low = range[0].doubleValue();
		double high = range[1].doubleValue();
		double pad = high > low ? (high - low) * 0.1 : Math.max(1, Math.abs(high) * 0.1);
		Scale scale = new Scale(from, to, low - pad, high + pad);
		StringBuilder line = new StringBuilder();
		List<Dot> dots = new ArrayList<>();
		for (Trend.Point p : points) {
			double x = scale.x(p.at());
			double y = scale.y(p.value().doubleValue());
			line.append(line.isEmpty() ? "M" : " L").append(fmt(x)).append(' ').append(fmt(y));
			dots.add(new Dot(x, y, label(p), !p.inTarget()));
		}
		Band band = null;
		var target = trend.goal().target();
		if (target.low() != null || target.high() != null) {
			double top = scale.y(target.high() != null ? target.high().doubleValue() : scale.max);
			double bottom = scale.y(target.low() != null ? target.low().doubleValue() : scale.min);
			band = new Band(top, Math.max(1, bottom - top));
		}
		List<Mark> medicines = new ArrayList<>();
		for (MedicationChange change : trend.medicationChanges()) {
			if (!change.at().isAfter(to)) {
				medicines.add(new Mark(scale.x(change.at()),
						change.medicine() + " · " + this.dates.day(change.at()) + " (" + change.source() + ")"));
			}
		}
		List<Segment> gains = new ArrayList<>();
		for (Trend.Gain gain : trend.gains()) {
			gains.add(new Segment(scale.x(gain.from().at()), scale.y(gain.from().value().doubleValue()),
					scale.x(gain.to().at()), scale.y(gain.to().value().doubleValue()),
					"Gained " + gain.kilograms().stripTrailingZeros().toPlainString() + " kg between "
							+ this.dates.day(gain.from().at()) + " and " + this.dates.day(gain.to().at())));
		}
		List<Tick> valueTicks = new ArrayList<>();
		for (int i = 0; i <= 4; i++) {
			double value = scale.min + (scale.max - scale.min) * i / 4;
			valueTicks.add(new Tick(scale.y(value),
					new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString()));
		}
		List<Tick> dayTicks = List.of(new Tick(scale.x(from), this.dates.day(from)),
				new Tick(scale.x(to), this.dates.day(to)));
		return new Chart(trend, WIDTH, HEIGHT, line.toString(), dots, band, medicines, gains, valueTicks, dayTicks);
	}

	private String label(Trend.Point p) {
		return p.digits() + (p.unit() == null ? "" : " " + p.unit()) + " on " + this.dates.day(p.at()) + " ("
				+ String.join(" · ", p.sources()) + ")";
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private record Scale(Instant from, Instant to, double min, double max) {

		double x(Instant at) {
			double span = Duration.between(this.from, this.to).toSeconds();
			return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(this.from, at).toSeconds() / span;
		}

		double y(double value) {
			return TOP + (HEIGHT - TOP - BOTTOM) * (this.max - value) / (this.max - this.min);
		}

	}

}
