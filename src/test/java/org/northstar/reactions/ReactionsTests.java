package org.northstar.reactions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.Relation;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.ingest.hl7.Adt;
import org.northstar.ingest.hl7.MllpClient;
import org.northstar.ingest.hl7.MllpListener;
import org.northstar.notification.Notification;
import org.northstar.notification.Notifications;
import org.northstar.shared.PatientId;
import org.northstar.support.NorthstarTest;
import org.northstar.support.PlantedFault;
import org.northstar.worklist.Task;
import org.northstar.worklist.Tasks;
import org.northstar.worklist.TcmClock;
import org.northstar.worklist.TransitionsOfCare;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactions to the ADT feed run after its commit: a failing one neither refuses nor rolls
 * back the message, is kept with its error, and is retried; running one again changes
 * nothing.
 */
class ReactionsTests extends NorthstarTest {

	/** Collects what the feed publishes, as MllpFeedTests does: on the shared context. */
	private static final List<EncounterRecorded> recorded = new CopyOnWriteArrayList<>();

	private static final AtomicBoolean listening = new AtomicBoolean();

	@Autowired
	MllpListener listener;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reactions reactions;

	@Autowired
	Tasks tasks;

	@Autowired
	TransitionsOfCare transitions;

	@Autowired
	Caseloads caseloads;

	@Autowired
	Notifications notifications;

	@Autowired
	EventSerializer serializer;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	EventPublicationRepository publications;

