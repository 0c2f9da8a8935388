package org.northstar.worklist;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarTests {

	private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

	@Test
	void skipsTheWeekend() {
		assertThat(new BusinessCalendar(Set.of()).plusBusinessDays(FRIDAY, 2)).isEqualTo(LocalDate.of(2026, 11, 24));
	}

	@Test
	void skipsConfiguredHolidays() {
		BusinessCalendar thanksgiving = new BusinessCalendar(Set.of(LocalDate.of(2026, 11, 26)));
		assertThat(thanksgiving.plusBusinessDays(LocalDate.of(2026, 11, 25), 2)).isEqualTo(LocalDate.of(2026, 11, 30));
	}

	@Test
	void aDischargeOnSaturdayCountsFromMonday() {
		assertThat(new BusinessCalendar(Set.of()).plusBusinessDays(FRIDAY.plusDays(1), 2))
			.isEqualTo(LocalDate.of(2026, 11, 24));
	}

}
