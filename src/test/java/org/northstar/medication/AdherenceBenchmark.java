package org.northstar.medication;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.northstar.medication.ProportionOfDaysCovered.Fill;
import org.northstar.medication.ProportionOfDaysCovered.Stay;

/**
 * The proportion of days covered for a synthetic population over a year, in people per
 * second: the calculation alone ({@link ProportionOfDaysCovered}), not the reading of
 * fills from the database. Each person has three classes (a statin, a RAS antagonist, a
 * diabetes medicine), monthly or 90-day fills with late refills, a switch within one
 * class for one person in ten, and a hospital stay for one in five.
 *
 * <p>
 * Usage: {@code AdherenceBenchmark [people] [runs]}.
 */
public final class AdherenceBenchmark {

	private static final LocalDate FROM = LocalDate.of(2025, 12, 1);

	private static final LocalDate TO = LocalDate.of(2026, 11, 30);

	private static final DrugClass[] CLASSES = { DrugClass.STATIN, DrugClass.RAS_ANTAGONIST, DrugClass.DIABETES };

	private AdherenceBenchmark() {
	}

	public static void main(String[] args) {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		List<List<List<Fill>>> fills = new ArrayList<>(people);
		List<List<Stay>> stays = new ArrayList<>(people);
		SplittableRandom random = new SplittableRandom(16);
		long fillCount = 0;
		for (int p = 0; p < people; p++) {
			List<List<Fill>> person = new ArrayList<>();
			for (DrugClass drugClass : CLASSES) {
				List<Fill> of = new ArrayList<>();
				int supply = random.nextInt(4) == 0 ? 90 : 30;
				LocalDate day = FROM.plusDays(random.nextInt(60));
				String medicine = drugClass.code() + "-a";
				while (!day.isAfter(TO)) {
					of.add(new Fill(medicine, day, supply));
					day = day.plusDays(supply - 3 + random.nextInt(15));
					if (random.nextInt(120) == 0) {
						medicine = drugClass.code() + "-b";
					}
				}
				fillCount += of.size();
				person.add(of);
			}
			fills.add(person);
			LocalDate admitted = FROM.plusDays(random.nextInt(300));
			stays.add(random.nextInt(5) == 0 ? List.of(new Stay(admitted, admitted.plusDays(random.nextInt(10))))
					: List.of());
		}
		System.out.printf("population: %d people, %d fills, %d classes each, %s to %s%n", people, fillCount,
				CLASSES.length, FROM, TO);
		for (int run = 1; run <= runs; run++) {
			long adherent = 0;
			long start = System.nanoTime();
			for (int p = 0; p < people; p++) {
				List<List<Fill>> person = fills.get(p);
				for (int c = 0; c < CLASSES.length; c++) {
					ClassAdherence a = ProportionOfDaysCovered.of(CLASSES[c], person.get(c), stays.get(p), FROM, TO);
					if (Boolean.TRUE.equals(a.adherent())) {
						adherent++;
					}
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"run %d: %d people in %.2f s: %.0f people/s, one thread (%d of %d class measures"
							+ " adherent; %d cores)%n",
					run, people, seconds, people / seconds, adherent, people * (long) CLASSES.length,
					Runtime.getRuntime().availableProcessors());
		}
	}

}