	@BeforeEach
	void collectEvents() {
		if (listening.compareAndSet(false, true)) {
			this.context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
				if (event instanceof PayloadApplicationEvent<?> payload
						&& payload.getPayload() instanceof EncounterRecorded encounter) {
					recorded.add(encounter);
				}
			});
		}
	}

	@Test
	void aFailingReactionNeitherRefusesNorRollsBackTheDischargeAndIsRetriedUntilItsFaultIsGone() throws Exception {
		PatientId patient = admit("MRN-RX-1", "V-RX-1");
		Reaction failed;
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "'")) {
			assertThat(send(dischargeHome("MRN-RX-1", "V-RX-1", "20261120150000"))).contains("MSA|AA|");
			assertThat(this.jdbc.sql("select status from encounter where visit_number = 'V-RX-1'")
				.query(String.class)
				.single()).as("the discharge is stored").isEqualTo("finished");

			failed = failedReactionOf(patient, 1);
			assertThat(failed.listener()).isEqualTo("worklist.TransitionsOfCare");
			assertThat(failed.eventType()).isEqualTo("EncounterRecorded");
			assertThat(failed.error()).contains("planted fault in transition_of_care");
			assertThat(failed.stackTrace()).contains("TransitionsOfCare");
			assertThat(failed.nextRetryAt()).isEqualTo(failed.lastAttemptAt().plus(Duration.ofHours(1)));
			assertThat(this.tasks.openFor(List.of(patient))).as("the reaction rolled back whole, tasks included")
				.isEmpty();

			// Not due before its interval is over; then retried, and failing still.
			this.reactions.retryDue(failed.lastAttemptAt().plus(Duration.ofMinutes(59)));
			assertThat(failedReactionOf(patient, 1).attempts()).isEqualTo(1);
			this.reactions.retryDue(failed.lastAttemptAt().plus(Duration.ofMinutes(61)));
			Reaction again = failedReactionOf(patient, 2);
			assertThat(again.id()).isEqualTo(failed.id());
			assertThat(again.lastAttemptAt()).isAfter(failed.lastAttemptAt());
		}

		assertThat(this.reactions.retry(failed.id())).isTrue();
		awaitReactions();

		assertThat(this.reactions.outstanding(1000)).extracting(Reaction::id).doesNotContain(failed.id());
		assertThat(this.jdbc.sql("select count(*) from reaction_failure where publication_id = ?")
			.param(failed.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.tasks.openFor(List.of(patient))).hasSize(3);
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21))).hasSize(1);
		assertThat(this.reactions.retry(failed.id())).as("done: nothing to retry").isFalse();
	}

	/**
	 * A reaction is done once: its writes and its completion commit together. When the
	 * completion cannot be written, the reaction's writes roll back with it, and it stays
	 * outstanding to run again, rather than run twice.
	 */
	@Test
	void aReactionAndItsCompletionCommitTogether() throws Exception {
		PatientId patient = admit("MRN-RX-8", "V-RX-8");
		Reaction failed;
		try (PlantedFault fault = PlantedFault.onDeleteFrom(this.jdbc, "event_publication",
				"old.listener_id = 'worklist.TransitionsOfCare' and old.serialized_event like '%" + patient.value()
						+ "%'")) {
			assertThat(send(dischargeHome("MRN-RX-8", "V-RX-8", "20261120150000"))).contains("MSA|AA|");
			failed = failedReactionOf(patient, 1);
			assertThat(failed.error()).contains("planted fault in event_publication");
			assertThat(this.tasks.openFor(List.of(patient))).as("the tasks rolled back with the completion").isEmpty();
		}

		assertThat(this.reactions.retry(failed.id())).isTrue();
		awaitReactions();

		assertThat(this.tasks.openFor(List.of(patient))).hasSize(3);
		assertThat(this.reactions.outstanding(1000)).extracting(Reaction::id).doesNotContain(failed.id());
	}

	/**
	 * A process stopped while a reaction waited, ran or was being retried: its row is
	 * still there, and the next start runs it.
	 */
	@Test
	void reactionsLeftOutstandingByAStoppedProcessRunWhenTheServerStarts() throws Exception {
		PatientId patient = admit("MRN-RX-5", "V-RX-5");
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "'")) {
			send(dischargeHome("MRN-RX-5", "V-RX-5", "20261120150000"));
			failedReactionOf(patient, 1);
		}
		// As the stopped process left them: one being retried, which Modulith alone would
		// never resubmit, and one never started.
		this.jdbc.sql("update event_publication set status = 'RESUBMITTED' where serialized_event like ?")
			.param("%" + patient.value() + "%")
			.update();
		EncounterRecorded discharge = recorded.stream()
			.filter(e -> e.patient().equals(patient) && e.discharged())
			.findFirst()
			.orElseThrow();
		this.jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				                               completion_attempts, last_resubmission_date)
				values (?, 'worklist.TransitionsOfCare', ?, ?, now(), 'PUBLISHED', 1, now())
				""")
			.params(UUID.randomUUID(), EncounterRecorded.class.getName(),
					this.serializer.serialize(discharge).toString())
			.update();

		this.reactions.resubmitOutstanding(
				new ApplicationReadyEvent(new SpringApplication(), new String[0], this.context, Duration.ZERO));
		awaitReactions();

		assertThat(this.reactions.outstanding(1000)).noneMatch(r -> r.event().contains(patient.value().toString()));
		assertThat(this.tasks.openFor(List.of(patient))).hasSize(3);
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21))).hasSize(1);
	}

	@Autowired
	ReactionBacklog backlog;

	/**
	 * A burst filled the queue: a turned-away reaction stays published, and runs once the
	 * queue has emptied, not after the 15-minute staleness check.
	 */
	@Test
	void aReactionTurnedAwayByAFullQueueRunsOnceTheQueueHasEmptied() throws Exception {
		PatientId patient = admit("MRN-RX-9", "V-RX-9");
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "'")) {
			send(dischargeHome("MRN-RX-9", "V-RX-9", "20261120150000"));
			failedReactionOf(patient, 1);
		}
		// As a full queue leaves it: published, never started.
		this.jdbc.sql("""
				update event_publication set status = 'PUBLISHED', publication_date = now() - interval '1 minute'
				where serialized_event like ?
				""").param("%" + patient.value() + "%").update();

		this.reactions.catchUp();
		assertThat(this.reactions.outstanding(1000)).as("nothing turned away: nothing to catch up")
			.anyMatch(r -> r.event().contains(patient.value().toString()) && r.state() == Reaction.State.PENDING);

		this.backlog.turnedAway();
		this.reactions.catchUp();
		awaitReactions();

		assertThat(this.reactions.outstanding(1000)).noneMatch(r -> r.event().contains(patient.value().toString()));
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21))).hasSize(1);
	}

	@Autowired
	FailedEventPublications failedPublications;

	@Autowired
	ReactionCompletion completion;

	@Test
	void retriesGoInBatchesOfHalfTheQueue() throws Exception {
		PatientId first = admit("MRN-RX-6", "V-RX-6");
		PatientId second = admit("MRN-RX-7", "V-RX-7");
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id in ('" + first.value() + "', '" + second.value() + "')")) {
			send(dischargeHome("MRN-RX-6", "V-RX-6", "20261120150000"));
			send(dischargeHome("MRN-RX-7", "V-RX-7", "20261120150000"));
			failedReactionOf(first, 1);
			failedReactionOf(second, 1);
			Reactions queueOfTwo = new Reactions(this.jdbc, this.failedPublications,
					new ReactionProperties(2, 2, Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ZERO),
					this.backlog, this.completion);

			assertThat(queueOfTwo.retryDue(Instant.now().plus(Duration.ofHours(2)))).isEqualTo(1);
			awaitReactions();
		}
		for (PatientId patient : List.of(first, second)) {
			this.reactions.retry(failedReactionOf(patient, 0).id());
		}
		awaitReactions();
		assertThat(this.tasks.openFor(List.of(first, second))).hasSize(6);
	}

	@Test
	void aFailedReactionIsLeftForAnAdministratorAfterItsLastAttempt() throws Exception {
		PatientId patient = admit("MRN-RX-2", "V-RX-2");
		try (PlantedFault fault = PlantedFault.onInsertInto(this.jdbc, "transition_of_care",
				"new.patient_id = '" + patient.value() + "'")) {
			send(dischargeHome("MRN-RX-2", "V-RX-2", "20261120150000"));
			Reaction failed = failedReactionOf(patient, 1);
			this.jdbc.sql("update event_publication set completion_attempts = 10 where id = ?")
				.param(failed.id())
				.update();

			this.reactions.retryDue(Instant.now().plus(Duration.ofDays(30)));

			Reaction givenUp = failedReactionOf(patient, 10);
			assertThat(givenUp.nextRetryAt()).isNull();
			assertThat(givenUp.retryable()).isTrue();
		}
	}

	@Test
	void aReactionRunAgainChangesNothing() throws Exception {
		assertThat(send(Adt.aRegistration()
			.from("EPIC", "RXHOSP")
			.forPatient("MRN-RX-3")
			.visit("V-RX-3")
			.patientClass("O")
			.at("20261101090000")
			.admittedAt("20261101090000"))).contains("MSA|AA|");
		PatientId patient = new PatientId(
				this.jdbc.sql("select patient_id from patient_identifier where value = 'MRN-RX-3'")
					.query(UUID.class)
					.single());
		this.caseloads.assign(patient, "rx-coordinator", Relation.COORDINATOR);
		send(Adt.anAdmit()
			.from("EPIC", "RXHOSP")
			.forPatient("MRN-RX-3")
			.visit("V-RX-3b")
			.at("20261201080000")
			.admittedAt("20261201080000"));
		send(dischargeHome("MRN-RX-3", "V-RX-3b", "20261203150000"));
		awaitReactions();
		String before = snapshot(patient);
		assertThat(this.notifications.recentFor("rx-coordinator", 10)).extracting(Notification::kind)
			.containsExactly(Notification.Kind.ADMITTED);
		List<EncounterRecorded> sent = recorded.stream().filter(e -> e.patient().equals(patient)).toList();
		assertThat(sent).hasSize(3);

		// Published again, as a resend or a second node would.
		for (EncounterRecorded event : sent) {
			this.transactions.executeWithoutResult(status -> this.events.publishEvent(event));
		}
		awaitReactions();
		assertThat(snapshot(patient)).isEqualTo(before);

		// Resubmitted, as after a crash between a reaction's commit and its completion: a
		// publication for each listener the event was stored for.
		for (EncounterRecorded event : sent) {
			List<String> listeners = new ArrayList<>();
			if (event.admittedAsInpatient() || event.discharged()) {
				listeners.add("worklist.TransitionsOfCare");
			}
			if (event.admitted() || event.admittedAsInpatient()) {
				listeners.add("notification.HospitalAlerts");
			}
			for (String listener : listeners) {
				UUID id = UUID.randomUUID();
				this.jdbc.sql("""
						insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
						                               status, completion_attempts, last_resubmission_date)
						values (?, ?, ?, ?, now(), 'FAILED', 1, now())
						""")
					.params(id, listener, EncounterRecorded.class.getName(),
							this.serializer.serialize(event).toString())
					.update();
				assertThat(this.reactions.retry(id)).isTrue();
			}
		}
		awaitReactions();
		assertThat(this.reactions.outstanding(1000)).noneMatch(r -> r.event().contains(patient.value().toString()));
		assertThat(snapshot(patient)).isEqualTo(before);
	}

	@Test
	void aDischargeWithoutADispositionIsAcceptedAndItsFollowUpAsksWhereThePatientWent() throws Exception {
		PatientId patient = admit("MRN-RX-4", "V-RX-4");

		// PV1-36 empty, as hospitals often send it.
		assertThat(send(Adt.aDischarge()
			.from("EPIC", "RXHOSP")
			.forPatient("MRN-RX-4")
			.visit("V-RX-4")
			.at("20261120150000")
			.dischargedAt("20261120150000")
			.dischargeDisposition(""))).contains("MSA|AA|");
		awaitReactions();

		assertThat(this.jdbc
			.sql("select status || ' [' || coalesce(discharge_disposition, '') || ']' from encounter"
					+ " where visit_number = 'V-RX-4'")
			.query(String.class)
			.single()).isEqualTo("finished []");
		List<Task> open = this.tasks.openFor(List.of(patient));
		assertThat(open).extracting(Task::kind)
			.containsExactly(Task.Kind.TCM_CONTACT, Task.Kind.TCM_VISIT, Task.Kind.MEDICATION_RECONCILIATION);
		assertThat(open.get(0).title()).isEqualTo(
				"Contact after discharge on 2026-11-20 (within 2 business days): the hospital did not say where the patient went; confirm it");
		assertThat(open.get(1).title()).endsWith(", if the patient went home").doesNotContain("9949");
		assertThat(this.transitions.clocksFor(List.of(patient), LocalDate.of(2026, 11, 21)))
			.as("no TCM period: billing needs a discharge to the community")
			.isEmpty();
		assertThat(this.reactions.outstanding(1000)).noneMatch(r -> r.event().contains(patient.value().toString()));
	}

	/**
	 * The feed's listeners decide with their beans' methods ({@link ReactsIf}): a
	 * transfer of a patient no one coordinates stores no reaction, and a discharge from a
	 * stay stores the transition of care and the stay's scores.
	 */
	@Test
	void onlyTheReactionsThatCanMatterAreStored() {
		PatientId nobodys = new PatientId(UUID.randomUUID());
		Instant admitted = Instant.parse("2026-11-20T08:00:00Z");
		EncounterRecorded transfer = new EncounterRecorded(UUID.randomUUID(), nobodys, "hl7:TESTHOSP", "V-RX-T",
				"in-progress", "IMP", admitted, "in-progress", "IMP", "ICU^1^A", admitted, null, null, true);
		EncounterRecorded discharge = new EncounterRecorded(UUID.randomUUID(), nobodys, "hl7:TESTHOSP", "V-RX-D",
				"in-progress", "IMP", admitted, "finished", "IMP", "4W^401^A", admitted,
				Instant.parse("2026-11-23T15:00:00Z"), "01", false);

		assertThat(listenersStoredFor(transfer)).isEmpty();
		assertThat(listenersStoredFor(discharge)).containsExactlyInAnyOrder("worklist.TransitionsOfCare",
				"risk.RiskReactions.afterFeed");
	}

	private List<String> listenersStoredFor(EncounterRecorded event) {
		PayloadApplicationEvent<EncounterRecorded> published = new PayloadApplicationEvent<>(this, event);
		return ((AbstractApplicationContext) this.context).getApplicationListeners()
			.stream()
			.filter(TransactionalApplicationListenerMethodAdapter.class::isInstance)
			.map(TransactionalApplicationListenerMethodAdapter.class::cast)
			.filter(listener -> this.transactions.execute(status -> listener.shouldHandle(published)))
			.map(TransactionalApplicationListenerMethodAdapter::getListenerId)
			.toList();
	}

	@Test
	void aReactionStoredBeforeAnEventGainedAFieldStillRuns() {
		EncounterRecorded transfer = new EncounterRecorded(UUID.randomUUID(), new PatientId(UUID.randomUUID()),
				"hl7:OLDHOSP", "V-OLD-1", "in-progress", "IMP", null, "in-progress", "IMP", "ICU^1^A", null, null, null,
				true);
		String stored = this.serializer.serialize(transfer).toString();
		assertThat(stored).contains("\"whereaboutsOnly\":true");
		String beforeTheField = stored.replace(",\"whereaboutsOnly\":true", "");

		EncounterRecorded read = (EncounterRecorded) this.serializer.deserialize(beforeTheField,
				EncounterRecorded.class);

		assertThat(read.whereaboutsOnly()).as("not known, so judged as before").isNull();
		assertThat(read.location()).isEqualTo("ICU^1^A");
	}

	/**
	 * A publication is written as Modulith's own repository writes it, though later (with
	 * the transaction's next carrying statement, or at its commit): Modulith reads it
	 * back whole, and finds it outstanding.
	 */
	@Test
	void aStoredPublicationIsReadBackByModulithAsItWasStored() {
		EncounterRecorded admission = new EncounterRecorded(UUID.randomUUID(), new PatientId(UUID.randomUUID()),
				"hl7:NEWHOSP", "V-NEW-1", null, null, null, "in-progress", "IMP", "4W^401^A",
				Instant.parse("2026-11-30T15:05:00Z"), null, null, false);
		PublicationTargetIdentifier nobody = PublicationTargetIdentifier.of("test.nobody-listens");
		Instant published = Instant.parse("2026-12-01T20:15:30.123456Z");
		TargetEventPublication publication = TargetEventPublication.of(admission, nobody, published);

		this.transactions.executeWithoutResult(status -> this.publications.create(publication));
		try {
			TargetEventPublication read = this.publications
				.findIncompletePublicationsByEventAndTargetIdentifier(admission, nobody)
				.orElseThrow();
			assertThat(read.getIdentifier()).isEqualTo(publication.getIdentifier());
			assertThat(read.getEvent()).isEqualTo(admission);
			assertThat(read.getPublicationDate()).isEqualTo(published);
			assertThat(read.getStatus()).isEqualTo(EventPublication.Status.PUBLISHED);
			assertThat(read.getCompletionAttempts()).isEqualTo(1);
			assertThat(read.getLastResubmissionDate()).isEqualTo(published);
			assertThat(read.getCompletionDate()).isEmpty();
			assertThat(this.publications.findIncompletePublications()).extracting(EventPublication::getIdentifier)
				.contains(publication.getIdentifier());
		}
		finally {
			this.publications.deletePublications(List.of(publication.getIdentifier()));
		}
	}

	/** Tasks, TCM periods and notifications of the patient, as text. */
	private String snapshot(PatientId patient) {
		return String.join("\n", this.jdbc.sql("""
				select 'task ' || id || ' ' || kind || ' ' || title || ' ' || due_on || ' ' || status || ' v' || version
				from task where patient_id = :patient
				union all
				select 'tcm ' || encounter_id || ' ' || discharged_on || ' '
				       || coalesce(within_period_of::text, '-') || ' ' || coalesce(readmitted_on::text, '-') || ' '
				       || coalesce(died_on::text, '-')
				from transition_of_care where patient_id = :patient
				union all
				select 'notification ' || id || ' ' || username || ' ' || kind || ' ' || text from notification
				where patient_id = :patient
				order by 1
				""").param("patient", patient.value()).query(String.class).list());
	}

	/**
	 * The failed reaction to the patient's events after this many attempts (0: any), once
	 * its failure is recorded.
	 */
	private Reaction failedReactionOf(PatientId patient, int attempts) {
		return Awaitility.await("a failed reaction with " + attempts + " attempt(s)")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.reactions.outstanding(1000)
				.stream()
				.filter(r -> r.event().contains(patient.value().toString()))
				.filter(r -> r.state() == Reaction.State.FAILED && (attempts == 0 || r.attempts() == attempts)
						&& r.error() != null && !r.failedAt().isBefore(r.lastAttemptAt()))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static Adt dischargeHome(String mrn, String visit, String at) {
		return Adt.aDischarge()
			.from("EPIC", "RXHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at(at)
			.dischargedAt(at)
			.dischargeDisposition("01");
	}

	private PatientId admit(String mrn, String visit) throws Exception {
		assertThat(send(Adt.anAdmit()
			.from("EPIC", "RXHOSP")
			.forPatient(mrn)
			.visit(visit)
			.at("20261116080000")
			.admittedAt("20261116080000"))).contains("MSA|AA|");
		awaitReactions();
		return new PatientId(this.jdbc.sql("select patient_id from patient_identifier where value = ?")
			.param(mrn)
			.query(UUID.class)
			.single());
	}

	private String send(Adt message) throws Exception {
		try (MllpClient client = new MllpClient(this.listener.port())) {
			return client.send(message.build());
		}
	}

}
