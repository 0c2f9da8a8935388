package org.northstar.scheduling;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a reminder is due before a visit, in the practice's zone. */
class ReminderLeadTests {

	static final ZoneId OHIO = ZoneId.of("America/New_York");

	@Test
	void twoDaysBeforeKeepsTheLocalTimeAcrossTheSpringChange() {
		// Clocks go forward on Sunday 9 March 2031: the visit is Monday at 10:00 daylight
		// time, and the reminder Saturday at 10:00 standard time, 47 hours earlier.
		ZonedDateTime visit = ZonedDateTime.of(2031, 3, 10, 10, 0, 0, 0, OHIO);

		ZonedDateTime due = ReminderLead.parse("P2D").dueBefore(visit);

		assertThat(due).isEqualTo(ZonedDateTime.of(2031, 3, 8, 10, 0, 0, 0, OHIO));
		assertThat(due.getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
		assertThat(java.time.Duration.between(due, visit).toHours()).isEqualTo(47);
	}

	@Test
	void twoHoursBeforeIsElapsedTimeOnTheNightOfTheChange() {
		// 03:30 daylight time on the morning of the change: 2 h earlier is 00:30 standard
		// time, since 02:00-03:00 does not exist that night.
		ZonedDateTime visit = ZonedDateTime.of(2031, 3, 9, 3, 30, 0, 0, OHIO);

		assertThat(ReminderLead.parse("PT2H").dueBefore(visit))
			.isEqualTo(ZonedDateTime.of(2031, 3, 9, 0, 30, 0, 0, OHIO));
	}

	@Test
	void twoDaysBeforeInTheAutumnIsFortyNineHours() {
		// Clocks go back on Sunday 2 November 2031.
		ZonedDateTime visit = ZonedDateTime.of(2031, 11, 3, 9, 0, 0, 0, OHIO);

		ZonedDateTime due = ReminderLead.parse("P2D").dueBefore(visit);

		assertThat(due).isEqualTo(ZonedDateTime.of(2031, 11, 1, 9, 0, 0, 0, OHIO));
		assertThat(java.time.Duration.between(due, visit).toHours()).isEqualTo(49);
	}

	@Test
	void readsTheConfiguredLeadsEarliestFirstEachOnce() {
		assertThat(ReminderLead.parseAll("PT2H, P2D,pt2h,P1DT12H")).extracting(ReminderLead::text)
			.containsExactly("P2D", "P1DT12H", "PT2H");
		assertThat(ReminderLead.parse("P1DT12H").inWords()).isEqualTo("1 day 12 hours before");
		assertThat(ReminderLead.parse("PT90M").inWords()).isEqualTo("1 hour 30 min before");
	}

	@Test
	void refusesALeadThatIsNotADurationNamingIt() {
		assertThatThrownBy(() -> ReminderLead.parse("two days")).hasMessageContaining("'two days'");
		assertThatThrownBy(() -> ReminderLead.parse("P1M")).hasMessageContaining("days and hours, not P1M");
		assertThatThrownBy(() -> ReminderLead.parse("PT0H")).hasMessageContaining("positive");
	}

}
