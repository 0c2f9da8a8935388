package org.northstar.medication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.northstar.medication.ClassAdherence.Gap;

/**
 * The proportion of days covered (PDC) of one class, by PQA's definition as issue 16
 * states it:
 * <ul>
 * <li>only fills dated in the period count; fills of one medicine on one day are one
 * fill, with the longest supply;</li>
 * <li>at least two fills on different days, the first at least 91 days before the
 * period's end; else no PDC, and the reason;</li>
 * <li>the measurement runs from the first fill to the period's end, both days
 * included;</li>
 * <li>a medicine's supply that overlaps its own earlier supply is shifted forward (taken
 * after it); supplies of different medicines of the class are not shifted (a switch), a
 * day is covered when any of them covers it;</li>
 * <li>days in hospital count neither for nor against: they leave the period, and the
 * supply at home is not used up during them (it is shifted past the stay);</li>
 * <li>adherent at the class's threshold (80%, 90% for antiretrovirals), compared exactly,
 * not after rounding.</li>
 * </ul>
 * Pure and allocation-light: the benchmark runs it for 100,000 people.
 */
final class ProportionOfDaysCovered {

	static final int MINIMUM_DAYS_BEFORE_END = 91;

	private ProportionOfDaysCovered() {
	}

	/**
	 * A fill: what medicine (one key per ingredient set), when, for how many days.
	 *
	 * @param daysSupply null when the source did not say: 30 days are assumed
	 */
	record Fill(String medicine, LocalDate date, Integer daysSupply) {
	}

	/** A hospital stay, both days included. */
	record Stay(LocalDate from, LocalDate to) {
	}

