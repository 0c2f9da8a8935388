package org.northstar.scheduling.solver;

import java.util.Comparator;
import java.util.List;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * What makes a schedule good. Hard: visits do not overlap and leave time to travel
 * between them; orders are kept; one visit a day for a person who can manage only one;
 * each weighed by how far it is from being met, so the search can follow it. Soft, in
 * minutes of the person's time: a trip costs {@value #TRIP}, a day off work
 * {@value #DAY_OFF_WORK}, a minute travelling {@value #TRAVEL_MINUTE}, a minute waiting
 * between visits {@value #WAITING_MINUTE}, a visit outside the preferred times
 * {@value #NOT_PREFERRED}, a provider who does not speak the person's preferred language
 * {@value #OTHER_LANGUAGE}, each day later {@value #LATER_DAY}. Every slot is already
 * free of conflicts with the person's commitments, appointments and transport and with
 * the provider's calendar.
 */
public class ChoreographyConstraints implements ConstraintProvider {

	public static final long TRIP = 600;

	public static final long DAY_OFF_WORK = 480;

	public static final long TRAVEL_MINUTE = 2;

	public static final long WAITING_MINUTE = 1;

	public static final long NOT_PREFERRED = 240;

	public static final long LATER_DAY = 5;

	/**
	 * A provider who does not speak the person's preferred language: more than a visit at
	 * a time they would rather not, less than a trip (an interpreter can be booked).
	 */
	public static final long OTHER_LANGUAGE = 300;

	public static final String LANGUAGE = "Clinic's language";

	public static final String CLASH = "Visits overlap or leave no time to travel";

	public static final String ORDER = "Order kept";

	public static final String ONE_A_DAY = "One visit a day";

	public static final String TRIPS = "Trips";

	public static final String TRAVEL = "Travel";

	public static final String DAYS_OFF_WORK = "Days off work";

	public static final String WAITING = "Waiting";

	public static final String PREFERRED = "Preferred times";

	public static final String SOONER = "Sooner";

	@Override
	public Constraint[] defineConstraints(ConstraintFactory factory) {
		return new Constraint[] { clash(factory), order(factory), oneADay(factory), trips(factory), travel(factory),
				daysOffWork(factory), waiting(factory), preferred(factory), sooner(factory), language(factory) };
	}

	public Constraint clash(ConstraintFactory factory) {
		return factory.forEachUniquePair(VisitAssignment.class)
			.filter((a, b) -> a.slot().clashesWith(b.slot()))
			.penalizeLong(HardMediumSoftLongScore.ONE_HARD, (a, b) -> a.slot().clashMinutes(b.slot()))
			.asConstraint(CLASH);
	}

	public Constraint order(ConstraintFactory factory) {
		return factory.forEach(OrderPair.class)
			.join(VisitAssignment.class, Joiners.equal(OrderPair::before, VisitAssignment::id))
			.join(VisitAssignment.class, Joiners.equal((o, a) -> o.after(), VisitAssignment::id))
			.filter((o, a, b) -> !o.keptBy(a.slot(), b.slot()))
			.penalizeLong(HardMediumSoftLongScore.ONE_HARD, (o, a, b) -> o.shortfallDays(a.slot(), b.slot()))
			.asConstraint(ORDER);
	}

	public Constraint oneADay(ConstraintFactory factory) {
		return factory.forEachUniquePair(VisitAssignment.class, Joiners.equal(v -> v.slot().day()))
			.filter((a, b) -> !a.severalPerDay())
			.penalizeLong(HardMediumSoftLongScore.ONE_HARD)
			.asConstraint(ONE_A_DAY);
	}

	public Constraint trips(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> v.slot().inPerson())
			.groupBy(v -> v.slot().day())
			.penalizeLong(HardMediumSoftLongScore.ofSoft(TRIP))
			.asConstraint(TRIPS);
	}

	public Constraint travel(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> v.slot().inPerson())
			.groupBy(v -> v.slot().day(), ConstraintCollectors.toList(VisitAssignment::slot))
			.penalizeLong(HardMediumSoftLongScore.ofSoft(TRAVEL_MINUTE), (day, slots) -> routeMinutes(slots))
			.asConstraint(TRAVEL);
	}

	public Constraint daysOffWork(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> v.slot().inPerson() && v.slot().workDay)
			.groupBy(v -> v.slot().day())
			.penalizeLong(HardMediumSoftLongScore.ofSoft(DAY_OFF_WORK))
			.asConstraint(DAYS_OFF_WORK);
	}

	public Constraint waiting(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> v.slot().inPerson())
			.groupBy(v -> v.slot().day(), ConstraintCollectors.toList(VisitAssignment::slot))
			.filter((day, slots) -> slots.size() > 1)
			.penalizeLong(HardMediumSoftLongScore.ofSoft(WAITING_MINUTE), (day, slots) -> waitingMinutes(slots))
			.asConstraint(WAITING);
	}

	public Constraint preferred(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> !v.slot().preferred)
			.penalizeLong(HardMediumSoftLongScore.ofSoft(NOT_PREFERRED))
			.asConstraint(PREFERRED);
	}

	public Constraint language(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.filter(v -> !v.slot().speaksTheirLanguage)
			.penalizeLong(HardMediumSoftLongScore.ofSoft(OTHER_LANGUAGE))
			.asConstraint(LANGUAGE);
	}

	public Constraint sooner(ConstraintFactory factory) {
		return factory.forEach(VisitAssignment.class)
			.penalizeLong(HardMediumSoftLongScore.ofSoft(LATER_DAY), v -> v.slot().dayIndex)
			.asConstraint(SOONER);
	}

	/**
	 * From home (or the place of what the person does before, such as work), each visit
	 * of the day in time order, then home (or on to what they do next).
	 */
	public static long routeMinutes(List<Slot> day) {
		List<Slot> ordered = day.stream().sorted(Comparator.comparingLong(s -> s.startMinute)).toList();
		TravelMatrix travel = ordered.get(0).travel;
		long minutes = travel.from(ordered.get(0).cameFrom, ordered.get(0).location);
		for (int i = 1; i < ordered.size(); i++) {
			minutes += travel.between(ordered.get(i - 1).location, ordered.get(i).location);
		}
		Slot last = ordered.get(ordered.size() - 1);
		return minutes + travel.from(last.goesTo, last.location);
	}

	/** Minutes between one visit's end (and the trip on) and the next one's start. */
	public static long waitingMinutes(List<Slot> day) {
		List<Slot> ordered = day.stream().sorted(Comparator.comparingLong(s -> s.startMinute)).toList();
		long minutes = 0;
		for (int i = 1; i < ordered.size(); i++) {
			Slot prev = ordered.get(i - 1);
			Slot next = ordered.get(i);
			long gap = next.startMinute - prev.endMinute - prev.travel.between(prev.location, next.location);
			minutes += Math.max(0, gap);
		}
		return minutes;
	}

}
