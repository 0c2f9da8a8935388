package org.northstar.careplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The heart-failure warning sign a weight trend must show at a glance. */
class TrendTests {

	private static final ZoneId OHIO = ZoneId.of("America/New_York");

	@Test
	void findsTwoKilogramsGainedWithinAWeek() {
		List<Trend.Point> points = List.of(kg("2026-11-01", "80.0"), kg("2026-11-03", "79.6"), kg("2026-11-06", "80.9"),
				kg("2026-11-09", "81.6"), kg("2026-11-20", "81.0"));

		List<Trend.Gain> gains = Trend.rapidGains(points, OHIO);

		assertThat(gains).singleElement().satisfies(g -> {
			assertThat(g.from()).isEqualTo(points.get(1));
			assertThat(g.to()).isEqualTo(points.get(3));
			assertThat(g.kilograms()).isEqualByComparingTo("2.0");
		});
	}

	@Test
	void aGainSpreadOverMoreThanAWeekIsNotRapid() {
		assertThat(Trend.rapidGains(List.of(kg("2026-11-01", "80.0"), kg("2026-11-09", "82.5")), OHIO)).isEmpty();
		assertThat(Trend.rapidGains(List.of(kg("2026-11-01", "80.0"), kg("2026-11-07", "81.9")), OHIO)).isEmpty();
	}

	@Test
	void aWeekIsSevenDaysByThePracticesCalendarNotByTheClock() {
		Trend.Point monday = new Trend.Point(Instant.parse("2026-11-11T14:00:00Z"), new BigDecimal("61.8"), "61.8",
				"kg", List.of("clinic"), true);
		Trend.Point nextMondayLater = new Trend.Point(Instant.parse("2026-11-18T15:35:00Z"), new BigDecimal("63.8"),
				"63.8", "kg", List.of("clinic"), false);

		assertThat(Trend.rapidGains(List.of(monday, nextMondayLater), OHIO)).hasSize(1);
	}

	@Test
	void readsPoundsAsKilograms() {
		List<Trend.Point> points = List.of(point("2026-11-01", "176.0", "[lb_av]"), point("2026-11-05", "180.5", "lb"));

		assertThat(Trend.rapidGains(points, OHIO)).singleElement()
			.satisfies(g -> assertThat(g.kilograms()).isGreaterThan(new BigDecimal("2.04")));
	}

	private static Trend.Point kg(String day, String value) {
		return point(day, value, "kg");
	}

	private static Trend.Point point(String day, String value, String unit) {
		return new Trend.Point(Instant.parse(day + "T13:00:00Z"), new BigDecimal(value), value, unit, List.of("clinic"),
				true);
	}

}
