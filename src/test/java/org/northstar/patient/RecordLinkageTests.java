package org.northstar.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.northstar.audit.AuditAction;
import org.northstar.caseload.AccessDecision;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.caseload.Relation;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.Kind;
import org.northstar.clinical.ClinicalItems.Problem;
import org.northstar.clinical.ClinicalItems.TimelineItem;
import org.northstar.clinical.ClinicalRecords;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.notification.Notifications;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.OvernightReview;
import org.northstar.worklist.Task;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Record linkage on the embedded PostgreSQL: records imported from two systems become one
 * person, or wait for review, or stay apart; the patient's merged view; unlinking.
 */
class RecordLinkageTests extends NorthstarTest {

	@Autowired
	FhirImport fhirImport;

	@Autowired
	Patients patients;

	@Autowired
	RecordLinkage linkage;

	@Autowired
	People people;

	@Autowired
	ClinicalRecords clinical;

	@Autowired
	Caseloads caseloads;

	@Autowired
	PatientAccess access;

	@Autowired
	UserAccounts accounts;

	@Test
	void twoSourcesWithASharedSsnLinkDeterministically() {
		PatientId hospital = importPatient("lk-ssn-hospital",
				aPatient("h1").named("Mei", "Vandersloot")
					.born("1948-03-12")
					.sex("female")
					.livingAt("12 Elm St", "Boston", "02118")
					.ssn("999-41-0001"));
		PatientId clinic = importPatient("lk-ssn-clinic",
				aPatient("c1").named("May", "Vandersloot")
					.born("1948-03-12")
					.sex("female")
					.livingAt("40 Harbor Rd", "Quincy", "02169")
					.ssn("999410001"));

		assertThat(this.patients.linkedRecords(hospital)).containsExactlyInAnyOrder(hospital, clinic);
		assertThat(this.patients.linkedRecords(clinic)).containsExactlyInAnyOrder(hospital, clinic);
		assertThat(this.people.linksOf(clinic)).extracting(RecordLink::method).containsOnly("IDENTIFIER");
	}

	@Test
	void aRecordWithATypoLinksProbabilistically() {
		PatientId hospital = importPatient("lk-typo-hospital",
				aPatient("h1").named("Jennifer", "Thistlewood")
					.born("1980-05-03")
					.sex("female")
					.livingAt("7 Conroy Burg", "Haverhill", "01835")
					.phone("555-914-2222"));
		PatientId clinic = importPatient("lk-typo-clinic",
				aPatient("c1").named("Jenifer", "Thistlewod")
					.born("1980-05-03")
					.sex("female")
					.livingAt("7 Conroy Burg", "Haverhill", "01835")
					.phone("555-914-2222"));

		assertThat(this.patients.linkedRecords(hospital)).containsExactlyInAnyOrder(hospital, clinic);
		assertThat(this.people.linksOf(hospital)).extracting(RecordLink::method).containsOnly("PROBABILISTIC");
	}

	@Test
	void aBorderlinePairWaitsInTheReviewQueue() {
		PatientId hospital = importPatient("lk-border-hospital",
				aPatient("h1").named("Walter", "Grzybowski")
					.born("1938-06-02")
					.sex("male")
					.livingAt("3 Mill Rd", "Lowell", "01850")
					.phone("555-300-1000"));
		PatientId pharmacy = importPatient("lk-border-pharmacy",
				aPatient("p1").named("Walt", "Grzybowski")
					.born("1938-02-06")
					.sex("male")
					.livingAt("88 Lake Ave", "Worcester", "01604")
					.phone("555-300-9999"));

		assertThat(this.patients.linkedRecords(hospital)).containsExactly(hospital);
		List<LinkCandidate> queue = this.linkage.pendingFor(List.of(hospital), 10);
		assertThat(queue).hasSize(1);
		LinkCandidate pair = queue.get(0);
		assertThat(List.of(pair.recordA(), pair.recordB())).containsExactlyInAnyOrder(hospital, pharmacy);
		assertThat(pair.score()).isBetween(8.0, 16.0);
		assertThat(pair.fields()).extracting(LinkCandidate.FieldAgreement::agreement)
			.contains("AGREE", "PARTIAL", "DISAGREE");

		// A coordinator says they are one person: linked, out of the queue.
		this.linkage.link(hospital, pharmacy, "ana");
		assertThat(this.patients.linkedRecords(hospital)).containsExactlyInAnyOrder(hospital, pharmacy);
		assertThat(this.linkage.pendingFor(List.of(hospital), 10)).isEmpty();
		assertThat(this.people.linksOf(hospital)).extracting(RecordLink::method).containsOnly("MANUAL");
	}

