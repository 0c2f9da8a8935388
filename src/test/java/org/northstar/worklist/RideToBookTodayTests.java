package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.risk.RiskTrend;
import org.northstar.shared.PatientId;
import org.northstar.worklist.RidesToBook.RideToBook;
import org.northstar.worklist.Today.PersonFacts;
import org.northstar.worklist.TodayRow.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** A ride to book with the person's ride program, as a reason on Today. */
class RideToBookTodayTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	/** Monday 30 November 2026, at noon. */
	static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	static final Instant NOON = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

	@Test
	void saysByWhenToBookTheRideWhileTheProgramStillTakesIt() {
		// Thursday 17 December 10:00, a 25-minute ride, 48 h notice.
		RideToBook ride = ride(ZonedDateTime.of(2026, 12, 17, 10, 0, 0, 0, ZONE), 25, 48);

		TodayRow row = Today.rank(List.of(robert(ride)), TodayWeights.DEFAULTS, TODAY, ZONE, NOON).get(0);

		assertThat(row.reasons()).filteredOn(r -> r.kind() == Kind.RIDE_TO_BOOK).singleElement().satisfies(r -> {
			assertThat(r.what()).isEqualTo("Book the ride for the cardiology visit on Thu 17 Dec 10:00 by Tue 15 Dec"
					+ " 09:35 (the program needs 48 h notice before the 09:35 pickup)");
			assertThat(r.points()).isEqualTo(15);
			assertThat(r.why()).isEqualTo("ride to book 15");
		});
	}

	@Test
	void saysAtOnceWhenTheProgramsNoticeHadRunOutWhenTheVisitWasBooked() {
		// Wednesday 2 December 10:00: booking closed this morning at 09:35.
		RideToBook ride = ride(ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZONE), 25, 48);

		TodayRow row = Today.rank(List.of(robert(ride)), TodayWeights.DEFAULTS, TODAY, ZONE, NOON).get(0);

		assertThat(row.reasons()).filteredOn(r -> r.kind() == Kind.RIDE_TO_BOOK).singleElement().satisfies(r -> {
			assertThat(r.what()).isEqualTo("Too late to book the ride for the cardiology visit on Wed 2 Dec 10:00 in"
					+ " the usual way: the program needs 48 h notice before the 09:35 pickup, so by Mon 30 Nov 09:35."
					+ " Call the program, or move the visit");
			assertThat(r.points()).isEqualTo(30);
		});
	}

	@Test
	void saysTheProgramsNoticeInBusinessDaysWithItsCutOff() {
		// Monday 14 December 10:00, a 25-minute ride, 2 business days' notice by 17:00.
		ZonedDateTime visit = ZonedDateTime.of(2026, 12, 14, 10, 0, 0, 0, ZONE);
		RideToBook ride = new RideToBook(UUID.randomUUID(), "cardiology", visit, visit.minusMinutes(25),
				ZonedDateTime.of(2026, 12, 10, 17, 0, 0, 0, ZONE), 0, 2, LocalTime.of(17, 0));

		TodayRow row = Today.rank(List.of(robert(ride)), TodayWeights.DEFAULTS, TODAY, ZONE, NOON).get(0);

		assertThat(row.reasons()).filteredOn(r -> r.kind() == Kind.RIDE_TO_BOOK)
			.singleElement()
			.satisfies(r -> assertThat(r.what())
				.isEqualTo("Book the ride for the cardiology visit on Mon 14 Dec 10:00 by Thu 10 Dec 17:00"
						+ " (the program needs 2 business days' notice, by 17:00)"));
	}

	private static RideToBook ride(ZonedDateTime visit, int tripMinutes, int notice) {
		ZonedDateTime pickup = visit.minusMinutes(tripMinutes);
		return new RideToBook(UUID.randomUUID(), "cardiology", visit, pickup, pickup.minusHours(notice), notice);
	}

	private static PersonFacts robert(RideToBook ride) {
		// Reached yesterday, so the ride is the only reason.
		return new PersonFacts(new PatientId(UUID.nameUUIDFromBytes("robert".getBytes())), "Johnson, Robert", "ben",
				List.of(), List.of(), List.of(), RiskTrend.NONE, NOON.minusSeconds(86_400), null, null, List.of(),
				List.of(ride));
	}

}
