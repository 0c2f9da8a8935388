package org.northstar.scheduling;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	final QuietHours night = QuietHours.parse("21:00-08:00");

	@Test
	void coverTheNightFromTheStartUpToButNotIncludingTheEnd() {
		assertThat(this.night.contains(at(2031, 3, 8, 20, 59))).isFalse();
		assertThat(this.night.contains(at(2031, 3, 8, 21, 0))).isTrue();
		assertThat(this.night.contains(at(2031, 3, 9, 3, 0))).isTrue();
		assertThat(this.night.contains(at(2031, 3, 9, 7, 59))).isTrue();
		assertThat(this.night.contains(at(2031, 3, 9, 8, 0))).isFalse();
	}

	@Test
	void endAtEightOnTheClockOnTheNightTheClocksGoForwardAndBack() {
		assertThat(this.night.endAfter(at(2031, 3, 8, 22, 0))).isEqualTo(at(2031, 3, 9, 8, 0));
		assertThat(this.night.endAfter(at(2031, 3, 8, 22, 0)).toOffsetDateTime().getOffset().getTotalSeconds())
			.isEqualTo(-4 * 3600);
		assertThat(this.night.endAfter(at(2031, 11, 2, 1, 30))).isEqualTo(at(2031, 11, 2, 8, 0));
		assertThat(this.night.startBefore(at(2031, 3, 9, 5, 30))).isEqualTo(at(2031, 3, 8, 21, 0));
		assertThat(this.night.endAfter(at(2031, 3, 9, 12, 0))).isEqualTo(at(2031, 3, 9, 12, 0));
	}

	@Test
	void mayBeDaytimeOrOff() {
		QuietHours lunch = QuietHours.parse("12:00–13:30");
		assertThat(lunch.contains(at(2031, 3, 9, 12, 45))).isTrue();
		assertThat(lunch.contains(at(2031, 3, 9, 21, 45))).isFalse();
		assertThat(lunch.endAfter(at(2031, 3, 9, 12, 45))).isEqualTo(at(2031, 3, 9, 13, 30));
		assertThat(QuietHours.parse("off").contains(at(2031, 3, 9, 3, 0))).isFalse();
	}

	@Test
	void refusesHoursThatAreNotHours() {
		assertThatThrownBy(() -> QuietHours.parse("9pm to 8am")).hasMessageContaining("not quiet hours");
		assertThatThrownBy(() -> QuietHours.parse("21:00-21:00")).hasMessageContaining("a different end");
	}

	private static ZonedDateTime at(int y, int m, int d, int h, int min) {
		return ZonedDateTime.of(y, m, d, h, min, 0, 0, NEW_YORK);
	}

}