	static ClassAdherence of(DrugClass drugClass, List<Fill> allFills, List<Stay> stays, LocalDate from, LocalDate to) {
		List<Fill> fills = unique(allFills, from, to);
		int assumed = (int) fills.stream().filter(f -> f.daysSupply() == null).count();
		long fillDays = fills.stream().map(Fill::date).distinct().count();
		if (fillDays < 2) {
			return new ClassAdherence(drugClass, null, null, fills.size(), fills.isEmpty() ? null : fills.get(0).date(),
					0, 0, 0, assumed, List.of(),
					"Fewer than two fills on different days between " + from + " and " + to);
		}
		LocalDate index = fills.get(0).date();
		if (ChronoUnit.DAYS.between(index, to) < MINIMUM_DAYS_BEFORE_END) {
			return new ClassAdherence(drugClass, null, null, fills.size(), index, 0, 0, 0, assumed, List.of(),
					"The first fill (" + index + ") is less than " + MINIMUM_DAYS_BEFORE_END + " days before " + to);
		}
		byte[] days = days(fills, stays, to);
		int covered = 0;
		int hospitalDays = 0;
		List<Gap> gaps = new ArrayList<>();
		int gapStart = -1;
		for (int i = 0; i < days.length; i++) {
			if (days[i] == UNCOVERED) {
				if (gapStart < 0) {
					gapStart = i;
				}
				continue;
			}
			if (gapStart >= 0) {
				gaps.add(new Gap(index.plusDays(gapStart), index.plusDays(i - 1)));
				gapStart = -1;
			}
			if (days[i] == IN_HOSPITAL) {
				hospitalDays++;
			}
			else {
				covered++;
			}
		}
		if (gapStart >= 0) {
			gaps.add(new Gap(index.plusDays(gapStart), to));
		}
		int inPeriod = days.length - hospitalDays;
		if (inPeriod == 0) {
			return new ClassAdherence(drugClass, null, null, fills.size(), index, 0, 0, hospitalDays, assumed,
					List.of(), "Every day from the first fill to " + to + " was spent in hospital");
		}
		BigDecimal pdc = BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(inPeriod), 4, RoundingMode.DOWN);
		boolean adherent = covered * 100L >= (long) drugClass.adherenceThreshold() * inPeriod;
		return new ClassAdherence(drugClass, pdc, adherent, fills.size(), index, covered, inPeriod, hospitalDays,
				assumed, gaps, null);
	}

	/**
	 * The class's supply as it stands today, from the same fills and the same rules as
	 * the PDC (a medicine's overlapping supply shifted forward, supply at home not used
	 * in hospital): the run of days without supply that reaches today, if any.
	 * @return the first day without supply and the days without it up to today, days in
	 * hospital not counted; empty while supplied, in hospital today, or never filled
	 * since {@code from}
	 */
	static Optional<CurrentGap> currentGap(List<Fill> allFills, List<Stay> stays, LocalDate from, LocalDate today) {
		List<Fill> fills = unique(allFills, from, today);
		if (fills.isEmpty()) {
			return Optional.empty();
		}
		byte[] days = days(fills, stays, today);
		int last = days.length - 1;
		if (days[last] != UNCOVERED) {
			return Optional.empty();
		}
		int without = 0;
		int i = last;
		while (i >= 0 && days[i] != COVERED) {
			if (days[i] == UNCOVERED) {
				without++;
			}
			i--;
		}
		return Optional.of(new CurrentGap(fills.get(0).date().plusDays(i + 1L), without));
	}

	/**
	 * Days without supply that reach today.
	 *
	 * @param ranOutOn the first day without supply
	 * @param days the days since, today included, days in hospital not counted
	 */
	record CurrentGap(LocalDate ranOutOn, int days) {
	}

	private static final byte UNCOVERED = 0;

	private static final byte COVERED = 1;

	private static final byte IN_HOSPITAL = 2;

	private record MedicineDay(String medicine, LocalDate date) {
	}

	/** One fill per medicine and day, with the longest supply, in date order. */
	private static List<Fill> unique(List<Fill> allFills, LocalDate from, LocalDate to) {
		Map<MedicineDay, Fill> unique = new LinkedHashMap<>();
		for (Fill fill : allFills) {
			if (fill.date() == null || fill.date().isBefore(from) || fill.date().isAfter(to)) {
				continue;
			}
			unique.merge(new MedicineDay(fill.medicine(), fill.date()), fill, (a, b) -> supply(b) > supply(a) ? b : a);
		}
		List<Fill> fills = new ArrayList<>(unique.values());
		fills.sort(Comparator.comparing(Fill::date));
		return fills;
	}

	/**
	 * Each day from the first fill to {@code to}: covered, in hospital or without supply.
	 * Each medicine's supply at home, in days: a fill adds to what is left, a day at home
	 * uses one of each, a day in hospital none.
	 */
	private static byte[] days(List<Fill> fills, List<Stay> stays, LocalDate to) {
		LocalDate index = fills.get(0).date();
		int length = (int) ChronoUnit.DAYS.between(index, to) + 1;
		byte[] days = new byte[length];
		for (Stay stay : stays) {
			for (LocalDate d = stay.from().isBefore(index) ? index : stay.from(); !d.isAfter(stay.to())
					&& !d.isAfter(to); d = d.plusDays(1)) {
				days[(int) ChronoUnit.DAYS.between(index, d)] = IN_HOSPITAL;
			}
		}
		// Medicines by their order of first fill.
		List<String> medicines = new ArrayList<>();
		int[] fillDay = new int[fills.size()];
		int[] fillMedicine = new int[fills.size()];
		for (int f = 0; f < fills.size(); f++) {
			Fill fill = fills.get(f);
			int m = medicines.indexOf(fill.medicine());
			if (m < 0) {
				m = medicines.size();
				medicines.add(fill.medicine());
			}
			fillMedicine[f] = m;
			fillDay[f] = (int) ChronoUnit.DAYS.between(index, fill.date());
		}
		int[] stock = new int[medicines.size()];
		int next = 0;
		for (int i = 0; i < length; i++) {
			while (next < fills.size() && fillDay[next] == i) {
				stock[fillMedicine[next]] += supply(fills.get(next));
				next++;
			}
			if (days[i] == IN_HOSPITAL) {
				continue;
			}
			for (int m = 0; m < stock.length; m++) {
				if (stock[m] > 0) {
					stock[m]--;
					days[i] = COVERED;
				}
			}
		}
		return days;
	}

	private static int supply(Fill fill) {
		return fill.daysSupply() != null ? Math.max(0, fill.daysSupply()) : Lines.ASSUMED_SUPPLY_DAYS;
	}

}
