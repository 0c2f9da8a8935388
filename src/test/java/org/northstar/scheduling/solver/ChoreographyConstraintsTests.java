package org.northstar.scheduling.solver;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import org.junit.jupiter.api.Test;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.StraightLineTravel;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.VisitMode;
import org.northstar.scheduling.VisitOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each constraint on its own, on schedules made by hand and scored by Timefold's
 * {@link SolutionManager} (what timefold-solver-test's ConstraintVerifier would do; that
 * artifact is not served to this build): what it penalises, by how much, and what it
 * leaves alone.
 */
class ChoreographyConstraintsTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final Location HEART = new Location("heart", "Heart Clinic", null, new Coordinates(39.96, -83.00));

	/** 10.2 km east: 16 min by car at 40 km/h. */
	static final Location RIVERSIDE = new Location("riverside", "Riverside", null, new Coordinates(39.96, -82.88));

	static final Provider CARDIO = provider("cardio", "cardiology", HEART);

	static final Provider ENDO = provider("endo", "endocrinology", RIVERSIDE);

	static final SolutionManager<ChoreographySolution, HardMediumSoftLongScore> SCORES = SolutionManager
		.create(SolverFactory.create(new SolverConfig().withSolutionClass(ChoreographySolution.class)
			.withEntityClasses(VisitAssignment.class)
			.withConstraintProviderClass(ChoreographyConstraints.class)));

	TravelMatrix travel = new TravelMatrix(new StraightLineTravel(),
			new Transport(false, 0, null, null, Set.of(), false, null, HEART.coordinates()));

	List<VisitAssignment> visits = new ArrayList<>();

	List<OrderPair> orders = new ArrayList<>();

	boolean severalPerDay = true;

	int slots;

	@Test
	void clashPenalisesOverlapByItsMinutes() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("cardiology", slot(CARDIO, "2026-12-07T09:20", 30));

		assertThat(penalty(ChoreographyConstraints.CLASH)).isEqualTo(HardMediumSoftLongScore.ofHard(-10));
	}

	@Test
	void clashCountsTheTripBetweenLocations() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T09:40", 30));

		assertThat(penalty(ChoreographyConstraints.CLASH)).isEqualTo(HardMediumSoftLongScore.ofHard(-6));
	}

	@Test
	void clashLeavesVisitsWithTimeToTravelAlone() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T09:46", 30));
		visit("cardiology", slot(CARDIO, "2026-12-07T09:30", 15, VisitMode.TELEHEALTH));

		assertThat(penalty(ChoreographyConstraints.CLASH)).isEqualTo(HardMediumSoftLongScore.ZERO);
	}

	@Test
	void orderPenalisesEachDayShort() {
		int lab = visit("lab", slot(CARDIO, "2026-12-08T09:00", 15));
		int cardiology = visit("cardiology", slot(CARDIO, "2026-12-09T09:00", 30));
		this.orders.add(new OrderPair(lab, cardiology, new VisitOrder("lab", "cardiology", 3)));

		assertThat(penalty(ChoreographyConstraints.ORDER)).isEqualTo(HardMediumSoftLongScore.ofHard(-2));
	}

	@Test
	void orderIsKeptExactlyAtItsGap() {
		int lab = visit("lab", slot(CARDIO, "2026-12-08T16:00", 15));
		int cardiology = visit("cardiology", slot(CARDIO, "2026-12-10T08:00", 30));
		this.orders.add(new OrderPair(lab, cardiology, new VisitOrder("lab", "cardiology", 2)));

		assertThat(penalty(ChoreographyConstraints.ORDER)).isEqualTo(HardMediumSoftLongScore.ZERO);
	}

	@Test
	void orderOfZeroDaysNeedsTheFirstToEndBeforeTheSecond() {
		int lab = visit("lab", slot(CARDIO, "2026-12-08T09:30", 15));
		int cardiology = visit("cardiology", slot(CARDIO, "2026-12-08T09:00", 30));
		this.orders.add(new OrderPair(lab, cardiology, new VisitOrder("lab", "cardiology", 0)));

		assertThat(penalty(ChoreographyConstraints.ORDER)).isEqualTo(HardMediumSoftLongScore.ofHard(-1));
	}

	@Test
	void oneADayOnlyForSomeoneWhoCanManageOnlyOne() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T13:00", 30));
		assertThat(penalty(ChoreographyConstraints.ONE_A_DAY)).isEqualTo(HardMediumSoftLongScore.ZERO);

		this.visits.clear();
		this.severalPerDay = false;
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T13:00", 30));
		visit("lab", slot(CARDIO, "2026-12-08T09:00", 30));
		assertThat(penalty(ChoreographyConstraints.ONE_A_DAY)).isEqualTo(HardMediumSoftLongScore.ofHard(-1));
	}

	@Test
	void tripsCountDaysWithAnInPersonVisit() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T13:00", 30));
		visit("lab", slot(CARDIO, "2026-12-08T09:00", 15));
		visit("endocrinology", slot(ENDO, "2026-12-09T09:00", 30, VisitMode.TELEHEALTH));

		assertThat(penalty(ChoreographyConstraints.TRIPS))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-2 * ChoreographyConstraints.TRIP));
	}

	@Test
	void travelFollowsTheDaysRouteFromHomeAndBack() {
		// Home is at the Heart Clinic: there, to Riverside (16 min), home (16 min).
		visit("endocrinology", slot(ENDO, "2026-12-07T13:00", 30));
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));

		assertThat(penalty(ChoreographyConstraints.TRAVEL))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-32 * ChoreographyConstraints.TRAVEL_MINUTE));
	}

	@Test
	void travelStartsFromWorkWhenTheVisitFollowsIt() {
		// Home is at the Heart Clinic; work is at Riverside, over at 16:00: there to the
		// Heart Clinic (16 min), then home (0 min).
		ZonedDateTime s = ZonedDateTime.of(LocalDateTime.parse("2026-12-07T16:30"), ZONE);
		Slot afterWork = new Slot(this.slots++, CARDIO, VisitMode.IN_PERSON, s, s.plusMinutes(30), 0, true, true,
				this.travel, RIVERSIDE.coordinates(), null, true);
		visit("cardiology", afterWork);

		assertThat(penalty(ChoreographyConstraints.TRAVEL))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-16 * ChoreographyConstraints.TRAVEL_MINUTE));
	}

	@Test
	void daysOffWorkCountWorkDaysWithAnInPersonVisit() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30, VisitMode.IN_PERSON, true));
		visit("lab", slot(CARDIO, "2026-12-07T10:00", 15, VisitMode.IN_PERSON, true));
		visit("endocrinology", slot(ENDO, "2026-12-08T12:00", 30, VisitMode.TELEHEALTH, true));
		visit("lab", slot(CARDIO, "2026-12-12T10:00", 15, VisitMode.IN_PERSON, false));

		assertThat(penalty(ChoreographyConstraints.DAYS_OFF_WORK))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-ChoreographyConstraints.DAY_OFF_WORK));
	}

	@Test
	void waitingCountsGapsBeyondTheTrip() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("endocrinology", slot(ENDO, "2026-12-07T10:00", 30));
		visit("lab", slot(CARDIO, "2026-12-08T09:00", 15));

		// 30 min between 09:30 and 10:00, 16 of them on the road.
		assertThat(penalty(ChoreographyConstraints.WAITING))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-14 * ChoreographyConstraints.WAITING_MINUTE));
	}

	@Test
	void preferredTimesPenaliseOnlyVisitsOutsideThem() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30, VisitMode.IN_PERSON, false, false));
		visit("cardiology", slot(CARDIO, "2026-12-07T18:00", 30, VisitMode.IN_PERSON, false, true));

		assertThat(penalty(ChoreographyConstraints.PREFERRED))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-ChoreographyConstraints.NOT_PREFERRED));
	}

	@Test
	void soonerPenalisesEachDayFromTheFirst() {
		visit("cardiology", slot(CARDIO, "2026-12-07T09:00", 30));
		visit("lab", slot(CARDIO, "2026-12-10T09:00", 30));

		assertThat(penalty(ChoreographyConstraints.SOONER))
			.isEqualTo(HardMediumSoftLongScore.ofSoft(-3 * ChoreographyConstraints.LATER_DAY));
	}

	HardMediumSoftLongScore penalty(String constraint) {
		ScoreAnalysis<HardMediumSoftLongScore> analysis = SCORES
			.analyze(new ChoreographySolution(this.visits, this.orders));
		ConstraintAnalysis<HardMediumSoftLongScore> c = analysis.getConstraintAnalysis(constraint);
		return c == null ? HardMediumSoftLongScore.ZERO : c.score();
	}

	int visit(String type, Slot slot) {
		int id = this.visits.size();
		VisitAssignment visit = new VisitAssignment(id, new NeededVisit(type, null, null, LocalDate.of(2026, 12, 7),
				LocalDate.of(2026, 12, 31), Set.of(VisitMode.IN_PERSON, VisitMode.TELEHEALTH)), this.severalPerDay,
				List.of(slot));
		visit.assign(slot);
		this.visits.add(visit);
		return id;
	}

	Slot slot(Provider provider, String start, int minutes) {
		return slot(provider, start, minutes, VisitMode.IN_PERSON);
	}

	Slot slot(Provider provider, String start, int minutes, VisitMode mode) {
		return slot(provider, start, minutes, mode, false);
	}

	Slot slot(Provider provider, String start, int minutes, VisitMode mode, boolean workDay) {
		return slot(provider, start, minutes, mode, workDay, true);
	}

	Slot slot(Provider provider, String start, int minutes, VisitMode mode, boolean workDay, boolean preferred) {
		ZonedDateTime s = ZonedDateTime.of(LocalDateTime.parse(start), ZONE);
		int dayIndex = (int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2026, 12, 7), s.toLocalDate());
		return new Slot(this.slots++, provider, mode, s, s.plusMinutes(minutes), dayIndex, workDay, preferred,
				this.travel);
	}

	static Provider provider(String id, String specialty, Location location) {
		return new Provider(id, id, specialty, location, true, List.of(),
				List.of(new Provider.Session(java.time.DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(17, 0))),
				List.of(), Map.of(specialty, 30));
	}

}
