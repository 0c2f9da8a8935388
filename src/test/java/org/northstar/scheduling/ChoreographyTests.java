package org.northstar.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proposals for the stories of issue 17, solved by Timefold with a fixed seed and move
 * limit: Robert's visits outside dialysis and its recovery, Jim's in the evening or on
 * Saturday, five specialists in few trips, orders kept, and unplaceable visits explained.
 */
class ChoreographyTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final Instant NOW = ZonedDateTime.of(LocalDateTime.parse("2026-11-30T08:00"), ZONE).toInstant();

	static final Location HEART = new Location("heart", "Heart Clinic", null, new Coordinates(39.96, -83.00));

	static final Location RIVERSIDE = new Location("riverside", "Riverside", null, new Coordinates(39.96, -82.88));

	static final Location NORTH = new Location("north", "North Clinic", null, new Coordinates(40.06, -83.00));

	static final Coordinates HOME = new Coordinates(39.99, -82.95);

	static final Provider CARDIOLOGY = Clinic.at(HEART)
		.weekdays("08:00", "12:00")
		.weekdays("13:00", "17:00")
		.on(THURSDAY, "17:00", "20:00")
		.on(SATURDAY, "09:00", "12:00")
		.provider("cardio", "Dr Patel", "cardiology", 30);

	static final Provider LAB = Clinic.at(HEART).weekdays("07:00", "11:00").provider("lab", "Heart Lab", "lab", 15);

	static final Provider ENDOCRINOLOGY = Clinic.at(RIVERSIDE)
		.weekdays("08:00", "16:00")
		.telehealth()
		.provider("endo", "Dr Osei", "endocrinology", 45);

	static final Provider NEPHROLOGY = Clinic.at(RIVERSIDE)
		.weekdays("09:00", "15:00")
		.provider("neph", "Dr Lindqvist", "nephrology", 30);

	static final Provider PODIATRY = Clinic.at(NORTH)
		.weekdays("08:00", "17:00")
		.provider("pod", "Dr Ruiz", "podiatry", 30);

	static final Provider EYES = Clinic.at(NORTH)
		.weekdays("08:00", "17:00")
		.provider("eye", "North Eye", "ophthalmology", 30);

	static final List<Provider> PROVIDERS = List.of(CARDIOLOGY, LAB, ENDOCRINOLOGY, NEPHROLOGY, PODIATRY, EYES);

	final Choreography choreography = new Choreography(new StraightLineTravel(), ZONE);

	final ConflictCheck check = new ConflictCheck(new StraightLineTravel(), ZONE);

	List<Commitment> commitments = new ArrayList<>();

	Transport transport = new Transport(false, 0, null, null, Set.of(), false, null, HOME);

	Preferences preferences = Preferences.NONE;

	@Test
	void proposesRobertsCardiologyOnlyOutsideDialysisAndItsRecovery() {
		this.commitments.add(Commitment.weekly(Commitment.Kind.DIALYSIS, Set.of(MONDAY, WEDNESDAY, FRIDAY),
				LocalTime.of(6, 0), LocalTime.of(10, 0), 120));

		Proposal proposal = propose(visit("cardiology", "2026-12-07", "2026-12-07"));

		assertThat(proposal.unplaced()).isEmpty();
		Proposal.Placed cardiology = proposal.visits().get(0);
		assertThat(cardiology.start().toLocalTime()).isAfterOrEqualTo(LocalTime.of(12, 0));
		assertNoConflicts(proposal);
	}

	@Test
	void offersJimOnlyEveningAndSaturdayTimes() {
		List<LocalDate> shifts = new ArrayList<>();
		for (LocalDate d = LocalDate.of(2026, 12, 1); d.isBefore(LocalDate.of(2026, 12, 22)); d = d.plusDays(1)) {
			if (d.getDayOfWeek().getValue() <= 5) {
				shifts.add(d);
			}
		}
		this.commitments
			.add(Commitment.onDates(Commitment.Kind.WORK, shifts, LocalTime.of(7, 0), LocalTime.of(19, 0), 0));

		Proposal proposal = propose(visit("cardiology", "2026-12-01", "2026-12-21"),
				visit("cardiology", "2026-12-01", "2026-12-21"));

		assertThat(proposal.unplaced()).isEmpty();
		assertThat(proposal.visits()).allSatisfy(v -> assertThat(
				v.start().getDayOfWeek() == SATURDAY || !v.start().toLocalTime().isBefore(LocalTime.of(19, 0)))
			.as("%s", v.start())
			.isTrue());
		assertNoConflicts(proposal);
	}

	@Test
	void explainsAVisitThatWorkAcrossTownLeavesNoTimeFor() {
		// Work ends 16:00 39 min from the Heart Clinic, whose last 30-minute visit starts
		// 16:30: the three times after work are out of reach too.
		this.commitments.add(Commitment
			.weekly(Commitment.Kind.WORK, Set.of(DayOfWeek.TUESDAY), LocalTime.of(7, 0), LocalTime.of(16, 0), 0)
			.at(new Place("Eastside depot", new Coordinates(39.96, -82.70))));

		Proposal proposal = propose(visit("cardiology", "2026-12-08", "2026-12-08"));

		assertThat(proposal.visits()).isEmpty();
		assertThat(proposal.unplaced()).singleElement()
			.satisfies(u -> assertThat(u.reason()).contains(
					"None of the 30 possible times from Tue 8 Dec to Tue 8 Dec fits: 30 overlap the person's commitments"));
	}

	@Test
	void prefersAProviderWhoSpeaksThePersonsLanguageAndSaysWhenNoneDoes() {
		Provider spanish = new Provider("cardio-es", "Dra Ruiz", "cardiology", HEART, false, List.of("en", "es"),
				List.of(new Provider.Session(DayOfWeek.TUESDAY, LocalTime.of(13, 0), LocalTime.of(17, 0))), List.of(),
				Map.of("cardiology", 30));
		this.preferences = new Preferences(false, false, true, "es");

		Proposal both = this.choreography.propose(person(), List.of(CARDIOLOGY, spanish), List.of(),
				request(List.of(visit("cardiology", "2026-12-08", "2026-12-08")), List.of()), NOW,
				Duration.ofSeconds(10));
		Proposal onlyEnglish = propose(visit("cardiology", "2026-12-08", "2026-12-08"));

		assertThat(both.visits()).singleElement().satisfies(v -> {
			assertThat(v.provider().id()).isEqualTo("cardio-es");
			assertThat(v.notes()).isEmpty();
		});
		assertThat(onlyEnglish.visits()).singleElement()
			.satisfies(v -> assertThat(v.notes()).containsExactly(
					"Dr Patel does not list Spanish (es), the person's preferred language: book an interpreter"));
	}

	@Test
	void leavesAVisitUnplacedWhenNoProviderSpeaksARequiredLanguage() {
		this.preferences = new Preferences(false, false, true, "zh", true);

		Proposal proposal = propose(visit("cardiology", "2026-12-08", "2026-12-08"));

		assertThat(proposal.visits()).isEmpty();
		assertThat(proposal.unplaced()).singleElement()
			.satisfies(u -> assertThat(u.reason()).contains("are with providers who do not speak their language")
				.contains("Dr Patel does not list Chinese (zh), which the person needs"));
	}

	@Test
	void groupsFiveSpecialistsIntoFewTrips() {
		Proposal proposal = propose(visit("cardiology", "2026-12-01", "2026-12-18"),
				visit("endocrinology", "2026-12-01", "2026-12-18"), visit("nephrology", "2026-12-01", "2026-12-18"),
				visit("podiatry", "2026-12-01", "2026-12-18"), visit("ophthalmology", "2026-12-01", "2026-12-18"));

		assertThat(proposal.unplaced()).isEmpty();
		assertThat(proposal.trips()).isLessThanOrEqualTo(2);
		assertNoConflicts(proposal);
		assertNoClashes(proposal);
	}

	@Test
	void fewerTripsThanTheGreedyBaselineWhenEarliestTimesAreSpread() {
		// Each clinic's first free day differs, so the earliest-time baseline travels
		// every day.
		Provider pod = Clinic.at(NORTH)
			.weekdays("08:00", "17:00")
			.closed(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), "leave")
			.provider("pod", "Dr Ruiz", "podiatry", 30);
		Provider eye = Clinic.at(NORTH)
			.weekdays("08:00", "17:00")
			.closed(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1), "training")
			.provider("eye", "North Eye", "ophthalmology", 30);
		List<Provider> providers = List.of(CARDIOLOGY, ENDOCRINOLOGY, pod, eye);
		ScheduleRequest request = request(List.of(visit("cardiology", "2026-12-01", "2026-12-18"),
				visit("ophthalmology", "2026-12-01", "2026-12-18"), visit("podiatry", "2026-12-01", "2026-12-18"),
				visit("endocrinology", "2026-12-01", "2026-12-18")), List.of());

		Proposal greedy = this.choreography.greedy(person(), providers, List.of(), request, NOW);
		Proposal solved = this.choreography.propose(person(), providers, List.of(), request, NOW,
				Duration.ofSeconds(5));

		assertThat(greedy.trips()).isEqualTo(3);
		assertThat(solved.trips()).isLessThan(greedy.trips());
	}

	@Test
	void keepsLabAtLeastTwoDaysBeforeCardiology() {
		Proposal proposal = propose(request(
				List.of(visit("cardiology", "2026-12-01", "2026-12-11"), visit("lab", "2026-12-01", "2026-12-11")),
				List.of(new VisitOrder("lab", "cardiology", 2))));

		assertThat(proposal.unplaced()).isEmpty();
		Map<String, LocalDate> days = proposal.visits()
			.stream()
			.collect(Collectors.toMap(Proposal.Placed::type, v -> v.start().toLocalDate()));
		assertThat(ChronoUnit.DAYS.between(days.get("lab"), days.get("cardiology"))).isGreaterThanOrEqualTo(2);
	}

	@Test
	void placesOneVisitADayForSomeoneWhoCanManageOnlyOne() {
		this.preferences = new Preferences(false, false, false, null);

		Proposal proposal = propose(visit("cardiology", "2026-12-01", "2026-12-11"),
				visit("lab", "2026-12-01", "2026-12-11"), visit("endocrinology", "2026-12-01", "2026-12-11"));

		assertThat(proposal.visits()).extracting(v -> v.start().toLocalDate()).doesNotHaveDuplicates();
	}

	@Test
	void usesTelehealthWhenAllowedAndNoTripIsNeeded() {
		NeededVisit endo = new NeededVisit("endocrinology", null, null, LocalDate.of(2026, 12, 1),
				LocalDate.of(2026, 12, 4), Set.of(VisitMode.TELEHEALTH));

		Proposal proposal = propose(endo);

		assertThat(proposal.visits()).singleElement().satisfies(v -> {
			assertThat(v.mode()).isEqualTo(VisitMode.TELEHEALTH);
			assertThat(v.location()).isNull();
		});
		assertThat(proposal.trips()).isZero();
	}

	@Test
	void explainsAVisitNoProviderOffers() {
		Proposal proposal = propose(visit("dermatology", "2026-12-01", "2026-12-11"));

		assertThat(proposal.unplaced()).singleElement().satisfies(u -> {
			assertThat(u.type()).isEqualTo("dermatology");
			assertThat(u.reason()).isEqualTo("No provider offers dermatology; add one, or ask for another type");
		});
	}

	@Test
	void explainsAVisitEveryTimeOfWhichIsBlockedAndWhatWouldFreeIt() {
		this.commitments.add(Commitment.weekly(Commitment.Kind.DIALYSIS, Set.of(MONDAY, WEDNESDAY, FRIDAY),
				LocalTime.of(7, 0), LocalTime.of(11, 0), 120));

		Proposal proposal = propose(visit("lab", "2026-12-07", "2026-12-07"));

		assertThat(proposal.visits()).isEmpty();
		assertThat(proposal.unplaced()).singleElement()
			.satisfies(u -> assertThat(u.reason())
				.startsWith("None of the 16 possible times from Mon 7 Dec to Mon 7 Dec fits: "
						+ "16 overlap the person's commitments (such as \"Mon 7 Dec 07:00 overlaps dialysis 07:00–11:00 + 2 h recovery\")")
				.contains("Placeable with: moving a commitment would free 16 times"));
	}

	@Test
	void givesTheSameProposalForTheSameSeed() {
		ScheduleRequest request = request(List.of(visit("cardiology", "2026-12-01", "2026-12-18"),
				visit("endocrinology", "2026-12-01", "2026-12-18"), visit("podiatry", "2026-12-01", "2026-12-18")),
				List.of());

		Proposal first = this.choreography.propose(person(), PROVIDERS, List.of(), request, NOW,
				Duration.ofSeconds(30));
		Proposal second = this.choreography.propose(person(), PROVIDERS, List.of(), request, NOW,
				Duration.ofSeconds(30));

		assertThat(second.visits()).isEqualTo(first.visits());
	}

	Proposal propose(NeededVisit... visits) {
		return propose(request(List.of(visits), List.of()));
	}

	Proposal propose(ScheduleRequest request) {
		return this.choreography.propose(person(), PROVIDERS, List.of(), request, NOW, Duration.ofSeconds(10));
	}

	static ScheduleRequest request(List<NeededVisit> visits, List<VisitOrder> order) {
		return new ScheduleRequest(visits, order, Duration.ofSeconds(10), 7, 20_000L);
	}

	static NeededVisit visit(String type, String earliest, String latest) {
		return new NeededVisit(type, null, null, LocalDate.parse(earliest), LocalDate.parse(latest),
				Set.of(VisitMode.IN_PERSON));
	}

	PersonSchedule person() {
		return new PersonSchedule(this.commitments, this.transport, this.preferences, List.of(),
				Map.of(HEART.id(), HEART, RIVERSIDE.id(), RIVERSIDE, NORTH.id(), NORTH));
	}

	void assertNoConflicts(Proposal proposal) {
		for (Proposal.Placed v : proposal.visits()) {
			assertThat(this.check.conflicts(person(),
					new ProposedVisit(v.start(), v.end(), v.provider(), null, v.mode(), null), List.of(), NOW))
				.isEmpty();
		}
	}

	static void assertNoClashes(Proposal proposal) {
		List<Proposal.Placed> visits = proposal.visits();
		TravelTimes travel = new StraightLineTravel();
		for (int i = 1; i < visits.size(); i++) {
			Proposal.Placed a = visits.get(i - 1);
			Proposal.Placed b = visits.get(i);
			if (a.start().toLocalDate().equals(b.start().toLocalDate())) {
				Duration trip = travel.between(a.location().coordinates(), b.location().coordinates(), TravelMode.CAR);
				assertThat(a.end().plus(trip)).isBeforeOrEqualTo(b.start());
			}
		}
	}

	static DayOfWeek day(Proposal.Placed v) {
		return v.start().getDayOfWeek();
	}

}
