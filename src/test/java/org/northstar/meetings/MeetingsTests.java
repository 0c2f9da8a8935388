package org.northstar.meetings;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.CarePlans;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.Target;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PageClient;
import org.northstar.support.PatientBundle;
import org.northstar.worklist.Task;
import org.northstar.worklist.TaskBasis;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.Tasks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * IDT meetings, victories and family conferences on the real database: the agenda
 * compiled from a team's people and nobody else's, decisions that become tasks, edits
 * until the meeting is closed, and family conferences that raise a caregiver-strain
 * barrier, each all or nothing.
 */
class MeetingsTests extends NorthstarTest {

	static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	@Autowired
	Meetings meetings;

	@Autowired
	Victories victories;

	@Autowired
	FamilyConferences conferences;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Tasks tasks;

	@Autowired
	CarePlans plans;

	@Autowired
	People people;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	static PatientId overdue;

	static PatientId barrier;

	static PatientId quiet;

	static PatientId winner;

	static PatientId stranger;

	static LocalDate today;

	@BeforeEach
	void team() {
		if (overdue != null) {
			return;
		}
		today = LocalDate.now(this.clock);
		this.accounts.ensureTeam("idt-team", "IDT team");
		this.accounts.ensureTeam("idt-other", "Another team");
		this.accounts.create("idt-sue", "Sue Supervisor", PASSWORD, Set.of(Role.SUPERVISOR), "idt-team");
		this.accounts.create("idt-ana", "Ana Coordinator", PASSWORD, Set.of(Role.COORDINATOR), "idt-team");
		this.accounts.create("idt-zed", "Zed Elsewhere", PASSWORD, Set.of(Role.COORDINATOR), "idt-other");
		overdue = patient("idt-1", "Olive", "Overdue", "1941-01-02");
		barrier = patient("idt-2", "Bea", "Barrier", "1942-02-03");
		quiet = patient("idt-3", "Quinn", "Quiet", "1943-03-04");
		winner = patient("idt-4", "Wes", "Winner", "1944-04-05");
		stranger = patient("idt-5", "Sam", "Stranger", "1945-05-06");
		for (PatientId ours : List.of(overdue, barrier, quiet, winner)) {
			this.caseloads.assign(ours, "idt-ana", Relation.COORDINATOR);
		}
		this.caseloads.assign(stranger, "idt-zed", Relation.COORDINATOR);
		this.tasks.create(new TaskChange(overdue, "idt-ana", Task.Kind.OTHER, "Call about the walker",
				today.minusDays(3), "OPEN"));
		this.tasks
			.create(new TaskChange(stranger, "idt-zed", Task.Kind.OTHER, "Someone else's", today.minusDays(3), "OPEN"));
		CarePlan plan = this.plans.open(barrier, this.people.recordsOf(barrier), "idt-ana");
		this.plans.add(plan.id(), new ItemDraft(PlanItem.Kind.BARRIER, "Transport", BarrierKind.TRANSPORT,
				"Book medical transport", "idt-ana", today.plusDays(7), null, Target.NONE, null), "idt-ana");
		this.plans.add(plan.id(), new ItemDraft(PlanItem.Kind.GOAL, "Walks to the mailbox", null, null, "idt-ana",
				today.minusDays(1), null, new Target("Daily", null, null, null, null), null), "idt-ana");
		this.victories.record(winner, "Made all appointments this month", today.minusDays(1), "idt-ana");
	}

