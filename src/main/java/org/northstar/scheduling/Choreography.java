package org.northstar.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import org.northstar.scheduling.solver.ChoreographyConstraints;
import org.northstar.scheduling.solver.ChoreographySolution;
import org.northstar.scheduling.solver.OrderPair;
import org.northstar.scheduling.solver.Slot;
import org.northstar.scheduling.solver.TravelMatrix;
import org.northstar.scheduling.solver.VisitAssignment;
import org.northstar.shared.BusinessCalendar;

/**
 * Proposes a schedule for the visits a person needs (pure: everything it needs is passed
 * in). Each visit's candidate times are generated first, every 15 minutes within the
 * providers' sessions, and kept only when {@link ConflictCheck} finds no conflict; a
 * visit with none is explained from what blocked its times. Timefold Solver then chooses
 * among the candidates by {@link ChoreographyConstraints}: no clashes between the visits,
 * orders kept, then as few visits unplaced, trips, days off work, travel and waiting as
 * it finds within the time limit.
 */
public final class Choreography {

	static final int STEP_MINUTES = 15;

	private final TravelTimes travel;

	private final ZoneId zone;

	private final ConflictCheck check;

	public Choreography(TravelTimes travel, ZoneId zone, BusinessCalendar rideCalendar) {
		this.travel = travel;
		this.zone = zone;
		this.check = new ConflictCheck(travel, zone, rideCalendar);
	}

	/** With no holidays for a ride program's notice in business days. */
	public Choreography(TravelTimes travel, ZoneId zone) {
		this(travel, zone, BusinessCalendar.WEEKDAYS);
	}

	/** The best score found by a moment of the search, for benchmarks. */
	public record Progress(Duration elapsed, String score, boolean feasible, boolean allPlaced, int trips) {
	}

	/** Proposes a schedule with Timefold within the request's time limit. */
	public Proposal propose(PersonSchedule person, List<Provider> providers, List<Appointment> providerBookings,
			ScheduleRequest request, Instant now, Duration defaultLimit) {
		return propose(person, providers, providerBookings, request, now, defaultLimit, p -> {
		});
	}

	/** As {@link #propose}, telling {@code progress} of each new best schedule. */
	public Proposal propose(PersonSchedule person, List<Provider> providers, List<Appointment> providerBookings,
			ScheduleRequest request, Instant now, Duration defaultLimit, Consumer<Progress> progress) {
		// Progress is timed from here: finding the candidate times is part of the work.
		long started = System.nanoTime();
		Problem problem = problem(person, providers, providerBookings, request, now);
		ChoreographySolution solvable = problem.solvable();
		if (solvable.visits().isEmpty()) {
			return proposal(problem, solvable);
		}
		TerminationConfig termination = new TerminationConfig()
			.withSpentLimit(request.timeLimit() == null ? defaultLimit : request.timeLimit());
		if (request.moveLimit() != null) {
			termination.setMoveCountLimit(request.moveLimit());
		}
		SolverFactory<ChoreographySolution> factory = SolverFactory
			.create(solverConfig(request.seed()).withTerminationConfig(termination));
		Solver<ChoreographySolution> solver = factory.buildSolver();
		solver.addEventListener(event -> {
			HardMediumSoftLongScore score = (HardMediumSoftLongScore) event.getNewBestScore();
			progress.accept(new Progress(Duration.ofNanos(System.nanoTime() - started), score.toString(),
					score.isFeasible(), score.isFeasible() && problem.noCandidates().isEmpty(),
					trips(event.getNewBestSolution().visits())));
		});
		return proposal(problem, solver.solve(solvable));
	}

	/**
	 * The baseline: each visit in turn at its earliest candidate time that fits the
	 * visits already placed.
	 */
	public Proposal greedy(PersonSchedule person, List<Provider> providers, List<Appointment> providerBookings,
			ScheduleRequest request, Instant now) {
		Problem problem = problem(person, providers, providerBookings, request, now);
		ChoreographySolution solvable = problem.solvable();
		List<VisitAssignment> placed = new ArrayList<>();
		for (VisitAssignment visit : solvable.visits()) {
			for (Slot slot : visit.candidates()) {
				visit.assign(slot);
				if (violations(visit, placed, problem.orders()) == 0) {
					placed.add(visit);
					break;
				}
				visit.assign(null);
			}
		}
		List<VisitAssignment> scored = new ArrayList<>(placed);
		String score = "";
		if (!placed.isEmpty()) {
			ChoreographySolution placedOnly = new ChoreographySolution(scored, problem.orders());
			SolutionManager.create(SolverFactory.<ChoreographySolution>create(solverConfig(request.seed())))
				.update(placedOnly);
			score = placedOnly.score().toString();
		}
		Proposal proposal = proposal(problem, solvable);
		return new Proposal(proposal.visits(), proposal.trips(), proposal.unplaced(), score);
	}

