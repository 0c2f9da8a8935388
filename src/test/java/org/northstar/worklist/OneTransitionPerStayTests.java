package org.northstar.worklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * A stay that reaches Northstar from the ADT feed and from a FHIR import, on two linked
 * records of one person, starts one transition of care: one set of tasks, one TCM period,
 * whichever source arrives first, and however often either is sent again.
 */
class OneTransitionPerStayTests extends NorthstarTest {

	private static final DateTimeFormatter HL7 = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
		.withZone(ZoneOffset.UTC);

	private static final String SOURCE = "tcm-two-sources";

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
	void aStayFromTheFeedAndThenTheImportStartsOneTransitionOfCare() throws Exception {
		Person person = aLinkedPerson("1");

		send(dischargeHome(person));
		importStay(person, "home");
		send(dischargeHome(person)); // a resend
		importStay(person, "home"); // and a re-import

		TcmClock clock = onlyTransitionOf(person);
		assertThat(clock.encounter()).as("the feed's discharge arrived first").isEqualTo(feedStay(person));
		assertThat(clock.notes()).singleElement()
			.asString()
			.startsWith("The same stay also came from an import from " + SOURCE + ": one transition of care");
	}

	@Test
	void aStayFromTheImportAndThenTheFeedStartsOneTransitionOfCare() throws Exception {
		Person person = aLinkedPerson("2");

		importStay(person, "home");
		send(dischargeHome(person));
		importStay(person, "home");
		send(dischargeHome(person));

		TcmClock clock = onlyTransitionOf(person);
		assertThat(clock.encounter()).as("the import's discharge arrived first")
			.isEqualTo(new RecordKey(SOURCE, "Encounter", person.id() + "-stay").id());
		assertThat(clock.notes()).singleElement()
			.asString()
			.startsWith("The same stay also came from the ADT feed (hl7:TWOHOSP)");
	}

	/**
	 * The feed left out where the patient went (PV1-36 empty): its tasks ask to confirm
	 * it, and no TCM period opens. The import says home: the period opens on the feed's
	 * transition, not a second one.
	 */
	@Test
	void theImportSayingHomeOpensThePeriodOfTheFeedsDischargeThatDidNotSay() throws Exception {
		Person person = aLinkedPerson("3");

		send(dischargeHome(person).dischargeDisposition(""));
		assertThat(this.transitions.clocksFor(records(person), today())).isEmpty();
		importStay(person, "home");

		assertThat(onlyTransitionOf(person).encounter()).isEqualTo(feedStay(person));
	}

