package org.northstar.ingest.hl7;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.ingest.hl7.Adt.aDischarge;
import static org.northstar.ingest.hl7.Adt.aMerge;
import static org.northstar.ingest.hl7.Adt.aPreAdmit;
import static org.northstar.ingest.hl7.Adt.aRegistration;
import static org.northstar.ingest.hl7.Adt.aTransfer;
import static org.northstar.ingest.hl7.Adt.anAdmit;
import static org.northstar.ingest.hl7.Adt.anEvent;
import static org.northstar.ingest.hl7.Adt.anUpdate;

/**
 * The ADT feed as a hospital's interface engine sees it: a real MLLP client on a real
 * socket against the running listener, and the database checked afterwards.
 */
class MllpFeedTests extends NorthstarTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	/**
	 * The domain events the feed publishes, collected as a later feature would receive
	 * them. Registered on the shared context rather than imported as a bean, which would
	 * give this class a context (and a database) of its own.
	 */
	private static final List<EncounterRecorded> recorded = new CopyOnWriteArrayList<>();

	private static final AtomicBoolean listening = new AtomicBoolean();

	MllpClient client;

	@BeforeEach
	void connect() {
		if (listening.compareAndSet(false, true)) {
			this.context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
				if (event instanceof PayloadApplicationEvent<?> payload
						&& payload.getPayload() instanceof EncounterRecorded encounter) {
					recorded.add(encounter);
				}
			});
		}
		this.client = new MllpClient(this.listener.port());
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	@Test
	void admitsAnUnknownPatientCreatingThemForReviewAndTheEncounterInProgress() throws Exception {
		Adt admit = anAdmit().from("EPIC", "ADMITHOSP")
			.forPatient("MRN-ADMIT-1")
			.named("Okafor", "Grace")
			.visit("V-ADMIT-1")
			.admittedAt("20260115081500")
			.location("4W^401^A")
			.attending("1234^Carter^Anna")
			.admitSource("7");

		String ack = this.client.send(admit.build());

		assertThat(ack).contains("MSA|AA|" + admit.controlId());
		Map<String, Object> message = message("EPIC|ADMITHOSP", admit.controlId());
		assertThat(message).containsEntry("status", "APPLIED")
			.containsEntry("event_type", "A01")
			.containsEntry("version", "2.5.1")
			.containsEntry("patient_key", "ADMITHOSP|MRN-ADMIT-1");
		// HAPI's client re-encodes what it sends, dropping trailing empty fields.
		assertThat((String) message.get("raw")).startsWith("MSH|^~\\&|EPIC|ADMITHOSP|")
			.contains("PID|1||MRN-ADMIT-1^^^ADMITHOSP^MR||Okafor^Grace");
		Map<String, Object> patient = patientWith("ADMITHOSP", "MRN-ADMIT-1");
		assertThat(patient).containsEntry("family_name", "Okafor")
			.containsEntry("given_names", "Grace")
			.containsEntry("needs_review", true)
			.containsEntry("source", "hl7:ADMITHOSP");
		Map<String, Object> encounter = encounter("hl7:ADMITHOSP", "V-ADMIT-1");
		assertThat(encounter).containsEntry("status", "in-progress")
			.containsEntry("class_code", "IMP")
			.containsEntry("location_text", "4W/401/A")
			.containsEntry("attending", "Anna Carter")
			.containsEntry("admit_source", "7")
			.containsEntry("patient_id", patient.get("id"));
		assertThat(instant(encounter.get("period_start"))).isEqualTo(Instant.parse("2026-01-15T08:15:00Z"));

		JsonNode fhir = fhirEncounter("hl7:ADMITHOSP", "V-ADMIT-1");
		assertThat(fhir.path("resourceType").asText()).isEqualTo("Encounter");
		assertThat(fhir.path("status").asText()).isEqualTo("in-progress");
		assertThat(fhir.path("class").path("code").asText()).isEqualTo("IMP");
		assertThat(fhir.path("subject").path("reference").asText()).isEqualTo("Patient/" + patient.get("id"));
		assertThat(fhir.path("identifier").path(0).path("value").asText()).isEqualTo("V-ADMIT-1");
		assertThat(fhir.path("period").path("start").asText()).startsWith("2026-01-15T08:15:00");
		assertThat(recorded).anySatisfy(e -> assertThat(e.visitNumber()).isEqualTo("V-ADMIT-1"))
			.filteredOn(e -> "V-ADMIT-1".equals(e.visitNumber()))
			.allSatisfy(e -> assertThat(e.admitted()).isTrue());
	}

	@Test
	void followsAVisitThroughEveryEventType() {
		String mrn = "MRN-LIFE-1";
		String visit = "V-LIFE-1";
		Adt base = aPreAdmit().from("EPIC", "LIFEHOSP").forPatient(mrn).visit(visit).at("20260110090000");
		assertAck(base.build(), "AA");
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("status", "planned");

		send(anAdmit().from("EPIC", "LIFEHOSP").forPatient(mrn).visit(visit).at("20260111080000"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("status", "in-progress");

		send(aTransfer().from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260111120000")
			.location("ICU^2^B"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("location_text", "ICU/2/B");

		send(anEvent("A12").from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260111130000")
			.location("4W^401^A"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("location_text", "4W/401/A");

		send(anEvent("A07").from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260111140000")
			.patientClass(""));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("class_code", "AMB");

		send(anEvent("A06").from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260111150000")
			.patientClass(""));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("class_code", "IMP");

		send(anUpdate().from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260111160000")
			.named("Lindqvist", "Maja")
			.attending("99^House^Greg"));
		assertThat(patientWith("LIFEHOSP", mrn)).containsEntry("family_name", "Lindqvist");
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("attending", "Greg House");

		send(aDischarge().from("EPIC", "LIFEHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20260112100000")
			.dischargedAt("20260112094500"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("status", "finished")
			.containsEntry("discharge_disposition", "01");
		assertThat(instant(encounter("hl7:LIFEHOSP", visit).get("period_end")))
			.isEqualTo(Instant.parse("2026-01-12T09:45:00Z"));

		send(anEvent("A13").from("EPIC", "LIFEHOSP").forPatient(mrn).visit(visit).at("20260112110000"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("status", "in-progress")
			.containsEntry("period_end", null);

		send(anEvent("A11").from("EPIC", "LIFEHOSP").forPatient(mrn).visit(visit).at("20260112120000"));
		assertThat(encounter("hl7:LIFEHOSP", visit)).containsEntry("status", "cancelled");
		assertThat(fhirEncounter("hl7:LIFEHOSP", visit).path("status").asText()).isEqualTo("cancelled");

		assertThat(
				this.jdbc.sql("select count(*) from hl7_message where sender = 'EPIC|LIFEHOSP' and status = 'APPLIED'")
					.query(Long.class)
					.single())
			.isEqualTo(10);
		// The transfer, its cancel (A12) and the new doctor (A08) changed only where the
		// patient was and who attended: a reaction can tell, and skip what they cannot
		// change.
		assertThat(recorded).filteredOn(e -> visit.equals(e.visitNumber()))
			.extracting(EncounterRecorded::whereaboutsOnly)
			.containsExactly(false, false, true, true, false, false, true, false, false, false);
	}

	@Test
	void readsAccentedNamesSentInUtf8WithoutMsh18() {
		Adt admit = anAdmit().from("EPIC", "UTFHOSP").forPatient("MRN-UTF-1").named("Müller", "Zoë");

		String ack = MllpClient.sendRaw(this.listener.port(), MllpClient.frame(admit.build()));

		assertThat(ack).contains("MSA|AA|" + admit.controlId());
		assertThat(patientWith("UTFHOSP", "MRN-UTF-1")).containsEntry("family_name", "Müller")
			.containsEntry("given_names", "Zoë");
	}

	@Test
	void registersAnEmergencyVisit() {
		send(aRegistration().from("EPIC", "REGHOSP").forPatient("MRN-REG-1").visit("V-REG-1"));
		assertThat(encounter("hl7:REGHOSP", "V-REG-1")).containsEntry("status", "in-progress")
			.containsEntry("class_code", "EMER")
			.containsEntry("location_text", "ED/12");
	}

	@Test
	void readsVersion23Version25AndVersion28Samples() throws Exception {
		for (String sample : List.of("adt-a01-v23.hl7", "adt-a04-v25.hl7", "adt-a03-v28.hl7")) {
			String raw = Files.readString(Path.of("src/test/resources/hl7", sample), StandardCharsets.UTF_8);
			assertThat(this.client.send(raw)).as(sample).contains("MSA|AA|");
		}
		assertThat(encounter("hl7:STMARYS", "SM-V-88121")).containsEntry("status", "in-progress")
			.containsEntry("attending", "Chidi Okafor")
			.containsEntry("location_text", "3E/312/B");
		assertThat(patientWith("STMARYS", "551234")).containsEntry("family_name", "Quill")
			.containsEntry("given_names", "Harriet B")
			.containsEntry("city", "Riverton");
		assertThat(
				this.jdbc.sql("select count(*) from patient_identifier where system = 'SSA' and value = '999-00-1234'")
					.query(Long.class)
					.single())
			.isEqualTo(1);
		Map<String, Object> emergency = encounter("hl7:LAKESIDE", "LK-V-30017");
		assertThat(emergency).containsEntry("class_code", "EMER");
		assertThat(instant(emergency.get("period_start"))).isEqualTo(Instant.parse("2026-01-12T03:05:00Z"));
		Map<String, Object> discharged = encounter("hl7:NORTHGEN", "NG-V-5510");
		assertThat(discharged).containsEntry("status", "finished").containsEntry("discharge_disposition", "01");
		assertThat(instant(discharged.get("period_start"))).isEqualTo(Instant.parse("2026-01-08T09:00:00Z"));
		assertThat(instant(discharged.get("period_end"))).isEqualTo(Instant.parse("2026-01-12T10:00:00Z"));
	}

	@Test
	void answersADuplicateWithTheFirstAckAndChangesNothing() {
		Adt admit = anAdmit().from("EPIC", "DUPHOSP").forPatient("MRN-DUP-1").visit("V-DUP-1");
		String first = this.client.send(admit.build());
		Object receivedAt = encounterReceivedAt("hl7:DUPHOSP", "V-DUP-1");

		String again = this.client.send(admit.build());
		String onAnotherConnection;
		try (MllpClient other = new MllpClient(this.listener.port())) {
			onAnotherConnection = other.send(admit.build());
		}

		assertThat(again).isEqualTo(first);
		assertThat(onAnotherConnection).isEqualTo(first);
		assertThat(this.jdbc.sql("select count(*) from hl7_message where sender = 'EPIC|DUPHOSP'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(encounterReceivedAt("hl7:DUPHOSP", "V-DUP-1")).isEqualTo(receivedAt);
	}

	@Test
	void keepsBothADischargeThatArrivesBeforeItsAdmissionAndTheAdmission() {
		send(aDischarge().from("EPIC", "LATEHOSP")
			.forPatient("MRN-LATE-1")
			.visit("V-LATE-1")
			.at("20260120120000")
			.admitSource("")
			.dischargedAt("20260120113000"));
		send(anAdmit().from("EPIC", "LATEHOSP")
			.forPatient("MRN-LATE-1")
			.visit("V-LATE-1")
			.at("20260118080000")
			.admittedAt("20260118074500")
			.admitSource("1"));

		Map<String, Object> encounter = encounter("hl7:LATEHOSP", "V-LATE-1");
		assertThat(encounter).containsEntry("status", "finished").containsEntry("admit_source", "1");
		assertThat(instant(encounter.get("period_start"))).isEqualTo(Instant.parse("2026-01-18T07:45:00Z"));
		assertThat(instant(encounter.get("period_end"))).isEqualTo(Instant.parse("2026-01-20T11:30:00Z"));
	}

	@Test
	void mergesThePriorPatientIntoTheSurvivorWithTheirEncounters() {
		send(anAdmit().from("EPIC", "MERGEHOSP").forPatient("MRN-OLD").visit("V-MERGE-1"));
		Object prior = patientWith("MERGEHOSP", "MRN-OLD").get("id");

		send(aMerge("MRN-NEW", "MRN-OLD").from("EPIC", "MERGEHOSP").identifiers("MRN-NEW^^^MERGEHOSP^MR"));

		Map<String, Object> survivor = patientWith("MERGEHOSP", "MRN-NEW");
		assertThat(patientWith("MERGEHOSP", "MRN-OLD")).containsEntry("id", survivor.get("id"));
		assertThat(this.jdbc.sql("select merged_into from patient where id = ?").param(prior).query().singleValue())
			.isEqualTo(survivor.get("id"));
		assertThat(encounter("hl7:MERGEHOSP", "V-MERGE-1")).containsEntry("patient_id", survivor.get("id"));

		send(aDischarge().from("EPIC", "MERGEHOSP").forPatient("MRN-OLD").visit("V-MERGE-1"));
		assertThat(encounter("hl7:MERGEHOSP", "V-MERGE-1")).containsEntry("status", "finished")
			.containsEntry("patient_id", survivor.get("id"));
	}

	@Test
	void readsSegmentsEndingInLfOrCrLfAndKeepsTheMessageAsSent() {
		for (String separator : List.of("\n", "\r\n")) {
			String mrn = "MRN-SEP-" + separator.length();
			Adt admit = anAdmit().from("EPIC", "SEPHOSP").forPatient(mrn).visit("V-SEP-" + separator.length());
			String sent = admit.build().replace("\r", separator);

			String ack = MllpClient.sendRaw(this.listener.port(), MllpClient.frame(sent));

			assertThat(ack).as("separator %s", separator.length()).contains("MSA|AA|" + admit.controlId());
			assertThat(message("EPIC|SEPHOSP", admit.controlId())).containsEntry("raw", sent);
			assertThat(encounter("hl7:SEPHOSP", "V-SEP-" + separator.length())).containsEntry("location_text",
					"4W/401/A");
		}
	}

	@Test
	void keepsTheBirthDateAsSentWhateverTheTimeAndOffsetAfterIt() {
		send(anAdmit().from("EPIC", "BIRTHHOSP").forPatient("MRN-BIRTH-1").born("19850101000000+0700"));
		send(anAdmit().from("EPIC", "BIRTHHOSP").forPatient("MRN-BIRTH-2").born("198503"));

		assertThat(patientWith("BIRTHHOSP", "MRN-BIRTH-1")).containsEntry("birth_date",
				java.sql.Date.valueOf("1985-01-01"));
		assertThat(patientWith("BIRTHHOSP", "MRN-BIRTH-2"))
			.containsEntry("birth_date", java.sql.Date.valueOf("1985-03-01"))
			.containsEntry("birth_date_precision", "month");
	}

	@Test
	void keepsEveryAddressWithItsSecondLine() throws Exception {
		send(anAdmit().from("EPIC", "ADDRHOSP")
			.forPatient("MRN-ADDR-1")
			.address("44 Elm Road^APT 3B^Riverton^WY^82501^USA^H^^Fremont~PO Box 9^^Riverton^WY^82501^^M"));

		Map<String, Object> patient = patientWith("ADDRHOSP", "MRN-ADDR-1");
		assertThat(patient).containsEntry("address_line", "44 Elm Road, APT 3B").containsEntry("city", "Riverton");
		JsonNode addresses = JSON.readTree(patient.get("addresses").toString());
		assertThat(addresses).hasSize(2);
		assertThat(addresses.get(0).path("line").toString()).isEqualTo("[\"44 Elm Road\",\"APT 3B\"]");
		assertThat(addresses.get(0).path("use").asText()).isEqualTo("home");
		assertThat(addresses.get(0).path("district").asText()).isEqualTo("Fremont");
		assertThat(addresses.get(0).path("country").asText()).isEqualTo("USA");
		assertThat(addresses.get(1).path("type").asText()).isEqualTo("postal");
	}

	@Test
	void appliesEveryPidMrgPairOfAnA40() {
		send(anAdmit().from("EPIC", "PAIRHOSP").forPatient("MRN-PAIR-OLD-1").visit("V-PAIR-1"));
		send(anAdmit().from("EPIC", "PAIRHOSP").forPatient("MRN-PAIR-OLD-2").visit("V-PAIR-2"));

		send(aMerge("MRN-PAIR-NEW-1", "MRN-PAIR-OLD-1").from("EPIC", "PAIRHOSP")
			.withSegment("PID|1||MRN-PAIR-NEW-2^^^PAIRHOSP^MR||Second^Survivor")
			.withSegment("MRG|MRN-PAIR-OLD-2^^^PAIRHOSP^MR"));

		for (int pair = 1; pair <= 2; pair++) {
			Map<String, Object> survivor = patientWith("PAIRHOSP", "MRN-PAIR-NEW-" + pair);
			assertThat(patientWith("PAIRHOSP", "MRN-PAIR-OLD-" + pair)).containsEntry("id", survivor.get("id"));
			assertThat(encounter("hl7:PAIRHOSP", "V-PAIR-" + pair)).containsEntry("patient_id", survivor.get("id"));
		}
	}

	@Test
	void refusesAnA40AcrossAssigningAuthoritiesAndMergesNothing() {
		send(anAdmit().from("EPIC", "TAKEHOSP").identifiers("MRN-THEIRS^^^OTHERHOSP^MR").visit("V-THEIRS"));
		Object theirs = patientWith("OTHERHOSP", "MRN-THEIRS").get("id");
		Adt takeover = aMerge("MRN-OURS-1", "MRN-SAME-AUTHORITY").from("EPIC", "TAKEHOSP")
			.withSegment("PID|1||MRN-OURS-2^^^TAKEHOSP^MR||Take^Over")
			.withSegment("MRG|MRN-THEIRS^^^OTHERHOSP^MR");

		String ack = this.client.send(takeover.build());

		assertThat(ack).contains("MSA|AE|" + takeover.controlId()
				+ "|MRG-1 (system OTHERHOSP) and PID-3 (system TAKEHOSP) are different assigning authorities (pair 2 of 2)")
			.contains("ERR||MRG^2^1|207");
		assertThat(message("EPIC|TAKEHOSP", takeover.controlId())).containsEntry("status", "DEAD");
		assertThat(patientWith("OTHERHOSP", "MRN-THEIRS")).containsEntry("id", theirs)
			.containsEntry("merged_into", null);
		assertThat(this.jdbc.sql(
				"select count(*) from patient_identifier where value in ('MRN-OURS-1', 'MRN-OURS-2', 'MRN-SAME-AUTHORITY')")
			.query(Long.class)
			.single()).as("not even the first pair is applied").isZero();
	}

	@Test
	void auditsEveryMergeUnderBothRecordsWithTheSenderAsActor() {
		send(anAdmit().from("EPIC", "AUDITHOSP").forPatient("MRN-AUDIT-OLD"));
		Object prior = patientWith("AUDITHOSP", "MRN-AUDIT-OLD").get("id");
		Adt merge = aMerge("MRN-AUDIT-NEW", "MRN-AUDIT-OLD").from("EPIC", "AUDITHOSP");

		send(merge);

		Object survivor = patientWith("AUDITHOSP", "MRN-AUDIT-NEW").get("id");
		List<Map<String, Object>> audited = this.jdbc
			.sql("select * from audit_event where action = 'MERGE' and detail like ? order by seq")
			.param("%MSH-10 " + merge.controlId() + ":%")
			.query()
			.listOfRows();
		assertThat(audited).extracting(row -> row.get("patient_id")).containsExactlyInAnyOrder(prior, survivor);
		assertThat(audited).allSatisfy(row -> assertThat(row).containsEntry("username", "hl7:EPIC|AUDITHOSP")
			.containsEntry("outcome", "SUCCESS")
			.extractingByKey("detail")
			.asString()
			.contains("patient record " + prior + " (AUDITHOSP|MRN-AUDIT-OLD) merged into " + survivor
					+ " (AUDITHOSP|MRN-AUDIT-NEW)"));
	}

	@Test
	void deadLettersAnInternalErrorNamingWhatFailedAndWhere() {
		// An identifier too long for the index: the database refuses it mid-transaction.
		String huge = new java.util.Random(7).ints(3000, 'a', 'z' + 1)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		Adt admit = anAdmit().from("EPIC", "HUGEHOSP").identifiers(huge + "^^^HUGEHOSP^MR").visit("V-HUGE-1");

		String ack = this.client.send(admit.build());

		assertThat(ack).contains("MSA|AE|" + admit.controlId() + "|application internal error applying ADT A01: ");
		String reason = (String) message("EPIC|HUGEHOSP", admit.controlId()).get("error_reason");
		assertThat(reason).contains("caused by PSQLException: ERROR: index row").contains(" at patient.PatientFeed.");
	}

	@Test
	void deadLettersAMessageWithoutPatientIdentifierWithAnErrorAck() {
		Adt admit = anAdmit().from("EPIC", "DEADHOSP").identifiers("").visit("V-DEAD-1");

		String ack = this.client.send(admit.build());

		assertThat(ack).contains("MSA|AE|" + admit.controlId() + "|PID-3 patient identifier list is empty")
			.contains("ERR||PID^1^3|101^Required field missing^HL70357|E");
		assertThat(message("EPIC|DEADHOSP", admit.controlId())).containsEntry("status", "DEAD")
			.containsEntry("ack_code", "AE")
			.containsEntry("ack_text", ack.replace("\n", "\r").strip() + "\r");
		assertThat(this.jdbc.sql("select count(*) from encounter where visit_number = 'V-DEAD-1'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void deadLettersAMessageWithoutPidOrVisitNumber() {
		Adt noPid = anAdmit().from("EPIC", "DEADHOSP").withoutPid().visit("V-DEAD-2");
		assertThat(this.client.send(noPid.build())).contains("MSA|AE|" + noPid.controlId() + "|PID segment is missing");

		Adt noVisit = aTransfer().from("EPIC", "DEADHOSP").forPatient("MRN-DEAD-3").withoutPv1();
		assertThat(this.client.send(noVisit.build())).contains("MSA|AE|" + noVisit.controlId() + "|PV1-19");

		Adt v23 = anAdmit().from("EPIC", "DEADHOSP").version("2.3").identifiers("").visit("V-DEAD-4");
		assertThat(this.client.send(v23.build())).contains("MSA|AE|")
			.contains("ERR|PID^1^3^101&Required field missing");

		assertThat(message("EPIC|DEADHOSP", noVisit.controlId())).containsEntry("status", "DEAD");
		assertThat(this.jdbc.sql("select count(*) from patient_identifier where value = 'MRN-DEAD-3'")
			.query(Long.class)
			.single()).as("nothing of a dead message is applied").isZero();
	}

	@Test
	void acknowledgesAndKeepsMessagesItDoesNotApply() {
		String oru = "MSH|^~\\&|LAB|GENHOSP|NORTHSTAR|NORTHSTAR|20260115120000||ORU^R01|ORU-1-"
				+ UUID.randomUUID().toString().substring(0, 8)
				+ "|P|2.5\rPID|1||MRN-ORU^^^GENHOSP^MR\rOBR|1||123|GLU^Glucose\rOBX|1|NM|GLU^Glucose||5.4|mmol/L\r";
		assertThat(this.client.send(oru)).contains("MSA|AA|");
		Adt a28 = anEvent("A28").from("EPIC", "IGNHOSP").forPatient("MRN-IGN-1");
		assertThat(this.client.send(a28.build())).contains("MSA|AA|" + a28.controlId());

		assertThat(message("EPIC|IGNHOSP", a28.controlId())).containsEntry("status", "IGNORED");
		assertThat(this.jdbc.sql("select status from hl7_message where message_type = 'ORU' order by id desc limit 1")
			.query(String.class)
			.single()).isEqualTo("IGNORED");
		assertThat(this.jdbc.sql("select count(*) from patient_identifier where value in ('MRN-ORU', 'MRN-IGN-1')")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void rejectsWrongEncodingCharactersAndUnsupportedVersionsButKeepsThem() {
		String wrongEncoding = "MSH|^^\\&|EPIC|ENCHOSP|NORTHSTAR|NORTHSTAR|20260115120000||ADT^A01|ENC-1|P|2.5\rPID|1||X\r";
		String ack = MllpClient.sendRaw(this.listener.port(), MllpClient.frame(wrongEncoding));
		assertThat(ack).contains("MSA|AR|ENC-1|MSH-1/MSH-2 encoding characters");

		String oldVersion = anAdmit().from("EPIC", "ENCHOSP")
			.forPatient("MRN-ENC")
			.version("2.2")
			.controlId("ENC-2")
			.build();
		assertThat(MllpClient.sendRaw(this.listener.port(), MllpClient.frame(oldVersion)))
			.contains("MSA|AR|ENC-2|MSH-12 version '2.2' is not supported");

		String notHl7 = "hello, is this the lab?";
		assertThat(MllpClient.sendRaw(this.listener.port(), MllpClient.frame(notHl7))).contains("MSA|AR||");

		assertThat(message("EPIC|ENCHOSP", "ENC-1")).containsEntry("status", "REJECTED")
			.containsEntry("raw", wrongEncoding);
		assertThat(this.jdbc.sql("select error_reason from hl7_message where raw = ?")
			.param(notHl7)
			.query(String.class)
			.single()).contains("MSH");
	}

	@Test
	void dropsATruncatedFrameWithoutAnAckAndKeepsServing() throws Exception {
		Adt admit = anAdmit().from("EPIC", "CUTHOSP").forPatient("MRN-CUT-1");
		byte[] framed = MllpClient.frame(admit.build());
		try (Socket socket = new Socket("localhost", this.listener.port())) {
			socket.getOutputStream().write(framed, 0, framed.length / 2);
			socket.getOutputStream().flush();
			socket.shutdownOutput();
			assertThat(MllpClient.readFrame(socket.getInputStream())).isNull();
		}
		String cutMidSegment = admit.build().substring(0, admit.build().indexOf("PID|") + 12);
		assertThat(MllpClient.sendRaw(this.listener.port(), MllpClient.frame(cutMidSegment)))
			.contains("MSA|AE|" + admit.controlId());

		assertThat(this.jdbc.sql("select count(*) from hl7_message where sender = 'EPIC|CUTHOSP'")
			.query(Long.class)
			.single()).isEqualTo(1);
		Adt next = anAdmit().from("EPIC", "CUTHOSP").forPatient("MRN-CUT-2");
		assertThat(this.client.send(next.build())).contains("MSA|AA|" + next.controlId());
	}

	@Test
	void acceptsAOneMegabyteMessage() {
		Adt admit = anAdmit().from("EPIC", "BIGHOSP")
			.forPatient("MRN-BIG-1")
			.withSegment("ZNT|1|" + "x".repeat(1 << 20));

		String ack = this.client.send(admit.build());

		assertThat(ack).contains("MSA|AA|" + admit.controlId());
		assertThat(this.jdbc.sql("select length(raw) from hl7_message where sender = 'EPIC|BIGHOSP'")
			.query(Integer.class)
			.single()).isGreaterThan(1 << 20);
	}

	@Test
	void waitsForASlowSender() throws Exception {
		Adt admit = anAdmit().from("EPIC", "SLOWHOSP").forPatient("MRN-SLOW-1");
		byte[] framed = MllpClient.frame(admit.build());
		try (Socket socket = new Socket("localhost", this.listener.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			int chunk = framed.length / 20 + 1;
			for (int i = 0; i < framed.length; i += chunk) {
				MllpClient.write(out, java.util.Arrays.copyOfRange(framed, i, Math.min(framed.length, i + chunk)));
				Thread.sleep(100);
			}
			InputStream in = socket.getInputStream();
			assertThat(MllpClient.readFrame(in)).contains("MSA|AA|" + admit.controlId());
		}
	}

	@Test
	void serves50ConnectionsAtOnce() throws Exception {
		int connections = 50;
		int perConnection = 4;
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int c = 0; c < connections; c++) {
				int connection = c;
				Callable<List<String>> sender = () -> {
					List<String> acks = new ArrayList<>();
					try (MllpClient client = new MllpClient(this.listener.port())) {
						for (int m = 0; m < perConnection; m++) {
							// Half the traffic is about one patient, to contend for its
							// lock.
							String mrn = m % 2 == 0 ? "MRN-CROWD-SHARED" : "MRN-CROWD-" + connection;
							acks.add(client.send(anUpdate().from("EPIC", "CROWDHOSP")
								.forPatient(mrn)
								.visit("V-CROWD-" + connection + "-" + m)
								.build()));
						}
					}
					return acks;
				};
				results.add(pool.submit(sender));
			}
			for (Future<List<String>> result : results) {
				assertThat(result.get(2, TimeUnit.MINUTES)).hasSize(perConnection)
					.allSatisfy(ack -> assertThat(ack).contains("MSA|AA|"));
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(
				this.jdbc.sql("select count(*) from hl7_message where sender = 'EPIC|CROWDHOSP' and status = 'APPLIED'")
					.query(Long.class)
					.single())
			.isEqualTo(connections * perConnection);
		assertThat(this.jdbc
			.sql("select count(distinct patient_id) from patient_identifier where value = 'MRN-CROWD-SHARED'")
			.query(Long.class)
			.single()).as("one patient, however many connections raced to create it").isEqualTo(1);
	}

	private void send(Adt message) {
		assertAck(message.build(), "AA");
	}

	private void assertAck(String message, String code) {
		assertThat(this.client.send(message)).contains("MSA|" + code + "|");
	}

	private Map<String, Object> message(String sender, String controlId) {
		return this.jdbc.sql("select * from hl7_message where sender = ? and control_id = ?")
			.params(sender, controlId)
			.query()
			.singleRow();
	}

	private Map<String, Object> patientWith(String system, String value) {
		return this.jdbc.sql("""
				select p.* from patient p join patient_identifier i on i.patient_id = p.id
				where i.system = ? and i.value = ?
				""").params(system, value).query().singleRow();
	}

	private Map<String, Object> encounter(String source, String visit) {
		return this.jdbc.sql("select * from encounter where id = ?")
			.param(new RecordKey(source, "Encounter", visit).id())
			.query()
			.singleRow();
	}

	private Object encounterReceivedAt(String source, String visit) {
		return this.jdbc.sql("select received_at from source_resource where id = ?")
			.param(new RecordKey(source, "Encounter", visit).id())
			.query()
			.singleValue();
	}

	private JsonNode fhirEncounter(String source, String visit) {
		try {
			return JSON.readTree(this.jdbc.sql("select content::text from source_resource where id = ?")
				.param(new RecordKey(source, "Encounter", visit).id())
				.query(String.class)
				.single());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Object timestamp) {
		return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant();
	}

}
