package org.northstar.worklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.risk.Instrument;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskBand;
import org.northstar.shared.PatientId;
import org.northstar.worklist.ReviewRank.Group;

import static org.assertj.core.api.Assertions.assertThat;

/** The overnight review's order, and the reason each row gives for its place. */
class ReviewRankTests {

	static final Instant NIGHT = Instant.parse("2026-12-01T06:00:00Z");

	final PatientId readmitted = person();

	final PatientId highRisk = person();

	final PatientId moderate = person();

	final PatientId unscored = person();

	@Test
	void readmissionsThenHighRiskArrivalsThenBandThenNewest() {
		HospitalEvent readmission = event(this.readmitted, HospitalEventKind.ADMITTED, 1);
		HospitalEvent highEd = event(this.highRisk, HospitalEventKind.ED_VISIT, 2);
		HospitalEvent moderateAdmission = event(this.moderate, HospitalEventKind.ADMITTED, 5);
		HospitalEvent unscoredNewest = event(this.unscored, HospitalEventKind.ED_VISIT, 6);
		HospitalEvent highDischarge = event(this.highRisk, HospitalEventKind.DISCHARGED, 7);

		List<ReviewRank> ranks = ReviewRank.rank(
				List.of(unscoredNewest, highDischarge, moderateAdmission, highEd, readmission),
				Map.of(this.readmitted, risk(Instrument.LACE, 4), this.highRisk, risk(Instrument.HOSPITAL, 8),
						this.moderate, risk(Instrument.LACE, 7)),
				Map.of(readmission, LocalDate.of(2026, 11, 20)));

		assertThat(ranks).extracting(ReviewRank::event)
			.containsExactly(readmission, highEd, highDischarge, moderateAdmission, unscoredNewest);
		assertThat(ranks).extracting(ReviewRank::position).containsExactly(1, 2, 3, 4, 5);
		assertThat(ranks).extracting(ReviewRank::group)
			.containsExactly(Group.RETURNED_WITHIN_30_DAYS, Group.HIGH_RISK_ARRIVAL, Group.BY_BAND, Group.BY_BAND,
					Group.BY_BAND);
		assertThat(ranks).extracting(ReviewRank::why)
			.containsExactly("Readmitted within 30 days of the discharge on 20 Nov 2026 · LACE 4 (low)",
					"ED visit of a person at high risk · HOSPITAL 8 (high)",
					"Risk band high · HOSPITAL 8 (high); after readmissions and high-risk arrivals",
					"Risk band moderate · LACE 7 (moderate); after readmissions and high-risk arrivals",
					"No risk score yet; after readmissions and high-risk arrivals");
	}

	@Test
	void aReturnToTheEdWithinThirtyDaysRanksWithReadmissionsAndTheNewestFirstWithinEach() {
		HospitalEvent older = event(this.readmitted, HospitalEventKind.ADMITTED, 1);
		HospitalEvent ed = event(this.unscored, HospitalEventKind.ED_VISIT, 3);

		List<ReviewRank> ranks = ReviewRank.rank(List.of(older, ed), Map.of(),
				Map.of(older, LocalDate.of(2026, 11, 20), ed, LocalDate.of(2026, 11, 28)));

		assertThat(ranks).extracting(ReviewRank::event).containsExactly(ed, older);
		assertThat(ranks.get(0).why())
			.isEqualTo("Back in the ED within 30 days of the discharge on 28 Nov 2026 · no risk score yet");
	}

	private static HospitalEvent event(PatientId patient, HospitalEventKind kind, int hoursAfterMidnight) {
		Instant at = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(3600L * hoursAfterMidnight);
		return new HospitalEvent(patient, kind, at, at, "4W", null, null, "hl7:TEST");
	}

	private static PersonRisk risk(Instrument instrument, int score) {
		RiskAssessment assessment = new RiskAssessment(UUID.randomUUID(), instrument, person(), UUID.randomUUID(),
				NIGHT.minusSeconds(86_400 * 10), score, RiskBand.of(instrument, score), true, Map.of(), List.of(),
				List.of(), NIGHT, null);
		return instrument == Instrument.LACE ? new PersonRisk(assessment, null) : new PersonRisk(null, assessment);
	}

	private static PatientId person() {
		return new PatientId(UUID.randomUUID());
	}

}
