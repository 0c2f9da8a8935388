package org.northstar.worklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.reactions.Reaction;
import org.northstar.reactions.Reactions;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;
import org.northstar.support.PlantedFault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

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

	@Autowired
	Clock clock;

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

		List<Task> open = this.tasks.openFor(List.of(patient));
		assertThat(open).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(open).extracting(Task::owner).containsOnly("tcm-coordinator");
		assertThat(open.get(0).dueOn()).isEqualTo(LocalDate.of(2026, 11, 24));
		// The complexity is not judged yet: the visit is due by 99496's deadline.
		assertThat(open.get(1).dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));
		assertThat(open.get(1).title()).isEqualTo("Face-to-face visit within 7 days of discharge (99496; 14 days,"
				+ " 99495, if the clinician judges the complexity moderate)");
		assertThat(open.get(2).dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));
		assertThat(this.tasks.openCounts(List.of(patient))).containsEntry(patient, 3);
	}

	@Test
	void theComplexityIsNotAssessedUntilAClinicianJudgesIt() throws Exception {
		PatientId patient = admit("MRN-TCM-20", "V-TCM-20");
		send(dischargeHome("MRN-TCM-20", "V-TCM-20", "20261120150000"));
		TcmClock clock = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21)).get(0);
		assertThat(clock.complexity()).isEqualTo(TcmClock.Complexity.NOT_ASSESSED);
		assertThat(clock.assessment().by()).isNull();
		assertThat(clock.code99496().standing()).isEqualTo(TcmClock.Standing.AWAITING_ASSESSMENT);
		assertThat(clock.code99495().standing()).isEqualTo(TcmClock.Standing.AWAITING_ASSESSMENT);

		assertThat(this.transitions.assess(List.of(patient), clock.encounter(), TcmClock.Complexity.HIGH, "dr.okafor"))
			.isTrue();
		assertThat(this.transitions.assess(List.of(new PatientId(UUID.randomUUID())), clock.encounter(),
				TcmClock.Complexity.MODERATE, "dr.okafor"))
			.as("another person's discharge is not judged through this one")
			.isFalse();

		TcmClock judged = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21)).get(0);
		assertThat(judged.complexity()).isEqualTo(TcmClock.Complexity.HIGH);
		assertThat(judged.assessment().by()).isEqualTo("dr.okafor");
		assertThat(judged.assessment().at()).isNotNull();
		assertThat(judged.code99496().standing()).isEqualTo(TcmClock.Standing.REACHABLE);
	}

	/**
	 * The visit is due by the deadline of the code the clinician's judgement leads to: 14
	 * days (99495) for moderate, 7 (99496) for high. The task moves; it is not replaced.
	 */
	@Test
	void theVisitTaskFollowsTheClinicianJudgingTheComplexity() throws Exception {
		PatientId patient = admit("MRN-TCM-21", "V-TCM-21");
		send(dischargeHome("MRN-TCM-21", "V-TCM-21", "20261120150000"));
		Task visit = openOfKind(patient, Task.Kind.TCM_VISIT);
		assertThat(visit.dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));

		assertThat(
				this.transitions.assess(List.of(patient), visit.encounter(), TcmClock.Complexity.MODERATE, "dr.okafor"))
			.isTrue();
		Task moved = openOfKind(patient, Task.Kind.TCM_VISIT);
		assertThat(moved.id()).isEqualTo(visit.id());
		assertThat(moved.createdAt()).isEqualTo(visit.createdAt());
		assertThat(moved.version()).isEqualTo(visit.version() + 1);
		assertThat(moved.dueOn()).isEqualTo(LocalDate.of(2026, 12, 4));
		assertThat(moved.title()).isEqualTo("Face-to-face visit within 14 days of discharge (99495: the clinician"
				+ " judged the complexity moderate)");
		assertThat(openOfKind(patient, Task.Kind.TCM_CONTACT).dueOn()).isEqualTo(LocalDate.of(2026, 11, 24));

		assertThat(this.transitions.assess(List.of(patient), visit.encounter(), TcmClock.Complexity.HIGH, "dr.adeyemi"))
			.isTrue();
		Task back = openOfKind(patient, Task.Kind.TCM_VISIT);
		assertThat(back.id()).isEqualTo(visit.id());
		assertThat(back.dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));
		assertThat(back.title()).isEqualTo(
				"Face-to-face visit within 7 days of discharge (99496: the clinician" + " judged the complexity high)");
		assertThat(this.jdbc.sql("select assessed_by from tcm_complexity where encounter_id = ? order by id")
			.param(visit.encounter())
			.query(String.class)
			.list()).as("every judgement that moved it is kept").containsExactly("dr.okafor", "dr.adeyemi");
	}

	@Test
	void aVisitAlreadyMadeStaysAsItWasWhenTheComplexityIsJudged() throws Exception {
		PatientId patient = admit("MRN-TCM-22", "V-TCM-22");
		send(dischargeHome("MRN-TCM-22", "V-TCM-22", "20261120150000"));
		Task visit = openOfKind(patient, Task.Kind.TCM_VISIT);
		assertThat(this.tasks.complete(visit.id(), patient, "tcm-coordinator", LocalDate.of(2026, 11, 26),
				LocalDate.of(2026, 11, 26)))
			.isTrue();

		this.transitions.assess(List.of(patient), visit.encounter(), TcmClock.Complexity.MODERATE, "dr.okafor");

		Task done = this.tasks.find(visit.id()).orElseThrow();
		assertThat(done.status()).isEqualTo(TaskStatus.DONE);
		assertThat(done.dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));
		assertThat(done.version()).isEqualTo(visit.version() + 1);
	}

	private Task openOfKind(PatientId patient, Task.Kind kind) {
		return this.tasks.openFor(List.of(patient))
			.stream()
			.filter(t -> t.kind() == kind)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open " + kind + " task"));
	}

	@Autowired
	FhirImport fhirImport;

	@Test
	void anImportedDischargeHomeInTheLastThirtyDaysStartsOneTransitionOfCareHoweverOftenItIsImported() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		PatientBundle bundle = aPatient("tcm-import-1").named("Imogen", "Imported")
			.born("1944-04-04")
			.sex("female")
			.withResource(inpatientStay("tcm-import-1", "recent", now.minus(Duration.ofDays(9)),
					now.minus(Duration.ofDays(5)), "home"))
			.withResource(inpatientStay("tcm-import-1", "old", now.minus(Duration.ofDays(50)),
					now.minus(Duration.ofDays(45)), "home"))
			.withResource(inpatientStay("tcm-import-1", "transfer", now.minus(Duration.ofDays(4)),
					now.minus(Duration.ofDays(3)), "snf"));
		PatientId patient = new PatientId(new RecordKey("tcm-import", "Patient", "tcm-import-1").id());
		this.caseloads.assign(patient, "tcm-coordinator", Relation.COORDINATOR);

		this.fhirImport.importBundle(bundle.json(), "tcm-import", "test");
		awaitReactions();
		this.fhirImport.importBundle(bundle.json(), "tcm-import", "test");
		awaitReactions();

		LocalDate today = LocalDate.now(this.clock);
		LocalDate discharged = LocalDate.ofInstant(now.minus(Duration.ofDays(5)), this.clock.getZone());
		assertThat(this.transitions.clocksFor(List.of(patient), today)).singleElement()
			.satisfies(clock -> assertThat(clock.dischargedOn()).isEqualTo(discharged));
		assertThat(this.tasks.openFor(List.of(patient))).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(this.tasks.openFor(List.of(patient))).extracting(Task::owner).containsOnly("tcm-coordinator");
	}

	private static String inpatientStay(String patient, String id, Instant start, Instant end, String disposition) {
		return """
				{"resourceType": "Encounter", "id": "%s-stay-%s", "status": "finished",
				 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
				 "subject": {"reference": "Patient/%s"},
				 "period": {"start": "%s", "end": "%s"},
				 "hospitalization": {"dischargeDisposition": {"coding": [
				   {"system": "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "%s"}]}}}
				""".formatted(patient, id, patient, start, end, disposition);
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

		assertThat(this.tasks.openFor(List.of(patient))).isEmpty();
	}

	@Autowired
	TransitionsOfCare transitions;

	@Test
	void theTcmClockFollowsTheContactAReadmissionAndADeath() throws Exception {
		PatientId patient = admit("MRN-TCM-3", "V-TCM-3a");
		send(dischargeHome("MRN-TCM-3", "V-TCM-3a", "20261120150000"));
		Task contact = this.tasks.openFor(List.of(patient)).get(0);
		assertThat(contact.kind()).isEqualTo(Task.Kind.TCM_CONTACT);

		this.tasks.complete(contact.id(), patient, "tcm-coordinator", LocalDate.of(2026, 11, 23),
				LocalDate.of(2026, 11, 23));

		TcmClock clock = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 23)).get(0);
		assertThat(clock.dischargedOn()).isEqualTo(LocalDate.of(2026, 11, 20));
		assertThat(clock.contact().standing()).isEqualTo(TcmClock.Standing.MET);
		assertThat(clock.code99495().standing()).isEqualTo(TcmClock.Standing.AWAITING_ASSESSMENT);

		// Back in on the 25th, home again on the 28th: one period, noted, no second one.
		send(Adt.anAdmit()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-3")
			.visit("V-TCM-3b")
			.at("20261125080000")
			.admittedAt("20261125080000"));
		send(dischargeHome("MRN-TCM-3", "V-TCM-3b", "20261128120000"));
		List<TcmClock> clocks = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 28));
		assertThat(clocks).extracting(TcmClock::dischargedOn)
			.containsExactly(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 20));
		assertThat(clocks.get(0).code99495().standing()).isEqualTo(TcmClock.Standing.NOT_BILLABLE);
		assertThat(clocks.get(1).notes()).singleElement().asString().startsWith("Readmitted on 25 Nov 2026.");

		// Readmitted on 2 December and died in hospital (UB-04 20): nothing is billable.
		send(Adt.anAdmit()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-3")
			.visit("V-TCM-3c")
			.at("20261202080000")
			.admittedAt("20261202080000"));
		send(Adt.aDischarge()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-3")
			.visit("V-TCM-3c")
			.at("20261203040000-0500")
			.dischargedAt("20261203040000-0500")
			.dischargeDisposition("20"));
		TcmClock first = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 12, 3)).get(1);
		assertThat(first.code99495().standing()).isEqualTo(TcmClock.Standing.NOT_BILLABLE);
		assertThat(first.code99495().explanation()).contains("died on 3 Dec 2026");
	}

	@Test
	void aTaskIsNotDoneInTheFuture() throws Exception {
		PatientId patient = admit("MRN-TCM-4", "V-TCM-4");
		send(dischargeHome("MRN-TCM-4", "V-TCM-4", "20261120150000"));
		Task contact = this.tasks.openFor(List.of(patient)).get(0);

		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tasks.complete(contact.id(), patient, "someone", LocalDate.of(2026, 11, 24),
					LocalDate.of(2026, 11, 23)))
			.withMessageContaining("2026-11-24");
		assertThat(this.tasks.complete(contact.id(), patient, "someone", LocalDate.of(2026, 11, 23),
				LocalDate.of(2026, 11, 23)))
			.isTrue();
		assertThat(this.tasks.complete(contact.id(), patient, "someone", LocalDate.of(2026, 11, 23),
				LocalDate.of(2026, 11, 23)))
			.as("done once")
			.isFalse();
	}

	@Test
	void anEveningDischargeIsOnThePracticesDayAndItsContactIsDueTwoBusinessDaysFromIt() throws Exception {
		send(Adt.anAdmit()
			.from("EPIC", "TCMHOSP")
			.forPatient("MRN-TCM-9")
			.visit("V-TCM-9")
			.at("20260302080000")
			.admittedAt("20260302080000"));
		PatientId patient = new PatientId(
				this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-TCM-9'")
					.query(UUID.class)
					.single());

		// 21:00 in Ohio on Thursday 5 March is 02:00 on Friday the 6th in UTC, the feed's
		// zone here. The practice's day is the 5th: contact by Monday the 9th, not
		// Tuesday.
		send(dischargeHome("MRN-TCM-9", "V-TCM-9", "20260306020000"));

		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 3, 6)))
			.extracting(TcmClock::dischargedOn)
			.containsExactly(LocalDate.of(2026, 3, 5));
		Task contact = this.tasks.openFor(List.of(patient)).get(0);
		assertThat(contact.kind()).isEqualTo(Task.Kind.TCM_CONTACT);
		assertThat(contact.dueOn()).isEqualTo(LocalDate.of(2026, 3, 9));
	}

	@Autowired
	Reactions reactions;

	/**
	 * Reactions run after the commit, on several threads: the readmission's may run
	 * before the discharge's. The period, once opened, still notes it.
	 */
	@Test
	void aReadmissionWhoseReactionRanBeforeTheDischargesIsNotedOnThePeriod() throws Exception {
		PatientId patient = admit("MRN-TCM-5", "V-TCM-5a");
		UUID discharge;
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "'")) {
			send(dischargeHome("MRN-TCM-5", "V-TCM-5a", "20261120150000"));
			discharge = failedReactionOf(patient);
			send(readmission("MRN-TCM-5", "V-TCM-5b", "20261125080000"));
		}
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 25))).isEmpty();

		assertThat(this.reactions.retry(discharge)).isTrue();
		awaitReactions();

		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 25))).singleElement()
			.satisfies(clock -> assertThat(clock.notes()).singleElement()
				.asString()
				.startsWith("Readmitted on 25 Nov 2026."));
	}

	/**
	 * The discharge that opens the period may be placed after one inside it: the later
	 * discharge is still counted inside the earlier one's period.
	 */
	@Test
	void aDischargeInsideAnEarlierPeriodIsPlacedInItWhicheverReactionRanFirst() throws Exception {
		PatientId patient = admit("MRN-TCM-6", "V-TCM-6a");
		UUID first;
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "' and new.discharged_on = '2026-11-20'")) {
			send(dischargeHome("MRN-TCM-6", "V-TCM-6a", "20261120150000"));
			first = failedReactionOf(patient);
			send(readmission("MRN-TCM-6", "V-TCM-6b", "20261125080000"));
			send(dischargeHome("MRN-TCM-6", "V-TCM-6b", "20261128120000"));
		}
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 28))).singleElement()
			.satisfies(clock -> assertThat(clock.code99495().standing()).isNotEqualTo(TcmClock.Standing.NOT_BILLABLE));

		assertThat(this.reactions.retry(first)).isTrue();
		awaitReactions();

		List<TcmClock> clocks = this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 28));
		assertThat(clocks).extracting(TcmClock::dischargedOn)
			.containsExactly(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 20));
		assertThat(clocks.get(0).code99495().explanation())
			.startsWith("Inside the TCM period of the discharge on 20 Nov 2026");
		assertThat(clocks.get(1).notes()).singleElement().asString().startsWith("Readmitted on 25 Nov 2026.");
	}

	/**
	 * Sent back to back, the two messages' reactions run side by side or in either order.
	 */
	@Test
	void aReadmissionSentRightAfterTheDischargeIsNoted() throws Exception {
		PatientId patient = admit("MRN-TCM-7", "V-TCM-7a");

		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(dischargeHome("MRN-TCM-7", "V-TCM-7a", "20261120150000").build()))
				.contains("MSA|AA|");
			assertThat(client.send(readmission("MRN-TCM-7", "V-TCM-7b", "20261120230000").build())).contains("MSA|AA|");
		}
		awaitReactions();

		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21))).singleElement()
			.satisfies(clock -> assertThat(clock.notes()).singleElement()
				.asString()
				.startsWith("Readmitted on 20 Nov 2026."));
	}

	private UUID failedReactionOf(PatientId patient) {
		return this.reactions.outstanding(1000)
			.stream()
			.filter(r -> r.retryable() && r.event().contains(patient.value().toString()))
			.map(Reaction::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failed reaction to " + patient));
	}

	private static Adt readmission(String mrn, String visit, String at) {
		return Adt.anAdmit().from("EPIC", "TCMHOSP").forPatient(mrn).visit(visit).at(at).admittedAt(at);
	}

	private static Adt dischargeHome(String mrn, String visit, String at) {
		return Adt.aDischarge()
			.from("EPIC", "TCMHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at(at)
			.dischargedAt(at)
			.dischargeDisposition("01");
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

	/**
	 * Sends the message and waits for the reactions to it: the tasks come after the ACK.
	 */
	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
