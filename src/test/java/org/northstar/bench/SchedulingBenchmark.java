package org.northstar.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.northstar.scheduling.Appointment;
import org.northstar.scheduling.Choreography;
import org.northstar.scheduling.Commitment;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.Location;
import org.northstar.scheduling.NeededVisit;
import org.northstar.scheduling.PersonSchedule;
import org.northstar.scheduling.Preferences;
import org.northstar.scheduling.Proposal;
import org.northstar.scheduling.Provider;
import org.northstar.scheduling.ScheduleRequest;
import org.northstar.scheduling.StraightLineTravel;
import org.northstar.scheduling.Transport;
import org.northstar.scheduling.VisitMode;
import org.northstar.scheduling.VisitOrder;
import org.northstar.shared.PatientId;

/**
 * Appointment choreography benchmark (issue 17): seeded instances of N visits across P
 * providers over 6 weeks with dense calendars (70% of each provider's half hours booked)
 * for a person on dialysis Mon/Wed/Fri; the time to the first feasible schedule and the
 * best score at checkpoints, beside the greedy earliest-time baseline on the same
 * instance.
 *
 * <pre>
 * java ... SchedulingBenchmark VISITS,VISITS PROVIDERS,PROVIDERS SECONDS [CHECKPOINTS] [SEED]
 * </pre>
 */
public final class SchedulingBenchmark {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final LocalDate START = LocalDate.of(2027, 1, 4);

	static final Instant NOW = ZonedDateTime.of(LocalDateTime.of(2027, 1, 1, 8, 0), ZONE).toInstant();

	static final List<String> SPECIALTIES = List.of("cardiology", "endocrinology", "nephrology", "podiatry",
			"ophthalmology", "neurology", "lab", "pulmonology");

	private SchedulingBenchmark() {
	}

	public static void main(String[] args) {
		String[] sizes = args.length > 0 ? args[0].split(",") : new String[] { "10", "20", "40" };
		String[] providerCounts = args.length > 1 ? args[1].split(",") : new String[] { "5", "10", "15" };
		long seconds = args.length > 2 ? Long.parseLong(args[2]) : 30;
		String[] checkpoints = args.length > 3 ? args[3].split(",") : new String[] { "2", "10", "30" };
		long seed = args.length > 4 ? Long.parseLong(args[4]) : 17;
		System.out.printf("%-7s %-9s %-26s %-10s %s%n", "visits", "providers", "greedy trips/unplaced", "feasible",
				"solver best score, trips, unplaced at each checkpoint");
		for (int i = 0; i < sizes.length; i++) {
			int visits = Integer.parseInt(sizes[i].strip());
			int providers = Integer.parseInt(providerCounts[Math.min(i, providerCounts.length - 1)].strip());
			run(visits, providers, Duration.ofSeconds(seconds), checkpoints, seed);
		}
	}

	static void run(int visitCount, int providerCount, Duration limit, String[] checkpoints, long seed) {
		Random random = new Random(seed * 31 + visitCount * 7L + providerCount);
		List<Provider> providers = providers(random, providerCount);
		List<Appointment> bookings = bookings(random, providers);
		PersonSchedule person = new PersonSchedule(
				List.of(Commitment.weekly(Commitment.Kind.DIALYSIS,
						Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), LocalTime.of(6, 0),
						LocalTime.of(10, 0), 120)),
				new Transport(false, 0, null, null, Set.of(), false, null, new Coordinates(39.96, -83.0)),
				Preferences.NONE, List.of(), Map.of());
		List<NeededVisit> needed = new ArrayList<>();
		for (int i = 0; i < visitCount; i++) {
			String type = providers.get(random.nextInt(providers.size())).specialty();
			LocalDate earliest = START.plusDays(random.nextInt(14));
			LocalDate latest = earliest.plusDays(14 + random.nextInt(14));
			Set<VisitMode> modes = random.nextInt(5) == 0 ? EnumSet.of(VisitMode.IN_PERSON, VisitMode.TELEHEALTH)
					: EnumSet.of(VisitMode.IN_PERSON);
			needed.add(new NeededVisit(type, null, null, earliest, latest, modes));
		}
		List<VisitOrder> order = List.of(new VisitOrder("lab", "cardiology", 2));
		ScheduleRequest request = new ScheduleRequest(needed, order, limit, seed, null);
		Choreography choreography = new Choreography(new StraightLineTravel(), ZONE);

