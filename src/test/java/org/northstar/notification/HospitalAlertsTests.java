package org.northstar.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An ED visit or admission over the ADT feed tells the patient's coordinator. */
class HospitalAlertsTests extends NorthstarTest {

	@Autowired
	MllpListener listener;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HospitalAlerts alerts;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anAdmissionNotifiesTheCoordinatorInTheAppAndThroughTheSender() throws Exception {
		PatientId patient = knownPatient("MRN-ALERT-1", "alert-coordinator");

		Adt admit = Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-1")
			.named("Alert", "Alice")
			.visit("V-ALERT-1b")
			.location("5E^512^B")
			.at("20261125230000-0500")
			.admittedAt("20261125230000-0500");
		send(admit);
		send(admit); // a resend notifies no one twice

		List<Notification> notified = this.notifications.recentFor("alert-coordinator", 10);
		assertThat(notified).singleElement().satisfies(n -> {
			assertThat(n.kind()).isEqualTo(Notification.Kind.ADMITTED);
			assertThat(n.patient()).isEqualTo(patient);
			assertThat(n.text()).startsWith("Alert, Alice was admitted to 5E").contains("25 Nov 23:00");
		});
		assertThat(this.notifications.unreadCount("alert-coordinator")).isEqualTo(1);
		awaitDelivered(notified.get(0).id());

		this.notifications.markAllRead("alert-coordinator");
		assertThat(this.notifications.unreadCount("alert-coordinator")).isZero();
	}

	@Test
	void anEdVisitNotifiesButAnOutpatientVisitDoesNot() throws Exception {
		knownPatient("MRN-ALERT-2", "alert-coordinator-2");

		send(Adt.aRegistration()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-2")
			.visit("V-ALERT-2b")
			.patientClass("E")
			.location("ED^3")
			.at("20261126020000")
			.admittedAt("20261126020000"));
		send(Adt.aRegistration()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-2")
			.visit("V-ALERT-2c")
			.patientClass("O")
			.at("20261126090000")
			.admittedAt("20261126090000"));

		assertThat(this.notifications.recentFor("alert-coordinator-2", 10)).extracting(Notification::kind)
			.containsExactly(Notification.Kind.ED_VISIT);
	}

	@Test
	void anEdVisitThatBecomesAnAdmissionNotifiesTwice() throws Exception {
		knownPatient("MRN-ALERT-4", "alert-coordinator-4");
		Adt ed = Adt.aRegistration()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-4")
			.visit("V-ALERT-4b")
			.patientClass("E")
			.at("20261126020000")
			.admittedAt("20261126020000");
		send(ed);

		send(Adt.anEvent("A06")
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-4")
			.visit("V-ALERT-4b")
			.patientClass("I")
			.location("4W^401^A")
			.at("20261126060000")
			.admittedAt("20261126020000"));

		assertThat(this.notifications.recentFor("alert-coordinator-4", 10)).extracting(Notification::kind)
			.containsExactlyInAnyOrder(Notification.Kind.ED_VISIT, Notification.Kind.ADMITTED);
	}

	/**
	 * A return within 30 days of a discharge is what transitional care exists to prevent:
	 * the alert says so, with the person's risk band, as the overnight review does.
	 */
	@Test
	void aReturnWithinThirtyDaysOfADischargeSaysSoWithThePersonsRiskBand() throws Exception {
		knownPatient("MRN-ALERT-6", "alert-coordinator-6");
		// An emergency admission (PV1-4 E) of 4 days and no conditions: LACE 4 + 3 = 7.
		send(Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-6")
			.visit("V-ALERT-6a")
			.admissionType("E")
			.at("20261110080000")
			.admittedAt("20261110080000"));
		send(Adt.aDischarge()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-6")
			.visit("V-ALERT-6a")
			.at("20261114150000")
			.admittedAt("20261110080000")
			.dischargedAt("20261114150000")
			.dischargeDisposition("01"));
		send(Adt.aRegistration()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-6")
			.visit("V-ALERT-6b")
			.patientClass("E")
			.at("20261120020000")
			.admittedAt("20261120020000"));
		send(Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-6")
			.visit("V-ALERT-6c")
			.at("20261125230000-0500")
			.admittedAt("20261125230000-0500"));

		List<String> texts = this.notifications.recentFor("alert-coordinator-6", 10)
			.stream()
			.map(Notification::text)
			.toList();
		assertThat(texts).hasSize(3);
		assertThat(texts).filteredOn(t -> t.contains("on 10 Nov"))
			.singleElement()
			.as("the first admission: no earlier discharge, no score yet")
			.asString()
			.endsWith("(hl7:ALERTHOSP).");
		assertThat(texts).filteredOn(t -> t.contains("emergency department"))
			.singleElement()
			.asString()
			.endsWith(
					" Back in the ED within 30 days of the discharge on 14 Nov 2026. Risk: LACE 7 (moderate), HOSPITAL 1 (low).");
		assertThat(texts).filteredOn(t -> t.contains("on 25 Nov 23:00"))
			.singleElement()
			.asString()
			.endsWith(
					" Readmitted within 30 days of the discharge on 14 Nov 2026. Risk: LACE 7 (moderate), HOSPITAL 1 (low).");
	}

