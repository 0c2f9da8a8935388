package org.northstar.shared;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void twoBusinessDaysBeforeAMondayIsTheThursday() {
		assertThat(BusinessCalendar.WEEKDAYS.minusBusinessDays(LocalDate.of(2026, 11, 23), 2))
			.isEqualTo(LocalDate.of(2026, 11, 19));
	}

	@Test
	void countsBackOverHolidays() {
		BusinessCalendar thanksgiving = BusinessCalendar.of("northstar.scheduling.holidays", "2026-11-26, 2026-11-27");
		assertThat(thanksgiving.minusBusinessDays(LocalDate.of(2026, 11, 30), 2)).isEqualTo(LocalDate.of(2026, 11, 24));
	}

	@Test
	void refusesAHolidayItCannotRead() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("northstar.scheduling.holidays", "2026-12-25,25/12/2026"))
			.withMessageContaining("northstar.scheduling.holidays: '25/12/2026' is not a date");
	}

}
