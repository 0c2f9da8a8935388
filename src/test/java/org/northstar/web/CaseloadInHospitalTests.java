package org.northstar.web;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.security.Role;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload marks who is in hospital now: admitted over the feed and not yet
 * discharged.
 */
class CaseloadInHospitalTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	MllpListener listener;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	JdbcClient jdbc;

	@Test
	void marksAPatientAdmittedUntilTheDischargeArrives() throws Exception {
		// 03:00 UTC on Wednesday is 22:00 on Tuesday in the practice's zone.
		send(Adt.anAdmit()
			.from("EPIC", "MERCYGEN")
			.forPatient("MRN-INHOSP-1")
			.visit("V-INHOSP-1")
			.at("20261111030000")
			.admittedAt("20261111030000"));
		PatientId patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param("MRN-INHOSP-1")
			.query(UUID.class)
			.single());
		this.accounts.create("in-hospital-coordinator", "In Hospital", PASSWORD, Set.of(Role.COORDINATOR), null);
		this.caseloads.assign(patient, "in-hospital-coordinator", Relation.COORDINATOR);
		PageClient page = new PageClient(this.port, "127.0.9.10");
		page.signIn("in-hospital-coordinator", PASSWORD);

		assertThat(page.get("/caseload").body()).contains(">In hospital since Tue 10 Nov, MERCYGEN<");

		send(Adt.aDischarge()
			.from("EPIC", "MERCYGEN")
			.forPatient("MRN-INHOSP-1")
			.visit("V-INHOSP-1")
			.at("20261113150000")
			.admittedAt("20261111030000")
			.dischargedAt("20261113150000")
			.dischargeDisposition("01"));

		assertThat(page.get("/caseload").body()).contains("/patients/" + patient.value())
			.doesNotContain("In hospital since");
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