	static SolverConfig solverConfig(long seed) {
		return new SolverConfig().withSolutionClass(ChoreographySolution.class)
			.withEntityClasses(VisitAssignment.class)
			.withConstraintProviderClass(ChoreographyConstraints.class)
			.withRandomSeed(seed);
	}

	/** How many hard rules the visit breaks with the visits already placed. */
	private static int violations(VisitAssignment visit, List<VisitAssignment> placed, List<OrderPair> orders) {
		int count = 0;
		for (VisitAssignment other : placed) {
			if (other == visit) {
				continue;
			}
			if (visit.slot().clashesWith(other.slot())
					|| (!visit.severalPerDay() && visit.slot().day().equals(other.slot().day()))) {
				count++;
			}
			for (OrderPair order : orders) {
				if ((order.before() == other.id() && order.after() == visit.id()
						&& !order.keptBy(other.slot(), visit.slot()))
						|| (order.before() == visit.id() && order.after() == other.id()
								&& !order.keptBy(visit.slot(), other.slot()))) {
					count++;
				}
			}
		}
		return count;
	}

	/** The needed visits with their candidate slots, and why a visit has none. */
	record Problem(List<VisitAssignment> visits, List<OrderPair> orders, Map<Integer, String> noCandidates,
			Preferences preferences) {

		/** The visits that have candidates, for the solver. */
		ChoreographySolution solvable() {
			return new ChoreographySolution(
					this.visits.stream().filter(v -> !v.candidates().isEmpty()).collect(Collectors.toList()),
					this.orders);
		}

	}

	Problem problem(PersonSchedule person, List<Provider> providers, List<Appointment> providerBookings,
			ScheduleRequest request, Instant now) {
		LocalDate today = now.atZone(this.zone).toLocalDate();
		LocalDate first = request.visits().stream().map(NeededVisit::earliest).min(Comparator.naturalOrder()).get();
		if (first.isBefore(today)) {
			first = today;
		}
		TravelMatrix matrix = new TravelMatrix(this.travel, person.transport());
		Map<String, List<Appointment>> bookings = new HashMap<>();
		for (Appointment a : providerBookings) {
			bookings
				.computeIfAbsent(a.providerId() + "|" + a.start().withZoneSameInstant(this.zone).toLocalDate(),
						k -> new ArrayList<>())
				.add(a);
		}
		List<VisitAssignment> visits = new ArrayList<>();
		Map<Integer, String> noCandidates = new LinkedHashMap<>();
		int slotId = 0;
		for (int i = 0; i < request.visits().size(); i++) {
			NeededVisit visit = request.visits().get(i);
			Blocked blocked = new Blocked();
			List<Slot> slots = new ArrayList<>();
			List<Provider> offering = providers.stream()
				.filter(p -> visit.provider() == null ? p.offers(visit.type()) : p.id().equals(visit.provider()))
				.toList();
			for (Provider provider : offering) {
				int minutes = visit.durationMinutes() != null ? visit.durationMinutes()
						: provider.minutesFor(visit.type()).orElse(30);
				for (VisitMode mode : visit.modes()) {
					if (!mode.inPerson() && !provider.telehealth()) {
						continue;
					}
					LocalDate from = visit.earliest().isBefore(today) ? today : visit.earliest();
					for (LocalDate day = from; !day.isAfter(visit.latest()); day = day.plusDays(1)) {
						if (provider.closureOn(day).isPresent()) {
							continue;
						}
						LocalDate on = day;
						List<Commitment.Occurrence> located = located(person, day);
						boolean workDay = person.commitments()
							.stream()
							.anyMatch(c -> c.kind() == Commitment.Kind.WORK && c.startsOn(on));
						for (Provider.Session session : provider.windowsOn(day, this.zone)) {
							for (LocalTime t = session.start(); !t.plusMinutes(minutes).isAfter(session.end())
									&& !t.plusMinutes(minutes).isBefore(t); t = t.plusMinutes(STEP_MINUTES)) {
								ZonedDateTime start = ZonedDateTime.of(day, t, this.zone);
								ZonedDateTime end = start.plusMinutes(minutes);
								if (!start.toInstant().isAfter(now)) {
									continue;
								}
								List<Conflict> conflicts = this.check.conflicts(person,
										new ProposedVisit(start, end, provider, null, mode, null),
										bookings.getOrDefault(provider.id() + "|" + day, List.of()), now);
								if (conflicts.isEmpty()) {
									slots.add(new Slot(slotId++, provider, mode, start, end,
											(int) ChronoUnit.DAYS.between(first, day), workDay,
											preferred(person.preferences(), start, session), matrix,
											cameFrom(located, start), goesTo(located, end),
											speaksTheirLanguage(person.preferences(), provider)));
								}
								else {
									blocked.add(conflicts);
								}
								if (t.plusMinutes(STEP_MINUTES).isBefore(t)) {
									break;
								}
							}
						}
					}
				}
			}
			if (slots.isEmpty()) {
				noCandidates.put(i, explainNone(visit, offering, providers, blocked));
			}
			visits.add(new VisitAssignment(i, visit, person.preferences().severalVisitsPerDay(), slots));
		}
		List<OrderPair> orders = new ArrayList<>();
		for (VisitOrder order : request.order()) {
			for (VisitAssignment a : visits) {
				for (VisitAssignment b : visits) {
					if (a != b && a.visit().type().equalsIgnoreCase(order.before())
							&& b.visit().type().equalsIgnoreCase(order.after())) {
						orders.add(new OrderPair(a.id(), b.id(), order));
					}
				}
			}
		}
		return new Problem(visits, orders, noCandidates, person.preferences());
	}