	@Test
	void theAgendaIsCompiledFromTheTeamsPeopleEachWithWhyTheyAreThere() {
		Meeting meeting = this.meetings.start(sue());

		assertThat(meeting.team()).isEqualTo("idt-team");
		assertThat(meeting.items()).extracting(AgendaItem::name)
			.containsExactly("Overdue, Olive", "Barrier, Bea", "Winner, Wes");
		assertThat(meeting.items()).extracting(AgendaItem::position).containsExactly(1, 2, 3);
		assertThat(meeting.items().get(0).reasons()).extracting(AgendaReason::text)
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Overdue task: Call about the walker (idt-ana, due ")
			.endsWith("3 days late)");
		assertThat(meeting.items().get(1).reasons()).extracting(AgendaReason::kind)
			.containsExactly(AgendaReason.Kind.STALLED_GOAL, AgendaReason.Kind.BARRIER);
		assertThat(meeting.items().get(1).reasons().get(1).text())
			.startsWith("Unresolved barrier: Transport (idt-ana, due ");
		assertThat(meeting.items().get(2).reasons()).extracting(AgendaReason::text)
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Victory: Made all appointments this month (");
	}

	@Test
	void aDecisionBecomesATaskForItsOwnerDueOnItsDay() {
		Meeting meeting = this.meetings.start(sue());
		AgendaItem bea = item(meeting, "Barrier, Bea");

		Decision decision = this.meetings.decide(meeting.id(), bea.id(), "Ask the daughter about rides", " idt-ana ",
				today.plusDays(5), "idt-sue");

		Task task = this.tasks.find(decision.taskId()).orElseThrow();
		assertThat(task.patient()).isEqualTo(barrier);
		assertThat(task.owner()).isEqualTo("idt-ana");
		assertThat(task.dueOn()).isEqualTo(today.plusDays(5));
		assertThat(task.status()).isEqualTo(TaskStatus.OPEN);
		assertThat(task.title()).isEqualTo("IDT " + today + ": Ask the daughter about rides");
		assertThat(task.basis())
			.isEqualTo(new TaskBasis(TaskBasis.Kind.MEETING, meeting.id(), "Team meeting of " + today));
		assertThat(item(this.meetings.find(meeting.id()).orElseThrow(), "Barrier, Bea").decisions()).singleElement()
			.satisfies(d -> {
				assertThat(d.owner()).isEqualTo("idt-ana");
				assertThat(d.decidedBy()).isEqualTo("idt-sue");
			});
	}

	@Test
	void aDecisionForSomeoneOutsideTheTeamOrWithoutADayMakesNoTask() {
		Meeting meeting = this.meetings.start(sue());
		AgendaItem olive = item(meeting, "Overdue, Olive");
		int before = this.tasks.openFor(List.of(overdue)).size();

		assertThatThrownBy(
				() -> this.meetings.decide(meeting.id(), olive.id(), "Visit", "idt-zed", today.plusDays(1), "idt-sue"))
			.isInstanceOfSatisfying(MeetingRefusedException.class, ex -> assertThat(ex.field()).isEqualTo("owner"))
			.hasMessageContaining("idt-zed");
		assertThatThrownBy(() -> this.meetings.decide(meeting.id(), olive.id(), "Visit", "idt-ana", null, "idt-sue"))
			.isInstanceOfSatisfying(MeetingRefusedException.class, ex -> assertThat(ex.field()).isEqualTo("dueOn"));
		assertThatThrownBy(() -> this.meetings.decide(meeting.id(), olive.id(), "  ", "idt-ana", today, "idt-sue"))
			.isInstanceOfSatisfying(MeetingRefusedException.class, ex -> assertThat(ex.field()).isEqualTo("text"));

		assertThat(this.tasks.openFor(List.of(overdue))).hasSize(before);
		assertThat(item(this.meetings.find(meeting.id()).orElseThrow(), "Overdue, Olive").decisions()).isEmpty();
	}

	@Test
	void theAgendaCanBeEditedUntilTheMeetingIsClosed() {
		Meeting meeting = this.meetings.start(sue());

		AgendaItem added = this.meetings.addPerson(meeting.id(), quiet, "idt-sue");
		assertThat(added.position()).isEqualTo(4);
		assertThat(added.reasons()).extracting(AgendaReason::text).containsExactly("Added by idt-sue");
		assertThatThrownBy(() -> this.meetings.addPerson(meeting.id(), quiet, "idt-sue"))
			.isInstanceOf(MeetingRefusedException.class)
			.hasMessage("Quiet, Quinn is on the agenda already");
		this.meetings.move(meeting.id(), added.id(), true);
		this.meetings.move(meeting.id(), item(meeting, "Overdue, Olive").id(), true);
		this.meetings.remove(meeting.id(), item(meeting, "Barrier, Bea").id());
		this.meetings.writeMinutes(meeting.id(), item(meeting, "Winner, Wes").id(), "  Celebrated with the team. ");

		Meeting edited = this.meetings.find(meeting.id()).orElseThrow();
		assertThat(edited.items()).extracting(AgendaItem::name)
			.containsExactly("Overdue, Olive", "Quiet, Quinn", "Winner, Wes");
		assertThat(edited.items()).extracting(AgendaItem::position).containsExactly(1, 2, 3);
		AgendaItem wes = item(edited, "Winner, Wes");
		assertThat(wes.minutes()).isEqualTo("Celebrated with the team.");
		assertThatThrownBy(() -> this.meetings.remove(meeting.id(), wes.id()))
			.isInstanceOf(MeetingRefusedException.class)
			.hasMessageContaining("Winner, Wes has minutes or decisions");

		this.meetings.close(meeting.id(), "idt-sue");

		assertThatThrownBy(() -> this.meetings.writeMinutes(meeting.id(), wes.id(), "Changed afterwards"))
			.isInstanceOfSatisfying(MeetingRefusedException.class,
					ex -> assertThat(ex.getMessage()).contains("closed by idt-sue"));
		assertThat(item(this.meetings.find(meeting.id()).orElseThrow(), "Winner, Wes").minutes())
			.isEqualTo("Celebrated with the team.");
	}

	@Test
	void aMeetingIsItsTeamsAndReadingItIsAuditedForEachPersonOnTheAgenda() {
		Meeting meeting = this.meetings.start(sue());

		PageClient sue = signedIn("idt-sue", "127.0.38.1");
		String body = sue.get("/meetings/" + meeting.id()).body();
		assertThat(body).contains("Overdue, Olive").contains("Overdue task: Call about the walker");
		assertThat(this.jdbc.sql("""
				select patient_id from audit_event where username = 'idt-sue' and action = 'READ'
				and outcome = 'SUCCESS' and detail = ?
				""").param("IDT meeting " + meeting.id() + ": agenda").query(java.util.UUID.class).list())
			.containsExactlyInAnyOrder(overdue.value(), barrier.value(), winner.value());

		PageClient zed = signedIn("idt-zed", "127.0.38.2");
		assertThat(zed.getPage("/meetings/" + meeting.id()).status()).isEqualTo(403);
		assertThat(zed.get("/meetings").body()).doesNotContain("/meetings/" + meeting.id() + "\"");
	}

	@Test
	void anotherTeamsCoordinatorNeitherSeesNorRecordsInTheJournalAndTheRefusalIsInPlace() {
		PageClient zed = signedIn("idt-zed", "127.0.38.4");
		zed.get("/caseload");
		zed.header("HX-Request", "true");

		PageClient.Response read = zed.get("/patients/" + winner + "/journal");
		PageClient.Response write = zed.post("/patients/" + winner + "/victories",
				Map.of("text", "Walked to church", "happenedOn", today.toString()));
		zed.header("HX-Request", null);
		PageClient.Response plainWrite = zed.post("/patients/" + winner + "/victories",
				Map.of("text", "Walked to church", "happenedOn", today.toString()));

		assertThat(read.status()).isEqualTo(403);
		assertThat(read.body()).contains("You may not see or record victories")
			.contains("id=\"journal\"")
			.doesNotContain("Made all appointments")
			.doesNotContain("Winner");
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.body()).contains("You may not see or record victories");
		assertThat(plainWrite.status()).isEqualTo(403);
		assertThat(plainWrite.body()).contains("You may not record this for this person.")
			.doesNotContain("id=\"journal\"");
		assertThat(this.victories.of(List.of(winner))).extracting(Victory::text).doesNotContain("Walked to church");
	}

	@Test
	void aDecisionPostedOnTheMeetingPageBecomesATask() {
		PageClient sue = signedIn("idt-sue", "127.0.38.3");
		sue.get("/meetings");
		String location = sue.post("/meetings", Map.of()).location();
		long id = Long.parseLong(location.replaceAll(".*/meetings/(\\d+).*", "$1"));
		AgendaItem olive = item(this.meetings.find(id).orElseThrow(), "Overdue, Olive");
		sue.get("/meetings/" + id);

		sue.post("/meetings/" + id + "/items/" + olive.id() + "/decisions",
				Map.of("text", "Order a shower chair", "owner", "idt-ana", "dueOn", today.plusDays(2).toString()));

		assertThat(this.tasks.openFor(List.of(overdue))).extracting(Task::title)
			.contains("IDT " + today + ": Order a shower chair");
		assertThat(sue.get("/meetings/" + id).body()).contains("Order a shower chair");
	}

	@Test
	void caregiverConcernsRaiseACaregiverStrainBarrierOnTheCarePlan() {
		PatientId person = patient("idt-6", "Carol", "Caregiver", "1946-06-07");
		this.caseloads.assign(person, "idt-ana", Relation.COORDINATOR);

		FamilyConference conference = this.conferences.record(person, this.people.recordsOf(person),
				new FamilyConference.Draft(today, "Daughter (Lena), son, idt-ana", "The new diuretic dose",
						"How often to weigh", "Weekly weight-check call", "Lena is exhausted after night shifts", true,
						"Refer Lena to respite care", today.plusDays(14)),
				"idt-ana");

		assertThat(conference.barrierItemId()).isNotNull();
		CarePlan plan = this.plans.of(this.people.recordsOf(person)).orElseThrow();
		assertThat(plan.barriers()).singleElement().satisfies(b -> {
			assertThat(b.id()).isEqualTo(conference.barrierItemId());
			assertThat(b.barrierKind()).isEqualTo(BarrierKind.CAREGIVER_STRAIN);
			assertThat(b.action()).isEqualTo("Refer Lena to respite care");
			assertThat(b.owner()).isEqualTo("idt-ana");
			assertThat(b.origin()).isEqualTo("family conference " + today);
		});
		assertThat(this.conferences.of(this.people.recordsOf(person))).singleElement()
			.satisfies(c -> assertThat(c.caregiverConcerns()).isEqualTo("Lena is exhausted after night shifts"));
	}

	@Test
	void aConferenceWhoseBarrierBreaksARuleRecordsNothing() {
		PatientId person = patient("idt-7", "Nora", "Nothing", "1947-07-08");
		this.caseloads.assign(person, "idt-ana", Relation.COORDINATOR);

		assertThatThrownBy(() -> this.conferences.record(person, this.people.recordsOf(person),
				new FamilyConference.Draft(today, "Husband", null, null, null, "He cannot lift her", true, " ",
						today.plusDays(3)),
				"idt-ana"))
			.isInstanceOfSatisfying(MeetingRefusedException.class,
					ex -> assertThat(ex.field()).isEqualTo("barrierAction"))
			.hasMessageContaining("Caregiver-strain barrier");
		assertThatThrownBy(
				() -> this.conferences.record(person, this.people.recordsOf(person),
						new FamilyConference.Draft(today.plusDays(1), "Husband", null, null, null, null, false, null,
								null),
						"idt-ana"))
			.isInstanceOfSatisfying(MeetingRefusedException.class, ex -> assertThat(ex.field()).isEqualTo("heldOn"));

		assertThat(this.conferences.of(this.people.recordsOf(person))).isEmpty();
		assertThat(this.plans.of(this.people.recordsOf(person))).isEmpty();
	}

	@Test
	void victoriesAreListedPerCoordinatorAndPerTeamAndNeverInTheFuture() {
		assertThatThrownBy(() -> this.victories.record(winner, "Tomorrow's win", today.plusDays(1), "idt-ana"))
			.isInstanceOfSatisfying(MeetingRefusedException.class,
					ex -> assertThat(ex.field()).isEqualTo("happenedOn"));
		this.victories.record(stranger, "Someone else's win", today, "idt-zed");

		assertThat(this.victories.ofTeam(sue(), null, today.minusDays(30))).extracting(l -> l.victory().text())
			.contains("Made all appointments this month")
			.doesNotContain("Someone else's win", "Tomorrow's win");
		assertThat(this.victories.ofTeam(sue(), "idt-ana", today.minusDays(30))).allSatisfy(l -> {
			assertThat(l.coordinator()).isEqualTo("idt-ana");
			assertThat(l.name()).isNotBlank();
		});
		assertThat(this.victories.ofTeam(sue(), "idt-sue", today.minusDays(30))).isEmpty();
	}

	private UserAccount sue() {
		return this.accounts.find("idt-sue").orElseThrow();
	}

	private static AgendaItem item(Meeting meeting, String name) {
		return meeting.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
	}

	private PageClient signedIn(String user, String address) {
		PageClient page = new PageClient(this.port, address);
		page.signIn(user, PASSWORD);
		return page;
	}

	private PatientId patient(String id, String given, String family, String born) {
		PatientBundle bundle = aPatient(id).named(given, family).born(born).sex("female");
		this.fhirImport.importBundle(bundle.json(), "idt-tests", "test");
		String patientId = new String(bundle.json(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*?\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\".*", "$1");
		return new PatientId(new RecordKey("idt-tests", "Patient", patientId).id());
	}

}
