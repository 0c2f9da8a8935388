package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.shared.PatientId;

/**
 * Where one event of the overnight review ranks, and why, in the coordinator's words. The
 * order, each step explained on the row:
 * <ol>
 * <li>a readmission, or a return to the emergency department, within 30 days of an
 * inpatient discharge of the person: the events transitional care exists to prevent;</li>
 * <li>an admission or ED visit of a person whose latest LACE or HOSPITAL is in its high
 * band;</li>
 * <li>everything else;</li>
 * </ol>
 * within each, the higher risk band first (high, then moderate or intermediate, then low,
 * then no score), then the newest.
 *
 * @param position the row's place in the review, from 1
 * @param why why it ranks there: "Readmitted within 30 days of the discharge on 20 Nov
 * 2026 · LACE 12 (high)"
 */
public record ReviewRank(HospitalEvent event, int position, Group group, String why) {

	/** The days after a discharge in which a return counts as a readmission (CMS's). */
	static final int READMISSION_DAYS = 30;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	/** The steps of the order, first to last. */
	public enum Group {

		/** Back in hospital within 30 days of a discharge. */
		RETURNED_WITHIN_30_DAYS,
		/** Admitted or in the ED, with a high LACE or HOSPITAL. */
		HIGH_RISK_ARRIVAL,
		/** Everything else, by risk band. */
		BY_BAND

	}

	/**
	 * Ranks the review's events.
	 * @param risks each event's person's current scores (of their latest finished stay),
	 * by the event's patient record; missing means no score
	 * @param previousDischarges for an admission or ED visit, the day of the person's
	 * latest inpatient discharge in the 30 days before it, by event; missing means none
	 */
	static List<ReviewRank> rank(List<HospitalEvent> events, Map<PatientId, PersonRisk> risks,
			Map<HospitalEvent, LocalDate> previousDischarges) {
		record Ranked(HospitalEvent event, Group group, int band, String why) {
		}
		List<Ranked> ranked = new ArrayList<>(events.size());
		for (HospitalEvent event : events) {
			PersonRisk risk = risks.getOrDefault(event.patient(), PersonRisk.NONE);
			int band = bandOrder(risk);
			boolean arrival = event.kind() != HospitalEventKind.DISCHARGED;
			LocalDate previous = arrival ? previousDischarges.get(event) : null;
			String scores = scores(risk);
			Group group;
			String why;
			if (previous != null) {
				group = Group.RETURNED_WITHIN_30_DAYS;
				why = (event.kind() == HospitalEventKind.ED_VISIT ? "Back in the ED" : "Readmitted")
						+ " within 30 days of the discharge on " + DAY.format(previous) + " · " + scores;
			}
			else if (arrival && band == 0) {
				group = Group.HIGH_RISK_ARRIVAL;
				why = (event.kind() == HospitalEventKind.ED_VISIT ? "ED visit" : "Admission")
						+ " of a person at high risk · " + scores;
			}
			else {
				group = Group.BY_BAND;
				why = (band == 3 ? "No risk score yet" : "Risk band " + bandName(risk) + " · " + scores)
						+ "; after readmissions and high-risk arrivals";
			}
			ranked.add(new Ranked(event, group, band, why));
		}
		ranked.sort(Comparator.comparing(Ranked::group)
			.thenComparingInt(Ranked::band)
			.thenComparing((Ranked r) -> r.event().at(), Comparator.<Instant>reverseOrder())
			.thenComparing(r -> r.event().patient().value()));
		List<ReviewRank> ranks = new ArrayList<>(ranked.size());
		for (Ranked r : ranked) {
			ranks.add(new ReviewRank(r.event(), ranks.size() + 1, r.group(), r.why()));
		}
		return ranks;
	}

	/** 0 high, 1 moderate or intermediate, 2 low, 3 no score: the higher of the two. */
	private static int bandOrder(PersonRisk risk) {
		return Math.min(bandOrder(risk.lace()), bandOrder(risk.hospital()));
	}

	private static int bandOrder(RiskAssessment score) {
		if (score == null) {
			return 3;
		}
		return switch (score.band()) {
			case HIGH -> 0;
			case MODERATE, INTERMEDIATE -> 1;
			case LOW -> 2;
		};
	}

	private static String bandName(PersonRisk risk) {
		int order = bandOrder(risk);
		for (RiskAssessment score : new RiskAssessment[] { risk.lace(), risk.hospital() }) {
			if (score != null && bandOrder(score) == order) {
				return score.band().code();
			}
		}
		return RiskBand.LOW.code();
	}

	private static String scores(PersonRisk risk) {
		List<String> parts = new ArrayList<>(2);
		for (RiskAssessment score : new RiskAssessment[] { risk.lace(), risk.hospital() }) {
			if (score != null) {
				parts.add(score.instrument() + " " + score.score() + " (" + score.band().code() + ")");
			}
		}
		return parts.isEmpty() ? "no risk score yet" : String.join(", ", parts);
	}

}