	/**
	 * The two reactions run at once, each holding the lock of its own record while it
	 * writes (slowed down here so that they overlap): only one starts the transition.
	 */
	@Test
	void twoSourcesArrivingAtOnceStartOneTransitionOfCare() throws Exception {
		Person person = aLinkedPerson("4");
		this.jdbc.sql("""
				create or replace function slow_transition_stay() returns trigger language plpgsql as $slow$
				begin
				    perform pg_sleep(2);
				    return new;
				end $slow$
				""").update();
		this.jdbc
			.sql("create trigger slow_transition_stay before insert on transition_stay for each row when"
					+ " (new.patient_id in ('" + person.feed().value() + "', '" + person.imported().value()
					+ "')) execute function slow_transition_stay()")
			.update();
		try {
			CountDownLatch go = new CountDownLatch(1);
			CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
				await(go);
				try (MllpClient client = new MllpClient(this.listener.port())) {
					assertThat(client.send(dischargeHome(person).build())).contains("MSA|AA|");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			CompletableFuture<Void> imported = CompletableFuture.runAsync(() -> {
				await(go);
				this.fhirImport.importBundle(stay(person, "home").json(), SOURCE, "test");
			});
			go.countDown();
			CompletableFuture.allOf(feed, imported).get(30, TimeUnit.SECONDS);
			awaitReactions();
		}
		finally {
			this.jdbc.sql("drop trigger slow_transition_stay on transition_stay").update();
		}

		onlyTransitionOf(person);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One TCM period and one set of tasks for the person, whatever record they are on.
	 */
	private TcmClock onlyTransitionOf(Person person) {
		List<PatientId> records = records(person);
		assertThat(this.tasks.openFor(records)).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(this.tasks.openFor(records)).extracting(Task::owner).containsOnly("two-source-coordinator");
		List<TcmClock> clocks = this.transitions.clocksFor(records, today());
		assertThat(clocks).singleElement()
			.satisfies(c -> assertThat(c.dischargedOn())
				.isEqualTo(LocalDate.ofInstant(this.discharged, this.clock.getZone())));
		return clocks.get(0);
	}

	private List<PatientId> records(Person person) {
		List<PatientId> records = this.people.recordsOf(person.feed());
		assertThat(records).contains(person.imported());
		return records;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * A person with an imported record and a feed record, linked, in hospital; each
	 * test's has another name, so that the matcher links no two tests' people.
	 */
	private Person aLinkedPerson(String n) throws Exception {
		String id = "tcm-two-" + n;
		String family = FAMILIES.get(Integer.parseInt(n) - 1);
		this.fhirImport.importBundle(patient(id, family).json(), SOURCE, "test");
		awaitReactions();
		PatientId imported = new PatientId(new RecordKey(SOURCE, "Patient", id).id());
		String mrn = "MRN-TWO-" + n;
		send(Adt.anAdmit()
			.from("EPIC", "TWOHOSP")
			.forPatient(mrn)
			.named(family, "Tamsin")
			.born("19470303")
			.visit("V-TWO-" + n)
			.at(HL7.format(this.discharged.minus(Duration.ofDays(4))))
			.admittedAt(HL7.format(this.discharged.minus(Duration.ofDays(4)))));
		PatientId feed = new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
		this.linkage.link(feed, imported, "test");
		this.caseloads.assign(imported, "two-source-coordinator", Relation.COORDINATOR);
		return new Person(id, family, mrn, "V-TWO-" + n, feed, imported);
	}

	private static final List<String> FAMILIES = List.of("Abernathy", "Quillfeather", "Okonkwo", "Vasquez-Lind");

	private record Person(String id, String family, String mrn, String visit, PatientId feed, PatientId imported) {
	}

	private UUID feedStay(Person person) {
		return this.jdbc.sql("select id from encounter where patient_id = ?")
			.param(person.feed().value())
			.query(UUID.class)
			.single();
	}

	private Adt dischargeHome(Person person) {
		return Adt.aDischarge()
			.from("EPIC", "TWOHOSP")
			.forPatient(person.mrn())
			.visit(person.visit())
			.at(HL7.format(this.discharged))
			.admittedAt(HL7.format(this.discharged.minus(Duration.ofDays(4))))
			.dischargedAt(HL7.format(this.discharged))
			.dischargeDisposition("01");
	}

	private void importStay(Person person, String disposition) {
		this.fhirImport.importBundle(stay(person, disposition).json(), SOURCE, "test");
		awaitReactions();
	}

	private static PatientBundle patient(String id, String family) {
		return aPatient(id).named("Tamsin", family).born("1947-03-03").sex("female");
	}

	/**
	 * The same stay as the hospital's EHR exported it: admitted the evening before the
	 * feed's admission time (the ED arrival), discharged 90 minutes after the feed's A03.
	 */
	private PatientBundle stay(Person person, String disposition) {
		return patient(person.id(), person.family()).withResource("""
				{"resourceType": "Encounter", "id": "%s-stay", "status": "finished",
				 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
				 "subject": {"reference": "Patient/%s"},
				 "period": {"start": "%s", "end": "%s"},
				 "hospitalization": {"dischargeDisposition": {"coding": [
				   {"system": "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "%s"}]}}}
				""".formatted(person.id(), person.id(),
				this.discharged.minus(Duration.ofDays(4)).minus(Duration.ofHours(10)),
				this.discharged.plus(Duration.ofMinutes(90)), disposition));
	}

	/** Sends the message and waits for the reactions to it. */
	private void send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(message.build())).contains("MSA|AA|");
		}
		awaitReactions();
	}

}