	private static boolean speaksTheirLanguage(Preferences preferences, Provider provider) {
		return preferences.language() == null || provider.speaks(preferences.language());
	}

	/** What the coordinator should know of a placed visit. */
	private static List<String> notes(Slot slot, Preferences preferences) {
		if (slot.speaksTheirLanguage) {
			return List.of();
		}
		// Placed anyway: no time with a provider who speaks it was found that fits as
		// well.
		return List
			.of(slot.provider.name() + " does not list " + Languages.name(preferences.language())
					+ ", the person's preferred language"
					+ (slot.provider.languages().isEmpty() ? ""
							: " (speaks " + String.join(", ", slot.provider.languages()) + ")")
					+ ": book an interpreter");
	}

	/** The occurrences with a place that touch the day, for where trips start and end. */
	private List<Commitment.Occurrence> located(PersonSchedule person, LocalDate day) {
		List<Commitment.Occurrence> located = new ArrayList<>();
		for (Commitment c : person.commitments()) {
			if (c.place() != null) {
				located.addAll(c.occurrences(day.minusDays(1), day, this.zone));
			}
		}
		return located;
	}

	/** The place of the last commitment over before the visit that day; null: home. */
	private static Coordinates cameFrom(List<Commitment.Occurrence> located, ZonedDateTime start) {
		return located.stream()
			.filter(o -> !o.blockedUntil().isAfter(start) && o.blockedUntil().toLocalDate().equals(start.toLocalDate()))
			.max(Comparator.comparing(Commitment.Occurrence::blockedUntil))
			.map(o -> o.commitment().place().coordinates())
			.orElse(null);
	}

	/**
	 * The place of the first commitment starting after the visit that day; null: home.
	 */
	private static Coordinates goesTo(List<Commitment.Occurrence> located, ZonedDateTime end) {
		return located.stream()
			.filter(o -> !o.start().isBefore(end) && o.start().toLocalDate().equals(end.toLocalDate()))
			.min(Comparator.comparing(Commitment.Occurrence::start))
			.map(o -> o.commitment().place().coordinates())
			.orElse(null);
	}

	private static boolean preferred(Preferences preferences, ZonedDateTime start, Provider.Session session) {
		if (!preferences.evenings() && !preferences.saturdays()) {
			return true;
		}
		return (preferences.evenings() && session.evening())
				|| (preferences.saturdays() && start.getDayOfWeek() == java.time.DayOfWeek.SATURDAY);
	}

	/** How the candidate times of a visit were blocked. */
	private static final class Blocked {

		int times;

		final Map<Conflict.Kind, Integer> by = new EnumMap<>(Conflict.Kind.class);

		final Map<Conflict.Kind, Integer> onlyBy = new EnumMap<>(Conflict.Kind.class);

		final Map<Conflict.Kind, String> example = new EnumMap<>(Conflict.Kind.class);

		void add(List<Conflict> conflicts) {
			this.times++;
			var kinds = conflicts.stream().map(Conflict::kind).distinct().toList();
			for (Conflict c : conflicts) {
				this.example.putIfAbsent(c.kind(), c.explanation());
			}
			kinds.forEach(k -> this.by.merge(k, 1, Integer::sum));
			if (kinds.size() == 1) {
				this.onlyBy.merge(kinds.get(0), 1, Integer::sum);
			}
		}

	}

