package org.northstar.medication;

import java.time.LocalDate;
import java.util.List;

/**
 * A person's reconciled medication list.
 *
 * @param lines active medicines first, high-risk first among them
 * @param lastReconciliation the newest coordinator's reconciliation, or null
 * @param lastVisit the day of the person's latest encounter before today, or null: where
 * "what changed since" starts by default
 */
public record MedicationList(List<MedicationLine> lines, Reconciliation lastReconciliation, LocalDate lastVisit) {

	public MedicationList {
		lines = List.copyOf(lines);
	}

	public List<MedicationLine> active() {
		return this.lines.stream().filter(MedicationLine::active).toList();
	}

	public List<MedicationLine> stopped() {
		return this.lines.stream().filter(l -> !l.active()).toList();
	}

	public long flagged() {
		return this.lines.stream().filter(l -> !l.flags().isEmpty()).count();
	}

}
