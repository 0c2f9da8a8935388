package org.northstar.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every moment in the practice's zone, across daylight-saving changes; every date-only
 * value as the day it names.
 */
class DateFormatsTests {

	private final DateFormats ohio = new DateFormats(
			Clock.fixed(Instant.parse("2026-11-30T15:00:00Z"), ZoneId.of("America/New_York")));

	@Test
	void showsMomentsInThePracticesZone() {
		// Mrs. Chen's creatinine, taken at 10:05 in Ohio.
		assertThat(this.ohio.dayTime(Instant.parse("2026-11-25T15:05:00Z"))).isEqualTo("25 Nov 2026 10:05");
		assertThat(this.ohio.when(moment("2026-11-25T10:05:00-05:00"))).isEqualTo("25 Nov 2026 10:05");
		// Sent in UTC, shown in Ohio: 02:00 UTC is the evening before.
		assertThat(this.ohio.when(moment("2026-03-06T02:00:00Z"))).isEqualTo("5 Mar 2026 21:00");
		assertThat(this.ohio.day(Instant.parse("2026-03-06T02:00:00Z"))).isEqualTo("5 Mar 2026");
	}

	@Test
	void followsDaylightSavingTime() {
		// Clocks go forward at 02:00 on 8 March 2026: EST (-5) before, EDT (-4) after.
		assertThat(this.ohio.when(moment("2026-03-08T06:30:00Z"))).isEqualTo("8 Mar 2026 01:30");
		assertThat(this.ohio.when(moment("2026-03-08T07:30:00Z"))).isEqualTo("8 Mar 2026 03:30");
		assertThat(this.ohio.when(moment("2026-03-09T14:05:00Z"))).isEqualTo("9 Mar 2026 10:05");
		// And back at 02:00 on 1 November 2026: 01:30 happens twice.
		assertThat(this.ohio.when(moment("2026-11-01T05:30:00Z"))).isEqualTo("1 Nov 2026 01:30");
		assertThat(this.ohio.when(moment("2026-11-01T06:30:00Z"))).isEqualTo("1 Nov 2026 01:30");
		assertThat(this.ohio.isoWhen(moment("2026-11-01T05:30:00Z"))).isEqualTo("2026-11-01T01:30-04:00");
		assertThat(this.ohio.isoWhen(moment("2026-11-01T06:30:00Z"))).isEqualTo("2026-11-01T01:30-05:00");
		assertThat(this.ohio.when(moment("2026-11-02T15:05:00Z"))).isEqualTo("2 Nov 2026 10:05");
	}

	@Test
	void neverMovesADateAcrossMidnight() {
		// A condition since 8 March 2026 (a date, no time): stored as midnight UTC, which
		// in
		// Ohio would be the evening of the 7th.
		ClinicalTime onset = ClinicalTime.of(Instant.parse("2026-03-08T00:00:00Z"), "2026-03-08");
		assertThat(this.ohio.when(onset)).isEqualTo("8 Mar 2026");
		assertThat(this.ohio.whenDay(onset)).isEqualTo("8 Mar 2026");
		assertThat(this.ohio.isoWhen(onset)).isEqualTo("2026-03-08");
		ClinicalTime november = ClinicalTime.of(Instant.parse("2026-11-01T00:00:00Z"), "2026-11-01");
		assertThat(this.ohio.when(november)).isEqualTo("1 Nov 2026");
		assertThat(this.ohio.when(ClinicalTime.of(Instant.parse("2026-03-01T00:00:00Z"), "2026-03")))
			.isEqualTo("Mar 2026");
		assertThat(this.ohio.when(ClinicalTime.of(Instant.parse("2009-01-01T00:00:00Z"), "2009"))).isEqualTo("2009");
		// A birth date is a date.
		assertThat(this.ohio.date(LocalDate.of(1948, 3, 12))).isEqualTo("12 Mar 1948");
		assertThat(this.ohio.date(null)).isEqualTo("—");
	}

	@Test
	void showsAMomentsDayInThePracticesZoneWhenOnlyTheDayIsWanted() {
		assertThat(this.ohio.whenDay(moment("2026-08-30T02:10:00Z"))).isEqualTo("29 Aug 2026");
	}

	private static ClinicalTime moment(String dateTime) {
		return ClinicalTime.of(java.time.OffsetDateTime.parse(dateTime).toInstant(), dateTime);
	}

}