	@Test
	void aReturnMoreThanThirtyDaysAfterTheDischargeGivesOnlyTheRiskBand() throws Exception {
		knownPatient("MRN-ALERT-7", "alert-coordinator-7");
		send(Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-7")
			.visit("V-ALERT-7a")
			.admissionType("E")
			.at("20261001080000")
			.admittedAt("20261001080000"));
		send(Adt.aDischarge()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-7")
			.visit("V-ALERT-7a")
			.at("20261005150000")
			.admittedAt("20261001080000")
			.dischargedAt("20261005150000")
			.dischargeDisposition("01"));
		// 31 days after the discharge.
		send(Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-7")
			.visit("V-ALERT-7b")
			.at("20261105160000")
			.admittedAt("20261105160000"));

		assertThat(this.notifications.recentFor("alert-coordinator-7", 10)).extracting(Notification::text)
			.filteredOn(t -> t.contains("on 5 Nov"))
			.singleElement()
			.asString()
			.endsWith("(hl7:ALERTHOSP). Risk: LACE 7 (moderate), HOSPITAL 1 (low).");
	}

	@Test
	void aPatientOnNoCaseloadNotifiesNoOne() throws Exception {
		long before = count();

		send(Adt.anAdmit()
			.from("EPIC", "ALERTHOSP")
			.forPatient("MRN-ALERT-3")
			.visit("V-ALERT-3")
			.at("20261126020000")
			.admittedAt("20261126020000"));

		assertThat(count()).isEqualTo(before);
	}

	@Test
	void onlyAnAdmissionOfSomeonesPatientIsStoredAsAReaction() throws Exception {
		PatientId mine = knownPatient("MRN-ALERT-5", "alert-coordinator-5");
		PatientId nobodys = new PatientId(UUID.randomUUID());

		assertThat(this.alerts.someoneToTell(admission(mine, "in-progress"))).isTrue();
		assertThat(this.alerts.someoneToTell(admission(nobodys, "in-progress"))).isFalse();
		assertThat(this.alerts.someoneToTell(admission(mine, "finished"))).as("a discharge").isFalse();
	}

	private static EncounterRecorded admission(PatientId patient, String status) {
		Instant now = Instant.now();
		return new EncounterRecorded(UUID.randomUUID(), patient, "EPIC", "V-" + UUID.randomUUID(), null, null, null,
				status, "IMP", "4W^401^A", now, "finished".equals(status) ? now : null, null, false);
	}

	@Test
	void aFailedDeliveryIsRetriedAndWhatIsSentNamesNoPatient() {
		long id = this.jdbc.sql("""
				insert into notification (username, patient_id, kind, text) values ('retry-coordinator', ?, 'ADMITTED',
				    'Retry, Rita was admitted to 4W') returning id
				""").param(UUID.randomUUID()).query(Long.class).single();
		List<String> sent = new ArrayList<>();
		SmsGateway gateway = new SmsGateway(sent);
		NotificationDelivery delivery = new NotificationDelivery(this.jdbc, this.transactions, gateway);

		gateway.down = true;
		delivery.deliverPending();
		assertThat(this.jdbc.sql("select delivery_attempts, delivery_error from notification where id = ?")
			.param(id)
			.query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
			.single()).isEqualTo("1 java.io.IOException: gateway unavailable");

		gateway.down = false;
		delivery.deliverPending();
		assertThat(sent).containsExactly(
				"retry-coordinator: Northstar: a patient on your caseload was admitted to hospital. Sign in to see who.");
		assertThat(this.jdbc.sql("select delivered_at is not null from notification where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		delivery.stop();
	}

	/** A fake SMS gateway: outside our walls. */
	static final class SmsGateway implements NotificationSender {

		final List<String> sent;

		volatile boolean down;

		SmsGateway(List<String> sent) {
			this.sent = sent;
		}

		@Override
		public void send(String username, String message) throws Exception {
			if (this.down) {
				throw new java.io.IOException("gateway unavailable");
			}
			this.sent.add(username + ": " + message);
		}

	}

	private PatientId knownPatient(String mrn, String coordinator) throws Exception {
		send(Adt.aRegistration()
			.from("EPIC", "ALERTHOSP")
			.forPatient(mrn)
			.visit("V-" + mrn)
			.patientClass("O")
			.at("20261101090000")
			.admittedAt("20261101090000"));
		PatientId patient = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
		this.caseloads.assign(patient, coordinator, Relation.COORDINATOR);
		return patient;
	}

	private long count() {
		return this.jdbc.sql("select count(*) from notification").query(Long.class).single();
	}

	private void awaitDelivered(long id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			if (this.jdbc.sql("select delivered_at is not null from notification where id = ?")
				.param(id)
				.query(Boolean.class)
				.single()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Notification " + id + " was not delivered within 10 s");
	}

	/**
	 * Sends the message and waits for the reactions to it: notifications come after the
	 * ACK.
	 */
	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