	@Test
	void twinsAreNotLinked() {
		PatientId anna = importPatient("lk-twins-hospital",
				aPatient("h1").named("Anna", "Zwieback")
					.born("2001-06-30")
					.sex("female")
					.livingAt("5 Oak St", "Salem", "01970")
					.phone("555-222-3333")
					.ssn("999-51-1111"));
		PatientId ella = importPatient("lk-twins-clinic",
				aPatient("c1").named("Ella", "Zwieback")
					.born("2001-06-30")
					.sex("female")
					.livingAt("5 Oak St", "Salem", "01970")
					.phone("555-222-3333")
					.ssn("999-51-1112"));

		assertThat(this.patients.linkedRecords(anna)).containsExactly(anna);
		assertThat(this.patients.linkedRecords(ella)).containsExactly(ella);
		assertThat(this.linkage.pendingFor(List.of(anna), 10)).isEmpty();
	}

	@Test
	void thePersonsViewMergesBothRecordsOnceEachAndUnlinkingRestoresEachView() {
		String diabetes = "44054006";
		String encounterStart = "2025-02-03T09:30:00Z";
		PatientId hospital = importPatient("lk-view-hospital",
				aPatient("h1").named("Osric", "Pemberton")
					.born("1997-04-09")
					.sex("male")
					.phone("555-610-0001")
					.ssn("999-61-0001")
					.withCondition(diabetes, "Diabetes mellitus type 2 (disorder)")
					.withEncounter("185349003", "Encounter for check up", encounterStart));
		PatientId clinic = importPatient("lk-view-clinic",
				aPatient("c1").named("Osric", "Pemberton")
					.born("1997-04-09")
					.sex("male")
					.ssn("999-61-0001")
					.withCondition(diabetes, "Type 2 diabetes")
					.withCondition("38341003", "Hypertension (disorder)")
					.withEncounter("185349003", "Check-up", encounterStart));
		List<PatientId> person = this.patients.linkedRecords(hospital);
		assertThat(person).containsExactlyInAnyOrder(hospital, clinic);

		List<Problem> problems = this.clinical.problems(person);
		assertThat(problems).hasSize(2);
		Problem shared = problems.stream().filter(p -> diabetes.equals(p.code())).findFirst().orElseThrow();
		assertThat(shared.sources()).containsExactlyInAnyOrder("lk-view-hospital", "lk-view-clinic");
		List<TimelineItem> encounters = this.clinical.timeline(person, EnumSet.of(Kind.ENCOUNTER), Instant.EPOCH,
				Instant.now(), 50);
		assertThat(encounters).hasSize(1);
		assertThat(encounters.get(0).sources()).hasSize(2);

		assertThat(this.linkage.unlink(clinic, "ana", "a different Mr Okafor")).isPresent();

		assertThat(this.patients.linkedRecords(hospital)).containsExactly(hospital);
		assertThat(this.clinical.problems(this.patients.linkedRecords(hospital))).extracting(Problem::sources)
			.containsExactly(List.of("lk-view-hospital"));
		assertThat(this.clinical.problems(this.patients.linkedRecords(clinic))).hasSize(2)
			.allSatisfy(p -> assertThat(p.sources()).containsExactly("lk-view-clinic"));
		// The decision is sticky: linking everything again leaves them apart.
		this.linkage.linkAll();
		assertThat(this.patients.linkedRecords(hospital)).containsExactly(hospital);
		assertThat(this.linkage.candidate(hospital, clinic)).get()
			.extracting(LinkCandidate::status, LinkCandidate::decidedBy)
			.containsExactly(LinkCandidate.Status.REJECTED, "ana");
	}

