package org.northstar.worklist;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A discharge home over the ADT feed gives the owning coordinator the transition-of-care
 * tasks.
 */
class TransitionsOfCareTests extends NorthstarTest {

	@Autowired
	MllpListener listener;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDischargeHomeCreatesContactVisitAndReconciliationTasksForTheCoordinator() throws Exception {
		PatientId patient = admit("MRN-TCM-1", "V-TCM-1");
		this.caseloads.assign(patient, "tcm-coordinator", Relation.COORDINATOR);

		// Discharged home (UB-04 01) on Friday 20 November 2026.
		Adt discharge = Adt.aDischarge()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-1")
			.visit("V-TCM-1")
			.at("20261120150000")
			.admittedAt("20261116080000")
			.dischargedAt("20261120150000")
			.dischargeDisposition("01");
		send(discharge);
		send(discharge); // a resend changes nothing

		List<Task> open = this.tasks.openFor(patient);
		assertThat(open).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(open).extracting(Task::owner).containsOnly("tcm-coordinator");
		assertThat(open.get(0).dueOn()).isEqualTo(LocalDate.of(2026, 11, 24));
		assertThat(open.get(1).dueOn()).isEqualTo(LocalDate.of(2026, 12, 4));
		assertThat(open.get(2).dueOn()).isEqualTo(LocalDate.of(2026, 12, 4));
		assertThat(this.tasks.openCounts(List.of(patient))).containsEntry(patient, 3);
	}

	@Test
	void aDischargeElsewhereThanHomeCreatesNoTasks() throws Exception {
		PatientId patient = admit("MRN-TCM-2", "V-TCM-2");

		// 03: discharged to a skilled nursing facility, not a transition home.
		send(Adt.aDischarge()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-2")
			.visit("V-TCM-2")
			.at("20261120150000")
			.dischargedAt("20261120150000")
			.dischargeDisposition("03"));

		assertThat(this.tasks.openFor(patient)).isEmpty();
	}

	private PatientId admit(String mrn, String visit) throws Exception {
		send(Adt.anAdmit()
			.from("EPIC", "TCMHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20261116080000")
			.admittedAt("20261116080000"));
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
	}

}
