package org.northstar.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.northstar.shared.BusinessCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ride program's notice in business days with a cut-off ("2 business days before, by
 * 17:00"): counted back from the pickup's day over weekends and holidays, closing at the
 * cut-off's wall-clock time in the practice's zone whatever the clocks did in between.
 */
class RideNoticeTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final Location HEART = new Location("heart", "Heart Clinic", null, new Coordinates(41.4993, -81.6944));

	/** 10 km from the Heart Clinic: 20 min by ride at 30 km/h. */
	static final Coordinates HOME = new Coordinates(41.4993, -81.6944 + 0.12);

	static final Transport TWO_BUSINESS_DAYS_BY_FIVE = new Transport(true, 0, 2, LocalTime.of(17, 0),
			LocalTime.of(7, 0), LocalTime.of(18, 0), Set.of(), false, null, HOME);

	static final BusinessCalendar THANKSGIVING = new BusinessCalendar(
			Set.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27)));

	@Test
	void aMondayPickupWithTwoBusinessDaysNoticeIsDueTheThursdayBeforeBy1700() {
		ZonedDateTime mondayPickup = zoned("2026-11-23T08:40");

		assertThat(TWO_BUSINESS_DAYS_BY_FIVE.rideBookBy(mondayPickup, BusinessCalendar.WEEKDAYS))
			.isEqualTo(zoned("2026-11-19T17:00"));
	}

	@Test
	void countsBackOverTheConfiguredHolidays() {
		// Thursday and Friday are holidays: Wednesday is one business day before Monday,
		// Tuesday two.
		assertThat(TWO_BUSINESS_DAYS_BY_FIVE.rideBookBy(zoned("2026-11-30T08:40"), THANKSGIVING))
			.isEqualTo(zoned("2026-11-24T17:00"));
	}

	@Test
	void closesAt1700LocalTimeAcrossTheEndOfDaylightSavingTime() {
		// Clocks go back on Sunday 1 November 2026: the Monday pickup is in EST, the
		// Thursday's cut-off still in EDT, 21:00 UTC and not the 22:00 a fixed span
		// gives.
		ZonedDateTime mondayPickup = zoned("2026-11-02T08:40");

		ZonedDateTime bookBy = TWO_BUSINESS_DAYS_BY_FIVE.rideBookBy(mondayPickup, BusinessCalendar.WEEKDAYS);

		assertThat(bookBy.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-29T17:00"));
		assertThat(bookBy.toInstant()).isEqualTo(Instant.parse("2026-10-29T21:00:00Z"));
	}

	@Test
	void closesAt1700LocalTimeAcrossTheStartOfDaylightSavingTime() {
		// Clocks go forward on Sunday 14 March 2027.
		ZonedDateTime bookBy = TWO_BUSINESS_DAYS_BY_FIVE.rideBookBy(zoned("2027-03-15T08:40"),
				BusinessCalendar.WEEKDAYS);

		assertThat(bookBy.toInstant()).isEqualTo(Instant.parse("2027-03-11T22:00:00Z"));
	}

	@Test
	void keepsTheNoticeInHoursAsBefore() {
		Transport hours = new Transport(true, 48, LocalTime.of(7, 0), LocalTime.of(18, 0), Set.of(), false, null, HOME);

		assertThat(hours.rideBookBy(zoned("2026-11-23T08:40"), THANKSGIVING)).isEqualTo(zoned("2026-11-21T08:40"));
		assertThat(hours.rideNotice()).isEqualTo("48 h notice");
		assertThat(TWO_BUSINESS_DAYS_BY_FIVE.rideNotice()).isEqualTo("2 business days' notice, by 17:00");
	}

	@Test
	void theRideIsUnavailableOnceTheCutOffHasPassed() {
		ConflictCheck check = new ConflictCheck(new StraightLineTravel(), ZONE);
		// Monday 23 November 09:00: picked up at 08:40.
		ProposedVisit monday = visit("2026-11-23T09:00");

		assertThat(conflicts(check, monday, "2026-11-19T17:00")).isEmpty();
		assertThat(conflicts(check, monday, "2026-11-19T17:01")).containsExactly(
				"Mon 23 Nov 09:00: the ride program needs 2 business days' notice, by 17:00, so the ride for the"
						+ " pickup at 08:40 had to be booked by Thu 19 Nov 17:00");
	}

	@Test
	void theCutOffMovesBackOverTheConfiguredHolidays() {
		ConflictCheck check = new ConflictCheck(new StraightLineTravel(), ZONE, THANKSGIVING);
		ProposedVisit monday = visit("2026-11-30T09:00");

		assertThat(conflicts(check, monday, "2026-11-24T16:59")).isEmpty();
		assertThat(conflicts(check, monday, "2026-11-25T09:00")).singleElement()
			.asString()
			.endsWith("had to be booked by Tue 24 Nov 17:00");
	}

	@Test
	void refusesANoticeInHoursAndInBusinessDaysAtOnce() {
		assertThatThrownBy(() -> new Transport(true, 48, 2, LocalTime.of(17, 0), LocalTime.of(7, 0),
				LocalTime.of(18, 0), Set.of(), false, null, HOME))
			.isInstanceOfSatisfying(InvalidScheduleException.class,
					e -> assertThat(e.field()).isEqualTo("rideNoticeBusinessDays"))
			.hasMessage("A ride program's notice is in hours (48) or in business days (2), not both");
	}

	@Test
	void refusesBusinessDaysWithoutACutOffAndACutOffWithoutBusinessDays() {
		assertThatThrownBy(() -> new Transport(true, 0, 2, null, LocalTime.of(7, 0), LocalTime.of(18, 0), Set.of(),
				false, null, HOME))
			.isInstanceOfSatisfying(InvalidScheduleException.class,
					e -> assertThat(e.field()).isEqualTo("rideNoticeCutoff"));
		assertThatThrownBy(() -> new Transport(true, 0, 0, LocalTime.of(17, 0), LocalTime.of(7, 0), LocalTime.of(18, 0),
				Set.of(), false, null, HOME))
			.isInstanceOfSatisfying(InvalidScheduleException.class,
					e -> assertThat(e.field()).isEqualTo("rideNoticeBusinessDays"));
	}

	private static List<String> conflicts(ConflictCheck check, ProposedVisit visit, String now) {
		PersonSchedule person = new PersonSchedule(List.of(), TWO_BUSINESS_DAYS_BY_FIVE, Preferences.NONE, List.of(),
				Map.of(HEART.id(), HEART));
		return check.conflicts(person, visit, List.of(), zoned(now).toInstant())
			.stream()
			.map(Conflict::explanation)
			.toList();
	}

	private static ProposedVisit visit(String start) {
		ZonedDateTime s = zoned(start);
		return new ProposedVisit(s, s.plusMinutes(30), null, HEART, VisitMode.IN_PERSON, null);
	}

	private static ZonedDateTime zoned(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), ZONE);
	}

}