	@Test
	void accessToALinkedRecordFollowsTheCaseloadOfAnyRecordOfThePerson() {
		UserAccount dana = coordinator("lk-dana");
		PatientId hospital = importPatient("lk-access-hospital",
				aPatient("h1").named("Amira", "Haddad-Stone").born("1992-03-18").sex("female").ssn("999-71-0001"));
		PatientId clinic = importPatient("lk-access-clinic",
				aPatient("c1").named("Amira", "Haddad-Stone").born("1992-03-18").sex("female").ssn("999-71-0001"));
		this.caseloads.assign(hospital, dana.username(), Relation.COORDINATOR);

		assertThat(this.access.check(dana, clinic, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.PERMITTED);
		// One person, one row on the caseload.
		assertThat(this.people.onePerPerson(List.of(hospital, clinic))).containsExactly(hospital);

		this.linkage.unlink(clinic, dana.username(), "not the same person");

		assertThat(this.access.check(dana, clinic, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.REFUSED);
		assertThat(this.people.onePerPerson(List.of(hospital, clinic))).containsExactly(hospital, clinic);
	}

	@Test
	void aRejectedPairLeavesTheQueueAndIsNeverQueuedOrLinkedAgain() {
		PatientId hospital = importPatient("lk-reject-hospital",
				aPatient("h1").named("Cornelius", "Ashdown")
					.born("1955-03-07")
					.sex("male")
					.livingAt("9 Quarry Rd", "Lynn", "01902")
					.phone("555-700-1000"));
		PatientId clinic = importPatient("lk-reject-clinic",
				aPatient("c1").named("Cornelis", "Ashdown")
					.born("1955-07-03")
					.sex("male")
					.livingAt("61 Ferry St", "Everett", "02149")
					.phone("555-700-2222"));
		assertThat(this.linkage.pendingFor(List.of(hospital), 10)).hasSize(1);

		this.linkage.reject(hospital, clinic, "carla");
		this.linkage.linkAll();

		assertThat(this.linkage.pendingFor(List.of(hospital), 10)).isEmpty();
		assertThat(this.patients.linkedRecords(hospital)).containsExactly(hospital);
		assertThat(this.linkage.candidate(clinic, hospital)).get()
			.extracting(LinkCandidate::status, LinkCandidate::decidedBy)
			.containsExactly(LinkCandidate.Status.REJECTED, "carla");
	}

	@Test
	void onlyAProposedPairOpensTheOtherRecordAndOnlyToCoordinatorsAndSupervisors() {
		UserAccount erin = coordinator("lk-erin");
		UserAccount frank = user("lk-frank", Role.CARE_TEAM_MEMBER);
		PatientId hospital = importPatient("lk-open-hospital",
				aPatient("h1").named("Rosamund", "Pilkington")
					.born("1971-10-02")
					.sex("female")
					.livingAt("3 Tanner Way", "Lowell", "01851")
					.phone("555-810-0001"));
		PatientId clinic = importPatient("lk-open-clinic",
				aPatient("c1").named("Rosamond", "Pilkington")
					.born("1971-02-10")
					.sex("female")
					.livingAt("18 Canal St", "Lawrence", "01840")
					.phone("555-810-9999"));
		PatientId stranger = importPatient("lk-open-other",
				aPatient("o1").named("Ignatius", "Fairweather").born("1949-12-12").sex("male"));
		this.caseloads.assign(hospital, erin.username(), Relation.COORDINATOR);
		this.caseloads.assign(hospital, frank.username(), Relation.CARE_TEAM);
		assertThat(this.linkage.candidate(hospital, clinic)).get()
			.extracting(LinkCandidate::status)
			.isEqualTo(LinkCandidate.Status.PENDING);

		assertThat(this.access.checkLinkCandidate(erin, clinic, hospital, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.PERMITTED);
		assertThat(this.access.checkLinkCandidate(erin, stranger, hospital, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.REFUSED);
		assertThat(this.access.checkLinkCandidate(frank, clinic, hospital, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.REFUSED);
		assertThat(this.access.check(frank, hospital, AuditAction.READ, "test", "127.0.0.1"))
			.isEqualTo(AccessDecision.PERMITTED);
	}

	private UserAccount coordinator(String name) {
		return user(name, Role.COORDINATOR);
	}

	private UserAccount user(String name, Role role) {
		return this.accounts.find(name)
			.orElseGet(() -> this.accounts.create(name, name, "password-" + name + "-2026", Set.of(role), null));
	}

	@Autowired
	MllpListener listener;

	@Test
	void aPatientFirstSeenOnTheAdtFeedIsLinkedToTheEhrRecordOfTheSamePerson() throws Exception {
		PatientId ehr = importPatient("lk-feed-ehr",
				aPatient("e1").named("Rosalind", "Quartermaine")
					.born("1951-09-14")
					.sex("female")
					.livingAt("88 Beacon St", "Boston", "02108"));

		Adt admit = Adt.anAdmit()
			.from("EPIC", "LKFEEDHOSP")
			.forPatient("MRN-LK-FEED-1")
			.named("Quartermaine", "Rosalind")
			.born("19510914")
			.livingAt("88 Beacon St", "Boston", "MA", "02108");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).contains("MSA|AA|");
		}

		assertThat(this.patients.linkedRecords(ehr)).hasSize(2);
	}

	/**
	 * A notification lands on the hospital's record, a stub made from one message: the
	 * person it shows is headed by the EHR's record, with the language, interpreter need
	 * and address of every record.
	 */
	@Test
	void aPersonFoundThroughTheHospitalsStubIsHeadedByTheFullRecordWithWhatEveryRecordSays() throws Exception {
		PatientId ehr = importPatient("lk-person-ehr",
				aPatient("e1").named("Soraya", "Abernethy-Quist")
					.born("1949-07-23")
					.sex("female")
					.speaks("fa", true)
					.livingAt("12 Orchard St", "Salem", "01970"));
		Adt admit = Adt.anAdmit()
			.from("EPIC", "LKPERSONHOSP")
			.forPatient("MRN-LK-PERSON-1")
			.named("Abernethy-Quist", "Soraya")
			.born("19490723")
			.livingAt("12 Orchard St", "Salem", "MA", "01970");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).contains("MSA|AA|");
		}
		PatientId hospital = this.patients.findByIdentifier("LKPERSONHOSP", "MRN-LK-PERSON-1")
			.stream()
			.findFirst()
			.orElseGet(() -> this.people.recordsOf(ehr).get(1));

		Person person = this.people.personOf(hospital).orElseThrow();

		assertThat(person.ids()).hasSize(2).first().isEqualTo(hospital);
		assertThat(person.primary().summary().id()).isEqualTo(ehr);
		assertThat(person.languages()).extracting(Person.Sourced::value).containsExactly("fa");
		assertThat(person.interpreterRequired()).isTrue();
		assertThat(person.interpreterRequiredBy()).containsExactly("lk-person-ehr");
		assertThat(person.addresses()).singleElement()
			.satisfies(a -> assertThat(a.value()).startsWith("12 Orchard St, Salem"))
			.satisfies(a -> assertThat(a.sources()).hasSize(2).contains("lk-person-ehr"));
	}

	/**
	 * Linking A and B after a pair between A's person and B's person was marked as
	 * different people would undo that decision in silence: refused, naming the pair.
	 */
	@Test
	void decisionsThatContradictEarlierOnesAreRefusedWithTheReason() {
		PatientId a = importPatient("lk-contra-a",
				aPatient("a1").named("Ottoline", "Featherstonehaugh").born("1939-01-14").sex("female"));
		PatientId a2 = importPatient("lk-contra-a2",
				aPatient("a2").named("Lettice", "Brackenbury").born("1966-09-30").sex("female"));
		PatientId b = importPatient("lk-contra-b",
				aPatient("b1").named("Peregrine", "Onslow-Pike").born("1977-04-04").sex("male"));
		PatientId b2 = importPatient("lk-contra-b2",
				aPatient("b2").named("Crispin", "Ravenscroft").born("1985-12-19").sex("male"));
		this.linkage.link(a, a2, "ana");
		this.linkage.link(b, b2, "ana");
		this.linkage.reject(a2, b2, "carla");

		assertThatThrownBy(() -> this.linkage.link(a, b, "ana")).isInstanceOf(DecisionConflictException.class)
			.hasMessageContaining("Brackenbury, Lettice (lk-contra-a2)")
			.hasMessageContaining("Ravenscroft, Crispin (lk-contra-b2)")
			.hasMessageContaining("by carla");
		assertThat(this.people.recordsOf(a)).containsExactlyInAnyOrder(a, a2);
		assertThat(this.people.recordsOf(b)).containsExactlyInAnyOrder(b, b2);
		// Two records of one person "different people": an unlink in disguise.
		assertThatThrownBy(() -> this.linkage.reject(a, a2, "ana")).isInstanceOf(DecisionConflictException.class)
			.hasMessageContaining("unlink");
		assertThatThrownBy(() -> this.linkage.link(a2, b2, "ana")).isInstanceOf(DecisionConflictException.class)
			.hasMessageContaining("re-open");

		this.linkage.reopen(a2, b2, "carla");
		this.linkage.link(a, b, "carla");
		assertThat(this.people.recordsOf(a)).containsExactlyInAnyOrder(a, a2, b, b2);
	}

	@Test
	void theQueueListsEachUnsurePairOfPeopleOnce() {
		PatientId hospital = importPatient("lk-once-hospital",
				aPatient("h1").named("Walter", "Mroczkowski")
					.born("1936-06-02")
					.sex("male")
					.livingAt("41 Tannery Row", "Ayer", "01432")
					.phone("555-717-4242"));
		PatientId pharmacy = importPatient("lk-once-pharmacy",
				aPatient("p1").named("Walt", "Mroczkowski")
					.born("1936-02-06")
					.sex("male")
					.livingAt("7 Pinnacle Way", "Gardner", "01440")
					.phone("555-717-8080"));
		PatientId clinic = importPatient("lk-once-clinic",
				aPatient("c1").named("Walter", "Mroczkowski")
					.born("1936-06-02")
					.sex("male")
					.livingAt("41 Tannery Row", "Ayer", "01432")
					.phone("555-717-4242"));
		assertThat(this.people.recordsOf(hospital)).containsExactlyInAnyOrder(hospital, clinic);
		assertThat(List.of(this.linkage.candidate(hospital, pharmacy), this.linkage.candidate(clinic, pharmacy)))
			.allSatisfy(
					c -> assertThat(c).get().extracting(LinkCandidate::status).isEqualTo(LinkCandidate.Status.PENDING));

		// Other tests' Walters may be queued with them too: they are other pairs of
		// people.
		assertThat(this.linkage.pendingFor(List.of(hospital), 50))
			.filteredOn(c -> c.recordA().equals(pharmacy) || c.recordB().equals(pharmacy))
			.hasSize(1);
	}

	@Autowired
	Notifications notifications;

	@Autowired
	OvernightReview overnightReview;

	@Autowired
	Tasks tasks;

	/**
	 * The hospital keeps her under its own record number: once linkage has put that
	 * record with the EHR's, her admission is her coordinator's, the first message
	 * included.
	 */
	@Test
	void aHospitalsFirstMessageAboutACaseloadPatientReachesHerCoordinator() throws Exception {
		PatientId ehr = importPatient("lk-feed-caseload",
				aPatient("c1").named("Philippa", "Ashdown-Vance")
					.born("1947-03-22")
					.sex("female")
					.livingAt("14 Orchard Lane", "Salem", "01970")
					.withCondition("44054006", "Diabetes mellitus type 2")
					.withCondition("84114007", "Heart failure")
					.withCondition("13645005", "Chronic obstructive lung disease")
					.withCondition("709044004", "Chronic kidney disease"));
		UserAccount coordinator = coordinator("lk-feed-coordinator");
		this.caseloads.assign(ehr, coordinator.username(), Relation.COORDINATOR);

		Adt admit = philippaAt("LKCASEHOSP", Adt.anAdmit()).at("20261125220000");
		Adt discharge = philippaAt("LKCASEHOSP", Adt.aDischarge()).at("20261126100000").dischargedAt("20261126100000");
		try (MllpClient client = new MllpClient(this.listener.port())) {
			assertThat(client.send(admit.build())).contains("MSA|AA|");
			assertThat(client.send(discharge.build())).contains("MSA|AA|");
		}
		awaitReactions();

		List<PatientId> records = this.patients.linkedRecords(ehr);
		assertThat(records).hasSize(2);
		PatientId feed = records.stream().filter(r -> !r.equals(ehr)).findFirst().orElseThrow();
		assertThat(this.notifications.recentFor(coordinator.username(), 10)).singleElement()
			.satisfies(n -> assertThat(n.patient()).isEqualTo(feed));
		var review = this.overnightReview.forUser(coordinator, Instant.parse("2026-11-26T12:00:00Z"),
				ZoneId.systemDefault());
		assertThat(review.events()).extracting(HospitalEvent::patient).contains(feed);
		assertThat(review.coordinators()).containsEntry(feed, coordinator.username());
		List<Task> transition = this.tasks.openFor(records).stream().filter(t -> t.patient().equals(feed)).toList();
		assertThat(transition).extracting(Task::owner).hasSize(3).containsOnly(coordinator.username());
		// Her complexity is not judged yet: the visit is due by 99496's deadline, 7 days.
		assertThat(transition).filteredOn(t -> t.kind() == Task.Kind.TCM_VISIT)
			.singleElement()
			.satisfies(t -> assertThat(t.dueOn()).isEqualTo(LocalDate.parse("2026-12-03")));
	}

	/**
	 * Two hospitals announce the same new patient at the same moment: whichever commits
	 * second must see the first's record and link to it, not make a second person.
	 */
	@Test
	void twoFeedsAnnouncingOnePatientAtOnceLinkTheirRecords() throws Exception {
		String[][] people = { { "Abernathy", "Theodora" }, { "Brightwater", "Lucius" }, { "Cholmondeley", "Imogen" },
				{ "Dunsmore", "Percival" }, { "Esterhazy", "Wilhelmina" }, { "Fortescue", "Barnaby" },
				{ "Gwynedd", "Ottoline" }, { "Hargreaves", "Cornelius" }, { "Illingworth", "Araminta" },
				{ "Jessop", "Ptolemy" }, { "Kettleborough", "Euphemia" }, { "Loxley", "Ambrose" } };
		ExecutorService senders = Executors.newFixedThreadPool(2);
		try (MllpClient north = new MllpClient(this.listener.port());
				MllpClient south = new MllpClient(this.listener.port())) {
			for (int i = 0; i < people.length; i++) {
				String[] name = people[i];
				String born = "19" + (40 + i) + "0" + (1 + i % 9) + "1" + i % 10;
				String street = (10 + i * 7) + " Harbour Road";
				CyclicBarrier together = new CyclicBarrier(2);
				Adt fromNorth = admission("NORTHHOSP", "MRN-N-" + i, name, born, street);
				Adt fromSouth = admission("SOUTHHOSP", "MRN-S-" + i, name, born, street);
				List<Future<String>> acks = List.of(senders.submit(() -> sendTogether(north, together, fromNorth)),
						senders.submit(() -> sendTogether(south, together, fromSouth)));
				for (Future<String> ack : acks) {
					assertThat(ack.get()).contains("MSA|AA|");
				}
			}
		}
		finally {
			senders.shutdownNow();
		}
		for (int i = 0; i < people.length; i++) {
			PatientId north = this.patients.findByIdentifier("NORTHHOSP", "MRN-N-" + i).get(0);
			PatientId south = this.patients.findByIdentifier("SOUTHHOSP", "MRN-S-" + i).get(0);
			assertThat(this.patients.linkedRecords(north)).as("person %d", i).containsExactlyInAnyOrder(north, south);
		}
	}

	private static Adt admission(String hospital, String mrn, String[] name, String born, String street) {
		return Adt.anAdmit()
			.from("EPIC", hospital)
			.forPatient(mrn)
			.named(name[0], name[1])
			.born(born)
			.livingAt(street, "Gloucester", "MA", "01930");
	}

	private static String sendTogether(MllpClient client, CyclicBarrier together, Adt message) throws Exception {
		String text = message.build();
		together.await();
		return client.send(text);
	}

	/** Philippa Ashdown-Vance as the hospital knows her, in one visit. */
	private static Adt philippaAt(String hospital, Adt event) {
		return event.from("EPIC", hospital)
			.forPatient("MRN-LK-CASE-1")
			.named("Ashdown-Vance", "Philippa")
			.born("19470322")
			.livingAt("14 Orchard Lane", "Salem", "MA", "01970")
			.visit("V-LK-CASE-1")
			.admittedAt("20261125220000");
	}

	private PatientId importPatient(String source, PatientBundle bundle) {
		this.fhirImport.importBundle(bundle.json(), source, "test");
		String id = new String(bundle.json(), java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey(source, "Patient", id).id());
	}

}
