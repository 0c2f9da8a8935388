package org.northstar.worklist;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a recurring task comes back. */
class RecurrenceTests {

	static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

	@Test
	void aWeeklyCallDoneOnItsDayIsNextDueAWeekLater() {
		assertThat(new Recurrence(1, Recurrence.Unit.WEEKS).nextDue(MONDAY, MONDAY)).isEqualTo(MONDAY.plusWeeks(1));
	}

	@Test
	void aWeeklyCallDoneLateKeepsItsWeekday() {
		// Due Monday, done Wednesday: next Monday, not next Wednesday.
		assertThat(new Recurrence(1, Recurrence.Unit.WEEKS).nextDue(MONDAY, MONDAY.plusDays(2)))
			.isEqualTo(MONDAY.plusWeeks(1));
	}

	@Test
	void aCallDoneMoreThanAPeriodLateIsNextDueAfterTheDayItWasDoneNeverInThePast() {
		// Three weeks late: the next is the first Monday after it was done.
		assertThat(new Recurrence(1, Recurrence.Unit.WEEKS).nextDue(MONDAY, MONDAY.plusWeeks(3)))
			.isEqualTo(MONDAY.plusWeeks(4));
		assertThat(new Recurrence(2, Recurrence.Unit.WEEKS).nextDue(MONDAY, MONDAY.plusWeeks(3)))
			.isEqualTo(MONDAY.plusWeeks(4));
	}

	@Test
	void aCallDoneEarlyIsNextDueOnePeriodAfterItsDueDay() {
		assertThat(new Recurrence(3, Recurrence.Unit.DAYS).nextDue(MONDAY, MONDAY.minusDays(1)))
			.isEqualTo(MONDAY.plusDays(3));
	}

	@Test
	void refusesARecurrenceOfNothingOrWithoutAUnit() {
		assertThatThrownBy(() -> new Recurrence(0, Recurrence.Unit.DAYS))
			.hasMessage("A task recurs every 1 to 365 days, not 0");
		assertThatThrownBy(() -> new Recurrence(1, null)).hasMessage("A recurrence needs a unit: days or weeks");
	}

	@Test
	void saysHowOftenInWords() {
		assertThat(new Recurrence(1, Recurrence.Unit.WEEKS).label()).isEqualTo("every week");
		assertThat(new Recurrence(2, Recurrence.Unit.DAYS).label()).isEqualTo("every 2 days");
	}

}