		long greedyStart = System.nanoTime();
		Proposal greedy = choreography.greedy(person, providers, bookings, request, NOW);
		double greedySeconds = (System.nanoTime() - greedyStart) / 1e9;

		List<Choreography.Progress> progress = new ArrayList<>();
		long solveStart = System.nanoTime();
		Proposal solved = choreography.propose(person, providers, bookings, request, NOW, limit, progress::add);
		double total = (System.nanoTime() - solveStart) / 1e9;
		Choreography.Progress feasible = progress.stream()
			.filter(Choreography.Progress::feasible)
			.findFirst()
			.orElse(null);
		StringBuilder at = new StringBuilder();
		for (String checkpoint : checkpoints) {
			Duration when = Duration.ofMillis((long) (Double.parseDouble(checkpoint) * 1000));
			Choreography.Progress best = null;
			for (Choreography.Progress p : progress) {
				if (p.elapsed().compareTo(when) <= 0) {
					best = p;
				}
			}
			at.append(String.format("  @%ss %s, %s trips", checkpoint, best == null ? "-" : best.score(),
					best == null ? "-" : best.trips()));
		}
		System.out.printf("%-7d %-9d %-26s %-10s%s%n", visitCount, providerCount,
				greedy.trips() + " / " + greedy.unplaced().size() + " (" + String.format("%.2f s", greedySeconds) + ")",
				feasible == null ? "never" : String.format("%.2f s", feasible.elapsed().toNanos() / 1e9), at);
		System.out.printf(
				"        final: %d trips, %d unplaced, score %s in %.1f s (from the start, candidate times included); "
						+ "greedy score %s; trips %+.0f%% vs greedy%n",
				solved.trips(), solved.unplaced().size(), solved.score(), total, greedy.score(),
				100.0 * (solved.trips() - greedy.trips()) / Math.max(1, greedy.trips()));
	}

	static List<Provider> providers(Random random, int count) {
		List<Location> locations = new ArrayList<>();
		for (int i = 0; i < Math.max(2, count / 2); i++) {
			locations.add(new Location("loc" + i, "Clinic " + i, null, new Coordinates(
					39.96 + (random.nextDouble() - 0.5) * 0.25, -83.0 + (random.nextDouble() - 0.5) * 0.3)));
		}
		List<Provider> providers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String specialty = SPECIALTIES.get(i % SPECIALTIES.size());
			List<Provider.Session> sessions = new ArrayList<>();
			for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
				if (random.nextInt(5) > 0) {
					sessions.add(new Provider.Session(day, LocalTime.of(8, 0), LocalTime.of(12, 0)));
					sessions.add(new Provider.Session(day, LocalTime.of(13, 0), LocalTime.of(17, 0)));
				}
			}
			if (random.nextBoolean()) {
				sessions.add(new Provider.Session(DayOfWeek.THURSDAY, LocalTime.of(17, 0), LocalTime.of(20, 0)));
			}
			if (random.nextInt(3) == 0) {
				sessions.add(new Provider.Session(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
			}
			providers.add(new Provider("p" + i, "Provider " + i, specialty, locations.get(i % locations.size()),
					random.nextInt(3) == 0, List.of(), sessions, List.of(),
					Map.of(specialty, specialty.equals("lab") ? 15 : 30)));
		}
		return providers;
	}

	static List<Appointment> bookings(Random random, List<Provider> providers) {
		List<Appointment> bookings = new ArrayList<>();
		PatientId others = new PatientId(new java.util.UUID(0, 1));
		Map<String, Integer> ids = new HashMap<>();
		for (Provider p : providers) {
			for (LocalDate day = START; day.isBefore(START.plusWeeks(6)); day = day.plusDays(1)) {
				for (Provider.Session s : p.sessionsOn(day.getDayOfWeek())) {
					for (LocalTime t = s.start(); t.isBefore(s.end()); t = t.plusMinutes(30)) {
						if (random.nextInt(10) < 7) {
							ZonedDateTime start = ZonedDateTime.of(day, t, ZONE);
							ids.merge(p.id(), 1, Integer::sum);
							bookings.add(new Appointment(new java.util.UUID(1, bookings.size()), others, p.id(),
									p.location().id(), p.specialty(), start, start.plusMinutes(30), VisitMode.IN_PERSON,
									Appointment.Status.BOOKED, Appointment.Origin.NORTHSTAR, null, "bench"));
						}
					}
				}
			}
		}
		return bookings;
	}

}