	private static String explainNone(NeededVisit visit, List<Provider> offering, List<Provider> all, Blocked blocked) {
		String window = Explain.DAY.format(visit.earliest()) + " to " + Explain.DAY.format(visit.latest());
		if (offering.isEmpty()) {
			return visit.provider() != null ? "There is no provider " + visit.provider()
					: "No provider offers " + visit.type() + "; add one, or ask for another type";
		}
		List<String> telehealth = offering.stream().filter(Provider::telehealth).map(Provider::name).toList();
		if (blocked.times == 0) {
			String text = "No session from " + window + " of "
					+ offering.stream().map(Provider::name).collect(Collectors.joining(", "));
			if (!visit.modes().contains(VisitMode.TELEHEALTH) && telehealth.isEmpty() && !visit.modes().isEmpty()) {
				return text + " for a visit this long; a wider window would make it placeable";
			}
			return text + "; a wider window would make it placeable";
		}
		StringBuilder text = new StringBuilder(
				"None of the " + blocked.times + " possible times from " + window + " fits: ");
		text.append(blocked.by.entrySet()
			.stream()
			.map(e -> e.getValue() + " " + words(e.getKey()) + " (such as \"" + blocked.example.get(e.getKey()) + "\")")
			.collect(Collectors.joining("; ")));
		List<String> would = new ArrayList<>();
		blocked.onlyBy
			.forEach((kind, n) -> would.add(remedy(kind) + " would free " + n + (n == 1 ? " time" : " times")));
		if (!visit.modes().contains(VisitMode.TELEHEALTH) && !telehealth.isEmpty()) {
			would.add("allowing telehealth (" + String.join(", ", telehealth) + " offer"
					+ (telehealth.size() == 1 ? "s" : "") + " it)");
		}
		would.add("a wider window");
		text.append(". Placeable with: ").append(String.join("; ", would));
		return text.toString();
	}

	private static String words(Conflict.Kind kind) {
		return switch (kind) {
			case COMMITMENT -> "overlap the person's commitments";
			case APPOINTMENT -> "clash with their other appointments";
			case OPENING_HOURS -> "fall outside the providers' hours";
			case PROVIDER_BOOKED -> "are booked with others";
			case TRANSPORT -> "cannot be reached with their transport";
			case LANGUAGE -> "are with providers who do not speak their language";
			case TELEHEALTH -> "are video visits the person is not ready for";
		};
	}

	private static String remedy(Conflict.Kind kind) {
		return switch (kind) {
			case COMMITMENT -> "moving a commitment";
			case APPOINTMENT -> "moving one of their appointments";
			case OPENING_HOURS -> "another session";
			case PROVIDER_BOOKED -> "another provider or a cancellation";
			case TRANSPORT -> "other transport (the ride program's hours or notice, a shorter trip)";
			case LANGUAGE -> "an interpreter (the language preferred, not required)";
			case TELEHEALTH -> "phone or in person, or what the telehealth checklist lacks";
		};
	}

	/**
	 * The proposal from the solver's best schedule. A visit that still breaks a hard rule
	 * when the search ends is taken out, the one breaking most first, until none does.
	 */
	private Proposal proposal(Problem problem, ChoreographySolution solution) {
		Map<Integer, Slot> slots = new HashMap<>();
		List<VisitAssignment> kept = new ArrayList<>();
		for (VisitAssignment v : solution.visits()) {
			if (v.slot() != null) {
				kept.add(v);
			}
		}
		while (true) {
			VisitAssignment worst = null;
			int most = 0;
			for (VisitAssignment v : kept) {
				int n = violations(v, kept, problem.orders());
				if (n > most || (n == most && n > 0 && v.id() > worst.id())) {
					worst = v;
					most = n;
				}
			}
			if (worst == null) {
				break;
			}
			kept.remove(worst);
		}
		kept.forEach(v -> slots.put(v.id(), v.slot()));
		List<Proposal.Placed> placed = new ArrayList<>();
		List<Proposal.Unplaced> unplaced = new ArrayList<>();
		for (VisitAssignment v : problem.visits()) {
			Slot s = slots.get(v.id());
			if (s != null) {
				placed.add(new Proposal.Placed(v.visit().type(), s.start, s.end, s.location, s.provider, s.mode,
						notes(s, problem.preferences())));
				continue;
			}
			String reason = problem.noCandidates().get(v.id());
			if (reason == null) {
				List<String> orders = problem.orders()
					.stream()
					.filter(o -> o.before() == v.id() || o.after() == v.id())
					.map(o -> o.order().describe())
					.distinct()
					.toList();
				reason = "Each of its " + v.candidates().size() + " free times clashes with the other visits placed"
						+ (orders.isEmpty() ? "" : " or breaks the order (" + String.join("; ", orders) + ")")
						+ (v.severalPerDay() ? "" : " or the one visit a day the person can manage")
						+ ". Placeable with: a wider window, or fewer visits in it";
			}
			unplaced.add(new Proposal.Unplaced(v.visit().type(), reason));
		}
		placed.sort(Comparator.comparing(Proposal.Placed::start));
		return new Proposal(placed, trips(kept), unplaced, solution.score() == null ? "" : solution.score().toString());
	}

	static int trips(List<VisitAssignment> visits) {
		return (int) visits.stream()
			.map(VisitAssignment::slot)
			.filter(s -> s != null && s.inPerson())
			.map(Slot::day)
			.distinct()
			.count();
	}

}
