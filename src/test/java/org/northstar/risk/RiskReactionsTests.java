package org.northstar.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.patient.RecordLinkage;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores follow the feed: a discharge (A03) scores the stay after the message commits,
 * with what the feed said about it (PV1-4 admission type, PV1-10 service) and what the
 * patient's other records hold.
 */
class RiskReactionsTests extends NorthstarTest {

	@Autowired
	MllpListener listener;

	@Autowired
	RiskScores risks;

	@Autowired
	RiskReactions reactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordLinkage linkage;

	@Test
	void aDischargeOverTheFeedScoresTheStay() throws Exception {
		send(Adt.anAdmit()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-1")
			.visit("V-RISK-1")
			.at("20261116150000")
			.admittedAt("20261116150000")
			.admissionType("E")
			.hospitalService("ONC"));
		PatientId patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param("MRN-RISK-1")
			.query(UUID.class)
			.single());
		// In hospital: nothing to score yet.
		assertThat(this.risks.forPerson(patient).none()).isTrue();

		send(Adt.aDischarge()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-1")
			.visit("V-RISK-1")
			.at("20261121150000")
			.admittedAt("20261116150000")
			.dischargedAt("20261121150000")
			.dischargeDisposition("01"));

		PersonRisk risk = this.risks.forPerson(patient);
		UUID stay = new RecordKey("hl7:RISKHOSP", "Encounter", "V-RISK-1").id();
		assertThat(risk.lace().encounter()).isEqualTo(stay);
		// L 4 (5 days), A 3 (PV1-4 E), C 0, E 0.
		assertThat(risk.lace().components()).containsExactly(entry("L", 4), entry("A", 3), entry("C", 0),
				entry("E", 0));
		assertThat(risk.lace().complete()).isTrue();
		// O 2 (ONC), IT 1, L 2; no results from the feed.
		assertThat(risk.hospital().components()).containsEntry("O", 2)
			.containsEntry("IT", 1)
			.containsEntry("L", 2)
			.containsEntry("H", 0);
		assertThat(risk.hospital().missing()).containsExactly("H: no haemoglobin result in the stay",
				"S: no sodium result in the stay");
	}

	@Test
	void anEmergencyVisitThatArrivesAfterTheDischargeButHappenedBeforeTheStayIsCounted() throws Exception {
		send(Adt.anAdmit()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-2")
			.visit("V-RISK-2")
			.at("20261116150000")
			.admittedAt("20261116150000"));
		send(Adt.aDischarge()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-2")
			.visit("V-RISK-2")
			.at("20261121150000")
			.admittedAt("20261116150000")
			.dischargedAt("20261121150000"));
		PatientId patient = patient("MRN-RISK-2");
		assertThat(this.risks.forPerson(patient).lace().components()).containsEntry("E", 0);

		// Sent late, after the discharge: an ED visit of a month before the admission.
		send(Adt.aRegistration()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-2")
			.visit("V-RISK-2-ED")
			.patientClass("E")
			.at("20261015090000")
			.admittedAt("20261015090000"));

		assertThat(this.risks.forPerson(patient).lace().components()).containsEntry("E", 1);
	}

	@Test
	void aReviewersLinkCountsTheOtherRecordsEmergencyVisitsForTheStay() throws Exception {
		// Two hospitals, two records the matcher cannot join: the ED's spelling differs.
		send(Adt.aRegistration()
			.from("EPIC", "RISK-ED")
			.forPatient("MRN-RISK-ED")
			.named("Okonkwo-Lindqvist", "Temperance")
			.born("19480302")
			.visit("V-RISK-ED")
			.patientClass("E")
			.at("20261020090000")
			.admittedAt("20261020090000"));
		send(Adt.anAdmit()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-4")
			.named("Lindqvist", "Tempe")
			.born("19480203")
			.visit("V-RISK-4")
			.at("20261116150000")
			.admittedAt("20261116150000"));
		send(Adt.aDischarge()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-4")
			.named("Lindqvist", "Tempe")
			.born("19480203")
			.visit("V-RISK-4")
			.at("20261121150000")
			.admittedAt("20261116150000")
			.dischargedAt("20261121150000"));
		PatientId stayRecord = patient("MRN-RISK-4");
		assertThat(this.risks.forPerson(stayRecord).lace().components()).containsEntry("E", 0);

		this.linkage.link(stayRecord, patient("MRN-RISK-ED"), "risk-reviewer");
		awaitReactions();

		assertThat(this.risks.forPerson(stayRecord).lace().components()).containsEntry("E", 1);
	}

	@Test
	void aStayTwoRecordsReportIsScoredOnceAndCountedOnce() throws Exception {
		// One stay, sent by the hospital's feed and again by its EHR's: two senders, so
		// two
		// records and two encounters, which the matcher cannot join (the EHR's spelling).
		Map<String, String[]> senders = Map.of("RISKHOSP", new String[] { "Abernathy-Quist", "Philippa", "19410707" },
				"RISKEHR", new String[] { "Quist", "Pippa", "19410707" });
		senders.forEach((facility, name) -> {
			try {
				send(twin(Adt.anAdmit(), facility, name).at("20260901150000").admittedAt("20260901150000"));
				send(twin(Adt.aDischarge(), facility, name).at("20260905150000")
					.admittedAt("20260901150000")
					.dischargedAt("20260905150000"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		// A later stay, on the feed alone.
		send(Adt.anAdmit()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-TWIN-RISKHOSP")
			.visit("V-TWIN-LATER")
			.at("20261101150000")
			.admittedAt("20261101150000"));
		send(Adt.aDischarge()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-TWIN-RISKHOSP")
			.visit("V-TWIN-LATER")
			.at("20261104150000")
			.admittedAt("20261101150000")
			.dischargedAt("20261104150000"));
		PatientId feed = patient("MRN-TWIN-RISKHOSP");
		UUID later = new RecordKey("hl7:RISKHOSP", "Encounter", "V-TWIN-LATER").id();
		Set<UUID> twins = Set.of(new RecordKey("hl7:RISKHOSP", "Encounter", "V-TWIN-RISKHOSP").id(),
				new RecordKey("hl7:RISKEHR", "Encounter", "V-TWIN-RISKEHR").id());

		this.linkage.link(feed, patient("MRN-TWIN-RISKEHR"), "risk-reviewer");
		awaitReactions();

		List<RiskAssessment> lace = this.risks.currentOfPerson(feed)
			.stream()
			.filter(a -> a.instrument() == Instrument.LACE)
			.toList();
		assertThat(lace).as("the later stay and one report of the first").hasSize(2);
		assertThat(lace).extracting(RiskAssessment::encounter).contains(later).containsAnyElementsOf(twins);
		// HOSPITAL's A: one admission in the 12 months before, 0 points (two would be 2).
		assertThat(this.risks.forPerson(feed).hospital().encounter()).isEqualTo(later);
		assertThat(this.risks.forPerson(feed).hospital().components()).containsEntry("A", 0);
	}

	@Test
	void feedChangesThatCannotChangeAScoreAreNotScoredAgain() throws Exception {
		send(Adt.anAdmit()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-3")
			.visit("V-RISK-3")
			.at("20261110150000")
			.admittedAt("20261110150000"));
		PatientId patient = patient("MRN-RISK-3");
		Instant admitted = Instant.parse("2026-11-10T15:00:00Z");
		Instant discharged = Instant.parse("2026-11-14T15:00:00Z");
		Instant later = Instant.parse("2026-11-20T08:00:00Z");

		// Nothing scored yet: an admission, a transfer, an ED visit change nothing.
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "in-progress", "IMP", admitted)))
			.isFalse();
		assertThat(this.reactions
			.changesScores(change(patient, "in-progress", "IMP", admitted, "in-progress", "IMP", admitted))).isFalse();
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "in-progress", "EMER", later)))
			.isFalse();
		// A discharge, a discharge cancelled, a finished stay corrected: the stay's own
		// scores.
		assertThat(this.reactions
			.changesScores(change(patient, "in-progress", "IMP", admitted, "finished", "IMP", admitted))).isTrue();
		assertThat(this.reactions
			.changesScores(change(patient, "finished", "IMP", admitted, "in-progress", "IMP", admitted))).isTrue();
		assertThat(
				this.reactions.changesScores(change(patient, "finished", "IMP", admitted, "finished", "AMB", admitted)))
			.isTrue();

		send(Adt.aDischarge()
			.from("EPIC", "RISKHOSP")
			.forPatient("MRN-RISK-3")
			.visit("V-RISK-3")
			.at("20261114150000")
			.admittedAt("20261110150000")
			.dischargedAt("20261114150000"));
		assertThat(this.risks.forPerson(patient).none()).isFalse();

		// After the scored stay: nothing it counts.
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "in-progress", "EMER", later)))
			.isFalse();
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "in-progress", "IMP", later)))
			.isFalse();
		// Before it: an ED visit or an admission it counts, or one moved from before it.
		Instant before = Instant.parse("2026-10-01T08:00:00Z");
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "finished", "EMER", before)))
			.isTrue();
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "cancelled", "IMP", before)))
			.isTrue();
		assertThat(this.reactions.changesScores(change(patient, "finished", "EMER", before, "finished", "EMER", later)))
			.isTrue();
		// An ED visit still open from before it, moved to another bed: counted as before.
		// Stored before the event said so, the same change is scored again.
		assertThat(this.reactions
			.changesScores(change(patient, "in-progress", "EMER", before, "in-progress", "EMER", before, true)))
			.isFalse();
		assertThat(this.reactions
			.changesScores(change(patient, "in-progress", "EMER", before, "in-progress", "EMER", before, null)))
			.isTrue();
		// The scored stay itself moved to another bed after the discharge: its own score
		// reads neither.
		assertThat(this.reactions
			.changesScores(change(patient, "finished", "IMP", admitted, "finished", "IMP", admitted, true))).isFalse();
		// Neither a stay nor an ED visit.
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "finished", "AMB", before)))
			.isFalse();
		assertThat(this.reactions.changesScores(change(patient, null, null, null, "finished", null, before))).isFalse();
	}

	private static EncounterRecorded change(PatientId patient, String previousStatus, String previousClass,
			Instant previousStart, String status, String classCode, Instant start) {
		return change(patient, previousStatus, previousClass, previousStart, status, classCode, start, false);
	}

	private static EncounterRecorded change(PatientId patient, String previousStatus, String previousClass,
			Instant previousStart, String status, String classCode, Instant start, Boolean whereaboutsOnly) {
		return new EncounterRecorded(UUID.randomUUID(), patient, "hl7:RISKHOSP", "V-X", previousStatus, previousClass,
				previousStart, status, classCode, null, start, null, null, whereaboutsOnly);
	}

	private PatientId patient(String mrn) {
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	/** The first stay as this sender reports it, for the patient under this name. */
	private static Adt twin(Adt message, String facility, String[] name) {
		return message.from("EPIC", facility)
			.forPatient("MRN-TWIN-" + facility)
			.named(name[0], name[1])
			.born(name[2])
			.visit("V-TWIN-" + facility);
	}

	private static java.util.Map.Entry<String, Integer> entry(String key, int value) {
		return java.util.Map.entry(key, value);
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
