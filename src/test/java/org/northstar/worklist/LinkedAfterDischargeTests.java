package org.northstar.worklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.patient.People;
import org.northstar.patient.RecordLinkage;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.TcmClock.Standing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A stay that reached Northstar from the ADT feed and from a FHIR import on two records
 * not yet linked starts two transitions of care; when the records are linked afterwards
 * (by the matcher, on the import's next Patient, or by a user) the two become one: the
 * first kept, the other source recorded on it, the other's tasks cancelled with a reason
 * (a task already done stays done and counts), and one TCM period to bill.
 */
class LinkedAfterDischargeTests extends NorthstarTest {

	private static final DateTimeFormatter HL7 = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
		.withZone(ZoneOffset.UTC);

	private static final String SOURCE = "tcm-linked-later";

	private static final String COORDINATOR = "linked-later-coordinator";

	private static final List<String> FAMILIES = List.of("Brightwater", "Cressington", "Dunmore-Hale", "Elsworthy",
			"Fairclough");

	@Autowired
	MllpListener listener;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	People people;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Tasks tasks;

	@Autowired
	TransitionsOfCare transitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	/** Discharged home five days ago, at 15:00 UTC (10:00 in the practice's zone). */
	private final Instant discharged = Instant.now()
		.truncatedTo(ChronoUnit.DAYS)
		.minus(Duration.ofDays(5))
		.plus(Duration.ofHours(15));

	@Test
	void theMatcherLinkingTheRecordsAfterTheFeedAndTheImportMakesOneTransitionOfCare() throws Exception {
		Person person = twoRecords(1);
		send(dischargeHome(person));
		importStay(person);
		assertThat(this.transitions.clocksFor(List.of(person.feed(), person.imported()), today()))
			.as("two records, two people: one transition each")
			.hasSize(2);

		matcherLinks(person);

		TcmClock clock = onlyTransitionOf(person);
		assertThat(clock.encounter()).as("the feed's discharge arrived first").isEqualTo(feedStay(person));
		assertThat(clock.notes()).singleElement()
			.asString()
			.startsWith("The same stay also came from an import from " + SOURCE + ": one transition of care");
		assertThat(this.tasks.ofEncounter(importedStay(person)).values()).extracting(Task::status)
			.containsOnly(TaskStatus.CANCELLED)
			.hasSize(3);
		assertThat(reasons(importedStay(person))).hasSize(3)
			.allSatisfy(reason -> assertThat(reason)
				.startsWith("the same stay as the discharge on " + dischargeDay() + " sent first by the ADT feed"));
		assertThat(this.transitions.dischargedBetween(dischargeDay(), dischargeDay()))
			.as("the month-end report counts the person's one period")
			.contains(person.feed())
			.doesNotContain(person.imported());
	}

	@Test
	void aUserLinkingTheRecordsAfterTheImportAndTheFeedKeepsTheImportsTransition() throws Exception {
		Person person = twoRecords(2);
		importStay(person);
		send(dischargeHome(person));
		assertThat(this.transitions.clocksFor(List.of(person.feed(), person.imported()), today())).hasSize(2);

		this.linkage.link(person.feed(), person.imported(), "reviewer");
		awaitReactions();

		TcmClock clock = onlyTransitionOf(person);
		assertThat(clock.encounter()).as("the import's discharge arrived first").isEqualTo(importedStay(person));
		assertThat(clock.notes()).singleElement()
			.asString()
			.startsWith("The same stay also came from the ADT feed (hl7:LINKHOSP)");
		assertThat(this.transitions.dischargedBetween(dischargeDay(), dischargeDay())).contains(person.imported())
			.doesNotContain(person.feed());
	}

	@Test
	void eitherDischargeSentAgainAfterTheLinkStartsNothing() throws Exception {
		Person person = twoRecords(3);
		send(dischargeHome(person));
		importStay(person);
		matcherLinks(person);

		send(dischargeHome(person));
		importStay(person);
		this.linkage.link(person.feed(), person.imported(), "reviewer"); // already one:
																			// nothing
		awaitReactions();

		assertThat(onlyTransitionOf(person).encounter()).isEqualTo(feedStay(person));
		assertThat(this.tasks.ofEncounter(importedStay(person)).values()).extracting(Task::status)
			.containsOnly(TaskStatus.CANCELLED);
		assertThat(reasons(importedStay(person))).as("each task cancelled once").hasSize(3);
	}

	/**
	 * The coordinator of the imported record made the contact before the records were
	 * linked: that task stays done and the stay's contact counts as made; the kept
	 * transition's contact task, still open, is the one cancelled.
	 */
	@Test
	void aContactAlreadyMadeOnTheLaterTransitionStaysDoneAndCounts() throws Exception {
		Person person = twoRecords(4);
		send(dischargeHome(person));
		importStay(person);
		Task contact = this.tasks.ofEncounter(importedStay(person)).get(Task.Kind.TCM_CONTACT);
		assertThat(
				this.tasks.complete(contact.id(), person.imported(), COORDINATOR, dischargeDay().plusDays(1), today()))
			.isTrue();

		matcherLinks(person);

		assertThat(this.tasks.find(contact.id())).get().extracting(Task::status).isEqualTo(TaskStatus.DONE);
		Map<Task.Kind, Task> kept = this.tasks.ofEncounter(feedStay(person));
		assertThat(kept.get(Task.Kind.TCM_CONTACT).status()).isEqualTo(TaskStatus.CANCELLED);
		assertThat(reasons(feedStay(person))).singleElement()
			.isEqualTo("already done as task " + contact.id() + ", on the same stay sent by an import from " + SOURCE);
		assertThat(this.tasks.openFor(List.of(person.feed(), person.imported()))).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(onlyClockOf(person).contact().standing()).isEqualTo(Standing.MET);
	}

	/**
	 * The user links the records while the import's discharge is starting its transition
	 * (slowed down here, holding its record's lock): the link's reaction waits for it and
	 * folds what it started.
	 */
	@Test
	void aLinkWhileTheSecondDischargeIsStartingItsTransitionLeavesOne() throws Exception {
		Person person = twoRecords(5);
		send(dischargeHome(person));
		this.jdbc.sql("""
				create or replace function slow_linked_later() returns trigger language plpgsql as $slow$
				begin
				    perform pg_sleep(2);
				    return new;
				end $slow$
				""").update();
		this.jdbc
			.sql("create trigger slow_linked_later before insert on transition_stay for each row when"
					+ " (new.patient_id = '" + person.imported().value() + "') execute function slow_linked_later()")
			.update();
		try {
			this.fhirImport.importBundle(stay(person).json(), SOURCE, "test");
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.jdbc
					.sql("select count(*) from pg_stat_activity where query like 'insert into transition_stay%'")
					.query(Integer.class)
					.single() > 0);
			this.linkage.link(person.feed(), person.imported(), "reviewer");
			awaitReactions();
		}
		finally {
			this.jdbc.sql("drop trigger slow_linked_later on transition_stay").update();
		}

		assertThat(onlyTransitionOf(person).encounter()).isEqualTo(feedStay(person));
	}

	private TcmClock onlyTransitionOf(Person person) {
		List<PatientId> records = records(person);
		assertThat(this.tasks.openFor(records)).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		return onlyClockOf(person);
	}

	private TcmClock onlyClockOf(Person person) {
		List<TcmClock> clocks = this.transitions.clocksFor(records(person), today());
		assertThat(clocks).singleElement().satisfies(c -> assertThat(c.dischargedOn()).isEqualTo(dischargeDay()));
		return clocks.get(0);
	}

	/** The reasons kept in the history of the encounter's tasks. */
	private List<String> reasons(UUID encounter) {
		return this.jdbc.sql("""
				select h.reason from task_history h join task t on t.id = h.task_id
				where t.encounter_id = ? and h.reason is not null order by h.id
				""").param(encounter).query(String.class).list();
	}

	private List<PatientId> records(Person person) {
		List<PatientId> records = this.people.recordsOf(person.feed());
		assertThat(records).contains(person.imported());
		return records;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private LocalDate dischargeDay() {
		return LocalDate.ofInstant(this.discharged, this.clock.getZone());
	}

	/**
	 * A person with an imported record and a feed record, each on the coordinator's
	 * caseload, in hospital, and not linked: the import's record carries no identifier
	 * the feed's has, and a birth date the matcher will not link across. Each test's has
	 * another name, so that the matcher links no two tests' people.
	 */
	private Person twoRecords(int n) throws Exception {
		String id = "tcm-later-" + n;
		String family = FAMILIES.get(n - 1);
		this.fhirImport.importBundle(patient(id, family, MISTYPED_BIRTH).json(), SOURCE, "test");
		awaitReactions();
		PatientId imported = new PatientId(new RecordKey(SOURCE, "Patient", id).id());
		String mrn = "MRN-LATER-" + n;
		send(Adt.anAdmit()
			.from("EPIC", "LINKHOSP")
			.named(family, "Rosalind")
			.born("19490505")
			.forPatient(mrn)
			.visit("V-LATER-" + n)
			.at(HL7.format(this.discharged.minus(Duration.ofDays(4))))
			.admittedAt(HL7.format(this.discharged.minus(Duration.ofDays(4)))));
		PatientId feed = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
		assertThat(this.people.samePerson(feed, imported)).as("not linked yet").isFalse();
		this.caseloads.assign(imported, COORDINATOR, Relation.COORDINATOR);
		this.caseloads.assign(feed, COORDINATOR, Relation.COORDINATOR);
		return new Person(id, family, mrn, "V-LATER-" + n, feed, imported);
	}

	private record Person(String id, String family, String mrn, String visit, PatientId feed, PatientId imported) {
	}

	/**
	 * The EHR sends the person again, the birth date corrected and now with the
	 * hospital's record number: the matcher links the two records on the shared
	 * identifier.
	 */
	private void matcherLinks(Person person) {
		String system = this.jdbc.sql("select system from patient_identifier where value = ?")
			.param(person.mrn())
			.query(String.class)
			.single();
		this.fhirImport.importBundle(
				patient(person.id(), person.family(), "1949-05-05").identifier("MR", system, person.mrn()).json(),
				SOURCE, "test");
		awaitReactions();
		assertThat(this.people.samePerson(person.feed(), person.imported())).as("linked by the matcher").isTrue();
	}

	private UUID feedStay(Person person) {
		return this.jdbc.sql("select id from encounter where patient_id = ?")
			.param(person.feed().value())
			.query(UUID.class)
			.single();
	}

	private UUID importedStay(Person person) {
		return new RecordKey(SOURCE, "Encounter", person.id() + "-stay").id();
	}

	private Adt dischargeHome(Person person) {
		return Adt.aDischarge()
			.from("EPIC", "LINKHOSP")
			.named(person.family(), "Rosalind")
			.born("19490505")
			.forPatient(person.mrn())
			.visit(person.visit())
			.at(HL7.format(this.discharged))
			.admittedAt(HL7.format(this.discharged.minus(Duration.ofDays(4))))
			.dischargedAt(HL7.format(this.discharged))
			.dischargeDisposition("01");
	}

	private void importStay(Person person) {
		this.fhirImport.importBundle(stay(person).json(), SOURCE, "test");
		awaitReactions();
	}

	/**
	 * The birth date the EHR had until it corrected it: another person's to the matcher.
	 */
	private static final String MISTYPED_BIRTH = "1951-08-20";

	private static PatientBundle patient(String id, String family, String born) {
		return aPatient(id).named("Rosalind", family).born(born).sex("female");
	}

	/**
	 * The same stay as the hospital's EHR exported it (before correcting the birth date),
	 * discharged 90 minutes later.
	 */
	private PatientBundle stay(Person person) {
		return patient(person.id(), person.family(), MISTYPED_BIRTH).withResource("""
				{"resourceType": "Encounter", "id": "%s-stay", "status": "finished",
				 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
				 "subject": {"reference": "Patient/%s"},
				 "period": {"start": "%s", "end": "%s"},
				 "hospitalization": {"dischargeDisposition": {"coding": [
				   {"system": "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "home"}]}}}
				""".formatted(person.id(), person.id(),
				this.discharged.minus(Duration.ofDays(4)).minus(Duration.ofHours(10)),
				this.discharged.plus(Duration.ofMinutes(90))));
	}

	/** Sends the message and waits for the reactions to it. */
	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
