package org.northstar.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.ClinicalHistory;
import org.northstar.clinical.ClinicalHistory.LabResult;
import org.northstar.clinical.ClinicalHistory.Visit;
import org.northstar.shared.PatientId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One visit reported by two of a person's records is scored and counted once; two visits
 * one source sent stay two.
 */
class ScoringTests {

	private static final Instant ADMITTED = Instant.parse("2026-09-01T15:00:00Z");

	private static final Instant DISCHARGED = Instant.parse("2026-09-05T15:00:00Z");

	private final Scoring scoring = new Scoring(CharlsonIndex.load(), LabCodes.load(), OncologyServices.load(),
			ZoneId.of("America/New_York"));

	private final PatientId feed = new PatientId(UUID.randomUUID());

	private final PatientId ehr = new PatientId(UUID.randomUUID());

	@Test
	void aStayTwoRecordsReportIsScoredOnceWithWhatIsLinkedToEitherReport() {
		Visit fromFeed = stay(this.feed, ADMITTED, "EM");
		// The EHR's report of it: five minutes apart, no priority, and a haemoglobin
		// taken the day before admission that the EHR linked to its encounter.
		Visit fromEhr = stay(this.ehr, ADMITTED.plusSeconds(300), null);
		LabResult haemoglobin = new LabResult(UUID.randomUUID(), this.ehr, fromEhr.id(), LabCodes.LOINC, "718-7",
				"Hemoglobin", new BigDecimal("9.1"), "g/dL", ADMITTED.minusSeconds(86_400));

		List<Scoring.Scored> scored = this.scoring.score(List.of(history(this.feed, List.of(fromFeed), List.of()),
				history(this.ehr, List.of(fromEhr), List.of(haemoglobin))));

		assertThat(scored).extracting(Scoring.Scored::encounter).containsExactly(fromFeed.id(), fromFeed.id());
		Scoring.Scored hospital = scored.stream().filter(s -> s.instrument() == Instrument.HOSPITAL).findFirst().get();
		assertThat(hospital.components()).containsEntry("H", 1);
		assertThat(hospital.facts())
			.anySatisfy(f -> assertThat(f.reference()).isEqualTo("Observation/" + haemoglobin.id()));
	}

	@Test
	void twoStaysOneSourceSentOnOneDayStayTwo() {
		Visit morning = stay(this.feed, ADMITTED, "EM");
		Visit evening = stay(this.feed, ADMITTED.plusSeconds(3_600), "EM");

		List<Scoring.Scored> scored = this.scoring.score(List
			.of(history(this.feed, List.of(morning, evening), List.of()), history(this.ehr, List.of(), List.of())));

		assertThat(scored).extracting(Scoring.Scored::encounter)
			.containsExactlyInAnyOrder(morning.id(), morning.id(), evening.id(), evening.id());
	}

	@Test
	void staysOfTwoRecordsThatDoNotOverlapAreTwo() {
		// Transferred: in one hospital from 07:00 to 10:00 (New York), admitted to the
		// next at 11:00 the same day.
		Visit first = new Visit(UUID.randomUUID(), this.feed, "finished", "IMP", null, ADMITTED.minusSeconds(4 * 3_600),
				ADMITTED.minusSeconds(3_600), "EM", null, null, null);
		Visit next = stay(this.ehr, ADMITTED, "EM");

		List<Scoring.Scored> scored = this.scoring
			.score(List.of(history(this.feed, List.of(first), List.of()), history(this.ehr, List.of(next), List.of())));

		assertThat(scored).extracting(Scoring.Scored::encounter).containsOnly(first.id(), next.id()).hasSize(4);
	}

	private static Visit stay(PatientId record, Instant admitted, String priority) {
		return new Visit(UUID.randomUUID(), record, "finished", "IMP", null, admitted, DISCHARGED, priority, null, null,
				null);
	}

	private static ClinicalHistory history(PatientId record, List<Visit> visits, List<LabResult> results) {
		return new ClinicalHistory(record, visits, List.of(), results, List.of());
	}

}
