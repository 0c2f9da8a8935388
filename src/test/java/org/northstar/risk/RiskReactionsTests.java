package org.northstar.risk;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
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
	JdbcClient jdbc;

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
