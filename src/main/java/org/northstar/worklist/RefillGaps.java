package org.northstar.worklist;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.northstar.shared.PatientId;

/**
 * Medicines whose supply ran out and has not been refilled, as a reason for Today. The
 * medicines module answers (it owns the fills); Today asks for all of a page's people at
 * once and only shows what it is told, so a new fill clears the reason on the next read:
 * nothing is stored that could go stale.
 */
public interface RefillGaps {

	/**
	 * The current refill gaps of each person, at least {@code minimumDays} long.
	 * @param people each person's records (the person's key among them)
	 * @param today the practice's today: a gap runs up to it
	 * @return per person with a gap, the gaps, the longest first; people without any are
	 * absent
	 */
	Map<PatientId, List<RefillGap>> of(Map<PatientId, ? extends Collection<PatientId>> people, LocalDate today,
			int minimumDays);

	/**
	 * One class of medicine the person ran out of.
	 *
	 * @param medicineClass the class as a coordinator names it ("statin")
	 * @param medicine the medicine last filled ("Simvastatin 10 MG Oral Tablet")
	 * @param ranOutOn the first day without supply
	 * @param days days without supply up to today, days in hospital not counted
	 */
	record RefillGap(String medicineClass, String medicine, LocalDate ranOutOn, int days) {
	}

}
