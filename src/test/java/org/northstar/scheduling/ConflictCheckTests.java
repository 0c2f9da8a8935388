package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.shared.PatientId;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conflict detection at every boundary: half-open intervals (touching is not a conflict),
 * buffers after commitments, night shifts across midnight and daylight-saving changes,
 * travel between appointments, sessions and closures, the ride program's rules.
 */
class ConflictCheckTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final Location HEART = new Location("heart", "Heart Clinic", null, new Coordinates(41.4993, -81.6944));

	/** About 16.7 km east of the Heart Clinic: 25 min by car at 40 km/h. */
	static final Location RIVERSIDE = new Location("riverside", "Riverside", null, new Coordinates(41.4993, -81.4944));

	static final Coordinates HOME = new Coordinates(41.4993, -81.6944 + 0.12);

	static final Provider CARDIOLOGY = new Provider("cardio", "Dr Patel", "cardiology", HEART, true, List.of(),
			List.of(new Provider.Session(MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
					new Provider.Session(TUESDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
					new Provider.Session(TUESDAY, LocalTime.of(13, 0), LocalTime.of(17, 0)),
					new Provider.Session(THURSDAY, LocalTime.of(17, 0), LocalTime.of(20, 0)),
					new Provider.Session(SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))),
			List.of(new Provider.Closure(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26), "holiday")),
			Map.of("cardiology", 30));

	final ConflictCheck check = new ConflictCheck(new StraightLineTravel(), ZONE);

	final Instant longAgo = Instant.parse("2024-01-01T00:00:00Z");

	List<Commitment> commitments = new ArrayList<>();

	List<Appointment> appointments = new ArrayList<>();

	Transport transport = Transport.UNRESTRICTED;

	Preferences preferences = Preferences.NONE;

	@Test
	void explainsAVisitDuringDialysisWithItsRecovery() {
		this.commitments.add(dialysis(TUESDAY, THURSDAY, SATURDAY));

		assertThat(explanations(at("2025-01-14T09:30", 30)))
			.containsExactly("Tue 14 Jan 09:30 overlaps dialysis 06:00–10:00 + 2 h recovery");
	}

	@Test
	void flagsAVisitInTheRecoveryBufferOnly() {
		this.commitments.add(dialysis(MONDAY, WEDNESDAY, FRIDAY));

		assertThat(explanations(at("2025-01-13T11:30", 30)))
			.containsExactly("Mon 13 Jan 11:30 overlaps dialysis 06:00–10:00 + 2 h recovery");
		assertThat(explanations(at("2025-01-13T11:59", 1))).hasSize(1);
	}

	@Test
	void fitsAVisitThatStartsAsTheRecoveryEnds() {
		this.commitments.add(dialysis(MONDAY, WEDNESDAY, FRIDAY));

		assertThat(explanations(at("2025-01-13T12:00", 30))).isEmpty();
	}

	@Test
	void fitsAVisitThatEndsAsDialysisStarts() {
		this.commitments.add(dialysis(MONDAY, WEDNESDAY, FRIDAY));

		assertThat(explanations(at("2025-01-13T05:30", 30))).isEmpty();
		assertThat(explanations(at("2025-01-13T05:31", 30))).hasSize(1);
	}

	@Test
	void fitsAVisitOnADayWithoutTheCommitment() {
		this.commitments.add(dialysis(MONDAY, WEDNESDAY, FRIDAY));

		assertThat(explanations(at("2025-01-14T07:00", 30))).isEmpty();
	}

	@Test
	void followsANightShiftPastMidnight() {
		this.commitments
			.add(Commitment.weekly(Commitment.Kind.WORK, Set.of(MONDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), 0));

		assertThat(explanations(at("2025-01-14T05:30", 30)))
			.containsExactly("Tue 14 Jan 05:30 overlaps work 22:00–06:00 (from Mon 13 Jan)");
		assertThat(explanations(at("2025-01-14T06:00", 30))).isEmpty();
		assertThat(explanations(at("2025-01-13T21:30", 30))).isEmpty();
	}

	@Test
	void countsABufferAsElapsedTimeAcrossTheSpringDaylightSavingChange() {
		// 8 March 2026: 02:00 EST becomes 03:00 EDT. 01:30 EST + 2 h is 04:30 EDT.
		this.commitments.add(Commitment.onDates(Commitment.Kind.OTHER, List.of(LocalDate.of(2026, 3, 8)),
				LocalTime.of(0, 30), LocalTime.of(1, 30), 120));

		assertThat(explanations(at("2026-03-08T04:00", 15))).hasSize(1);
		assertThat(explanations(at("2026-03-08T04:30", 15))).isEmpty();
	}

	@Test
	void aNightShiftIsAnHourShorterOnTheSpringChangeAndLongerOnTheAutumnOne() {
		Commitment shift = Commitment.weekly(Commitment.Kind.WORK, Set.of(SATURDAY), LocalTime.of(22, 0),
				LocalTime.of(6, 0), 0);

		Commitment.Occurrence spring = shift.occurrences(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 7), ZONE)
			.get(0);
		Commitment.Occurrence autumn = shift.occurrences(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 31), ZONE)
			.get(0);

		assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(7));
		assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(9));
		this.commitments.add(shift);
		assertThat(explanations(at("2026-03-08T05:45", 15))).hasSize(1);
		assertThat(explanations(at("2026-03-08T06:00", 15))).isEmpty();
	}

	@Test
	void countsTheTripFromWorkAcrossTownToAVisitAfterIt() {
		this.commitments.add(Commitment
			.weekly(Commitment.Kind.WORK, Set.of(MONDAY, TUESDAY), LocalTime.of(7, 0), LocalTime.of(17, 0), 0)
			.at(new Place("12 Foundry Road", RIVERSIDE.coordinates())));

		assertThat(explanations(at("2025-01-14T17:15", 30))).containsExactly(
				"Tue 14 Jan 17:15 is 15 min after work 07:00–17:00 at 12 Foundry Road ends, and the trip to Heart Clinic takes 25 min");
		assertThat(explanations(at("2025-01-14T17:25", 30))).isEmpty();
	}

	@Test
	void countsTheTripFromAVisitToWorkBeforeIt() {
		this.commitments
			.add(Commitment.weekly(Commitment.Kind.WORK, Set.of(TUESDAY), LocalTime.of(7, 0), LocalTime.of(17, 0), 0)
				.at(new Place(null, RIVERSIDE.coordinates())));

		assertThat(explanations(at("2025-01-14T06:15", 30))).containsExactly(
				"Tue 14 Jan 06:15 ends 15 min before work 07:00–17:00 at 41.4993, -81.4944 starts, and the trip there takes 25 min");
		assertThat(explanations(at("2025-01-14T06:05", 30))).isEmpty();
	}

	@Test
	void leavesAfterTheBufferWhenTheCommitmentHasAPlace() {
		this.commitments.add(dialysis(TUESDAY).at(new Place("Dialysis unit", RIVERSIDE.coordinates())));

		assertThat(explanations(at("2025-01-14T12:15", 30))).containsExactly(
				"Tue 14 Jan 12:15 is 15 min after dialysis 06:00–10:00 + 2 h recovery at Dialysis unit ends, and the trip to Heart Clinic takes 25 min");
		assertThat(explanations(at("2025-01-14T12:25", 30))).isEmpty();
	}

	@Test
	void countsNoTripForACommitmentWithoutAPlaceOrAVisitWithoutTravel() {
		this.commitments
			.add(Commitment.weekly(Commitment.Kind.WORK, Set.of(TUESDAY), LocalTime.of(7, 0), LocalTime.of(17, 0), 0));
		this.commitments
			.add(Commitment.weekly(Commitment.Kind.SCHOOL, Set.of(TUESDAY), LocalTime.of(18, 0), LocalTime.of(20, 0), 0)
				.at(new Place("Night school", RIVERSIDE.coordinates())));
		ZonedDateTime video = zoned("2025-01-14T17:45");

		assertThat(explanations(at("2025-01-14T17:00", 30))).isEmpty();
		assertThat(
				explanations(new ProposedVisit(video, video.plusMinutes(15), null, null, VisitMode.TELEHEALTH, null)))
			.isEmpty();
	}

	@Test
	void flagsAProviderWhoDoesNotSpeakTheLanguageThePersonNeeds() {
		this.preferences = new Preferences(false, false, true, "es-MX", true);

		assertThat(explanations(withDrPatel("2025-01-14T09:00", 30)))
			.containsExactly("Tue 14 Jan 09:00: Dr Patel does not list Spanish (es-MX), which the person needs");
	}

	@Test
	void aPreferredLanguageIsNoConflict() {
		this.preferences = new Preferences(false, false, true, "es", false);

		assertThat(explanations(withDrPatel("2025-01-14T09:00", 30))).isEmpty();
	}

	@Test
	void matchesLanguagesByTheirPrimaryTag() {
		Provider bilingual = new Provider("b", "Dr B", "cardiology", HEART, false, List.of("en", "es"), List.of(),
				List.of(), Map.of());

		assertThat(bilingual.speaks("es-MX")).isTrue();
		assertThat(bilingual.speaks("ES")).isTrue();
		assertThat(bilingual.speaks("zh-Hans")).isFalse();
	}

	@Test
	void offersNoVideoVisitUntilTheChecklistIsComplete() {
		ZonedDateTime s = zoned("2025-01-14T09:00");
		ProposedVisit video = new ProposedVisit(s, s.plusMinutes(30), CARDIOLOGY, null, VisitMode.TELEHEALTH, null);
		ProposedVisit phone = new ProposedVisit(s, s.plusMinutes(30), CARDIOLOGY, null, VisitMode.PHONE, null);
		PersonSchedule notReady = new PersonSchedule(List.of(), Transport.UNRESTRICTED, Preferences.NONE, List.of(),
				Map.of(), new TelehealthReadiness(true, false, true, true, false));
		PersonSchedule helped = new PersonSchedule(List.of(), Transport.UNRESTRICTED, Preferences.NONE, List.of(),
				Map.of(), new TelehealthReadiness(true, true, false, true, true));

		assertThat(this.check.conflicts(notReady, video, List.of(), this.longAgo)).extracting(Conflict::explanation)
			.containsExactly("Tue 14 Jan 09:00: no video visit, the person is missing a connection for video; "
					+ "offer phone or in person");
		assertThat(this.check.conflicts(notReady, phone, List.of(), this.longAgo)).isEmpty();
		assertThat(this.check.conflicts(helped, video, List.of(), this.longAgo)).isEmpty();
		assertThat(explanations(video)).as("never gone through: offered").isEmpty();
	}

	@Test
	void followsARotatingShiftEveryOtherWeek() {
		this.commitments.add(new Commitment(Commitment.Kind.WORK, null, Set.of(MONDAY, TUESDAY, WEDNESDAY), List.of(),
				LocalTime.of(7, 0), LocalTime.of(19, 0), 0, 2, LocalDate.of(2026, 12, 7), null, null));

		assertThat(explanations(at("2026-12-07T10:00", 30))).hasSize(1);
		assertThat(explanations(at("2026-12-14T10:00", 30))).isEmpty();
		assertThat(explanations(at("2026-12-21T10:00", 30))).hasSize(1);
		assertThat(explanations(at("2026-11-30T10:00", 30))).as("before the rotation begins").isEmpty();
	}

	@Test
	void flagsAnOverlappingAppointment() {
		this.appointments.add(booked(HEART, "endocrinology", "2025-01-14T09:00", 45));

		assertThat(explanations(at("2025-01-14T09:30", 30)))
			.containsExactly("Tue 14 Jan 09:30 overlaps endocrinology at Heart Clinic 09:00–09:45");
		assertThat(explanations(at("2025-01-14T09:45", 30))).as("same place, straight after").isEmpty();
	}

	@Test
	void flagsTooLittleTimeToTravelBetweenAppointments() {
		this.appointments.add(booked(RIVERSIDE, "endocrinology", "2025-01-14T09:00", 45));

		assertThat(explanations(at("2025-01-14T10:00", 30))).containsExactly(
				"Tue 14 Jan 10:00 is 15 min after endocrinology at Riverside 09:00–09:45 ends, and the trip to Heart Clinic takes 25 min");
		assertThat(explanations(at("2025-01-14T10:10", 30))).isEmpty();
		assertThat(explanations(at("2025-01-14T08:10", 30))).containsExactly(
				"Tue 14 Jan 08:10 ends 20 min before endocrinology at Riverside 09:00–09:45, and the trip there takes 25 min");
		assertThat(explanations(at("2025-01-14T08:05", 30))).isEmpty();
	}

	@Test
	void ignoresCancelledAppointmentsAndTheOneBeingMoved() {
		Appointment moved = booked(HEART, "cardiology", "2025-01-14T09:00", 30);
		this.appointments.add(moved);
		this.appointments.add(new Appointment(UUID.randomUUID(), moved.patient(), "cardio", "heart", "lab",
				moved.start(), moved.end(), VisitMode.IN_PERSON, Appointment.Status.CANCELLED,
				Appointment.Origin.NORTHSTAR, null, "test"));

		ProposedVisit move = new ProposedVisit(moved.start().plusMinutes(15), moved.end().plusMinutes(15), CARDIOLOGY,
				null, VisitMode.IN_PERSON, moved.id());
		assertThat(this.check.conflicts(person(), move, List.of(), this.longAgo)).isEmpty();
	}

	@Test
	void flagsAVisitOutsideTheSessionsOrAcrossTheirEnd() {
		assertThat(explanations(withDrPatel("2025-01-14T12:00", 30)))
			.containsExactly("Tue 14 Jan 12:00–12:30 is outside Dr Patel's hours (Tue 08:00–12:00, 13:00–17:00)");
		assertThat(explanations(withDrPatel("2025-01-14T11:45", 30))).hasSize(1);
		assertThat(explanations(withDrPatel("2025-01-14T11:30", 30))).isEmpty();
		assertThat(explanations(withDrPatel("2025-01-15T09:00", 30)))
			.containsExactly("Wed 15 Jan 09:00–09:30 is outside Dr Patel's hours (no sessions on Wed)");
	}

	@Test
	void takesEveningAndSaturdaySessions() {
		assertThat(explanations(withDrPatel("2025-01-16T19:30", 30))).isEmpty();
		assertThat(explanations(withDrPatel("2025-01-18T09:00", 30))).isEmpty();
		assertThat(CARDIOLOGY.sessionsOn(THURSDAY).get(0).evening()).isTrue();
	}

	@Test
	void flagsAClosure() {
		assertThat(explanations(withDrPatel("2025-12-25T09:00", 30)))
			.containsExactly("Thu 25 Dec 09:00: Dr Patel is closed (holiday)");
	}

	@Test
	void flagsTheProviderBookedWithSomeoneElse() {
		Appointment other = booked(HEART, "cardiology", "2025-01-14T09:00", 30);

		List<Conflict> conflicts = this.check.conflicts(person(), withDrPatel("2025-01-14T09:15", 30), List.of(other),
				this.longAgo);

		assertThat(conflicts).extracting(Conflict::explanation)
			.containsExactly("Tue 14 Jan 09:15: Dr Patel is already booked 09:00–09:30");
		assertThat(this.check.conflicts(person(), withDrPatel("2025-01-14T09:30", 30), List.of(other), this.longAgo))
			.isEmpty();
	}

	@Test
	void flagsARideOutsideTheProgramsHoursAndDays() {
		this.transport = new Transport(true, 48, LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of(), false, null, HOME);

		// Home is 10 km from the clinic: 20 min by ride at 30 km/h.
		assertThat(explanations(at("2025-01-14T08:15", 30))).containsExactly(
				"Tue 14 Jan 08:15: rides run 08:00–17:00, and this needs a pickup at 07:55 and a drop-off home at 09:05");
		assertThat(explanations(at("2025-01-14T08:20", 30))).isEmpty();
		assertThat(explanations(at("2025-01-14T16:10", 30))).isEmpty();
		assertThat(explanations(at("2025-01-14T16:15", 30))).hasSize(1);
		assertThat(explanations(at("2025-01-18T09:00", 30)))
			.containsExactly("Sat 18 Jan 09:00: the ride program does not run on Saturdays");
	}

	@Test
	void flagsARideBookedWithTooLittleNotice() {
		this.transport = new Transport(true, 48, LocalTime.of(7, 0), LocalTime.of(18, 0), Set.of(), false, null, HOME);
		Instant now = ZonedDateTime.of(LocalDateTime.parse("2025-01-13T08:40"), ZONE).toInstant();

		assertThat(this.check.conflicts(person(), at("2025-01-14T09:00", 30), List.of(), now))
			.extracting(Conflict::explanation)
			.containsExactly(
					"Tue 14 Jan 09:00: the ride program needs 48 h notice, and the pickup at 08:40 is only 24 h away");
		Instant twoDaysAhead = now.minus(Duration.ofDays(1));
		assertThat(this.check.conflicts(person(), at("2025-01-14T09:00", 30), List.of(), twoDaysAhead)).isEmpty();
	}

	@Test
	void flagsATripLongerThanThePersonCanManage() {
		this.transport = new Transport(false, 0, null, null, Set.of(), true, 30, HOME);

		// 10 km by transit at 15 km/h: 40 min.
		assertThat(explanations(at("2025-01-14T09:00", 30))).containsExactly(
				"Tue 14 Jan 09:00: the trip from home to Heart Clinic takes 40 min by transit, longer than the 30 min the person can manage");
	}

	@Test
	void needsNoTravelForATelehealthVisit() {
		this.transport = new Transport(true, 48, LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of(), false, 5, HOME);
		this.appointments.add(booked(RIVERSIDE, "endocrinology", "2025-01-14T09:00", 45));

		ProposedVisit video = new ProposedVisit(zoned("2025-01-14T09:45"), zoned("2025-01-14T10:15"), CARDIOLOGY, null,
				VisitMode.TELEHEALTH, null);
		assertThat(this.check.conflicts(person(), video, List.of(), this.longAgo)).isEmpty();
	}

	@Test
	void reportsEveryConflictNotOnlyTheFirst() {
		this.commitments.add(dialysis(SATURDAY));
		this.transport = new Transport(true, 0, LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of(), false, null, HOME);

		assertThat(this.check.conflicts(person(), withDrPatel("2025-01-18T11:45", 30), List.of(), this.longAgo))
			.extracting(Conflict::kind)
			.containsExactly(Conflict.Kind.COMMITMENT, Conflict.Kind.OPENING_HOURS, Conflict.Kind.TRANSPORT);
	}

	@Test
	void refusesACommitmentWithoutDaysOrDates() {
		assertThatThrownBy(
				() -> Commitment.weekly(Commitment.Kind.WORK, Set.of(), LocalTime.of(7, 0), LocalTime.of(19, 0), 0))
			.isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("days"));
		assertThatThrownBy(() -> new Commitment(Commitment.Kind.WORK, null, Set.of(MONDAY), List.of(),
				LocalTime.of(7, 0), LocalTime.of(19, 0), 0, 2, null, null, null))
			.isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("from"));
	}

	@Test
	void timesTravelByStraightLineDistanceAndTheModesSpeed() {
		TravelTimes travel = new StraightLineTravel(Map.of(TravelMode.CAR, 60.0));

		assertThat(HEART.coordinates().kilometresTo(RIVERSIDE.coordinates())).isBetween(16.6, 16.8);
		assertThat(travel.between(HEART.coordinates(), RIVERSIDE.coordinates(), TravelMode.CAR)).hasMinutes(17);
		assertThat(travel.between(HEART.coordinates(), HEART.coordinates(), TravelMode.TRANSIT)).isZero();
	}

	static Commitment dialysis(DayOfWeek... days) {
		return Commitment.weekly(Commitment.Kind.DIALYSIS, Set.of(days), LocalTime.of(6, 0), LocalTime.of(10, 0), 120);
	}

	List<String> explanations(ProposedVisit visit) {
		return this.check.conflicts(person(), visit, List.of(), this.longAgo)
			.stream()
			.map(Conflict::explanation)
			.toList();
	}

	PersonSchedule person() {
		return new PersonSchedule(this.commitments, this.transport, this.preferences, this.appointments,
				Map.of(HEART.id(), HEART, RIVERSIDE.id(), RIVERSIDE));
	}

	/** An in-person visit at the Heart Clinic, with no provider's hours to keep. */
	static ProposedVisit at(String start, int minutes) {
		ZonedDateTime s = zoned(start);
		return new ProposedVisit(s, s.plusMinutes(minutes), null, HEART, VisitMode.IN_PERSON, null);
	}

	static ProposedVisit withDrPatel(String start, int minutes) {
		ZonedDateTime s = zoned(start);
		return new ProposedVisit(s, s.plusMinutes(minutes), CARDIOLOGY, null, VisitMode.IN_PERSON, null);
	}

	static Appointment booked(Location where, String type, String start, int minutes) {
		ZonedDateTime s = zoned(start);
		return new Appointment(UUID.randomUUID(), new PatientId(UUID.randomUUID()), "cardio", where.id(), type, s,
				s.plusMinutes(minutes), VisitMode.IN_PERSON, Appointment.Status.BOOKED, Appointment.Origin.NORTHSTAR,
				null, "test");
	}

	static ZonedDateTime zoned(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), ZONE);
	}

}
