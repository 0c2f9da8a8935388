package org.northstar.notification;

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
 * A hospital message about a patient on someone's caseload that could not be applied
 * reaches their coordinator, not only the administrator.
 */
class DeadLetterAlertsTests extends NorthstarTest {

	@Autowired
	MllpListener listener;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDeadLetterAboutAPatientOnACaseloadTellsTheirCoordinatorNamingThePatient() {
		PatientId patient = knownPatient("MRN-DEADLETTER-1", "Quill", "Harriet", "dead-letter-coordinator");
		Adt transfer = Adt.aTransfer().from("EPIC", "DLHOSP").forPatient("MRN-DEADLETTER-1").withoutPv1();

		String ack = send(transfer);
		send(transfer); // a resend tells no one twice

		assertThat(ack).contains("MSA|AE|" + transfer.controlId());
		assertThat(status(transfer)).isEqualTo("DEAD");
		List<Notification> told = this.notifications.recentFor("dead-letter-coordinator", 10);
		assertThat(told).singleElement().satisfies(n -> {
			assertThat(n.kind()).isEqualTo(Notification.Kind.MESSAGE_NOT_APPLIED);
			assertThat(n.patient()).isEqualTo(patient);
			assertThat(n.text())
				.startsWith("Quill, Harriet: a message from DLHOSP (ADT^A02, control id " + transfer.controlId()
						+ ") could not be applied")
				.contains("The administrator has it");
		});
	}

	@Test
	void aDeadLetterAboutAPatientOnNoCaseloadOrNoKnownPatientTellsNoOne() {
		send(Adt.aRegistration().from("EPIC", "DLHOSP").forPatient("MRN-DEADLETTER-2").patientClass("O"));
		long before = count();

		assertThat(send(Adt.aTransfer().from("EPIC", "DLHOSP").forPatient("MRN-DEADLETTER-2").withoutPv1()))
			.contains("MSA|AE|");
		assertThat(send(Adt.aTransfer().from("EPIC", "DLHOSP").forPatient("MRN-NEVER-SEEN").withoutPv1()))
			.contains("MSA|AE|");

		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aFailureToNotifyCannotCostTheDeadLetterOrItsAck() {
		knownPatient("MRN-DEADLETTER-3", "Okafor", "Grace", "dead-letter-coordinator-3");
		Adt transfer = Adt.aTransfer().from("EPIC", "DLHOSP").forPatient("MRN-DEADLETTER-3").withoutPv1();
		this.jdbc
			.sql("alter table notification add constraint no_dead_letter_alerts"
					+ " check (kind <> 'MESSAGE_NOT_APPLIED') not valid")
			.update();
		try {
			assertThat(send(transfer)).contains("MSA|AE|" + transfer.controlId());
		}
		finally {
			this.jdbc.sql("alter table notification drop constraint no_dead_letter_alerts").update();
		}
		assertThat(status(transfer)).isEqualTo("DEAD");
		assertThat(this.notifications.recentFor("dead-letter-coordinator-3", 10)).isEmpty();
	}

	private PatientId knownPatient(String mrn, String family, String given, String coordinator) {
		send(Adt.aRegistration().from("EPIC", "DLHOSP").forPatient(mrn).named(family, given).patientClass("O"));
		PatientId patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
		this.caseloads.assign(patient, coordinator, Relation.COORDINATOR);
		return patient;
	}

	private String send(Adt message) {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			return client.send(message.build());
		}
		finally {
			awaitReactions();
		}
	}

	private String status(Adt message) {
		return this.jdbc.sql("select status from hl7_message where sender = 'EPIC|DLHOSP' and control_id = ?")
			.param(message.controlId())
			.query(String.class)
			.single();
	}

	private long count() {
		return this.jdbc.sql("select count(*) from notification").query(Long.class).single();
	}

}
