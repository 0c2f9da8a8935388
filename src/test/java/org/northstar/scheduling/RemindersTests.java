package org.northstar.scheduling;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.northstar.ingest.FhirImport;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.northstar.support.PatientBundle.aPatient;

/**
 * Reminders follow each appointment and are sent once, through a recording sender that
 * stands for the SMS gateway, by a delivery that runs on a clock of the test's own: the
 * visits are in 2031, beyond anything the application's own clock reaches.
 */
class RemindersTests extends NorthstarTest {

	static final ZoneId ZONE = ZoneId.of(PRACTICE_ZONE);

	private static final AtomicInteger NEXT = new AtomicInteger();

	/** Monday 10 March 2031, the day after clocks go forward. */
	static final ZonedDateTime VISIT = ZonedDateTime.of(2031, 3, 10, 10, 0, 0, 0, ZONE);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	People people;

	@Autowired
	Clinics clinics;

	@Autowired
	Commitments commitments;

	@Autowired
	Appointments appointments;

	@Autowired
	SmsReminders sms;

	PatientId patient;

	Provider provider;

	final Gateway gateway = new Gateway();

	@BeforeEach
	void aPersonWhoReadsSpanishAndAHeartClinic() {
		int n = NEXT.incrementAndGet();
		String source = "reminders-" + n + "-" + UUID.randomUUID();
		this.fhirImport.importBundle(aPatient("r").named("Remedios", "Recordatorio" + (char) ('a' + n % 26))
			.born((1940 + n) + "-05-06")
			.phone("+1 614 555 01" + (10 + n))
			.speaks("es-MX", false)
			.json(), source, "test");
		this.patient = new PatientId(new RecordKey(source, "Patient", "r").id());
		// No sessions and a specialty of its own: visits are booked with a reason, and
		// the other tests' proposals for cardiology never meet this clinic.
		this.provider = new Provider(
				"rem-patel-" + n, "Dr Patel", "cardiology (reminder tests)", new Location("rem-heart-" + n,
						"Millbrook Heart Center", "200 Main Street", new Coordinates(39.96, -82.99)),
				false, List.of(), List.of(), List.of(), java.util.Map.of());
		this.clinics.save(this.provider);
	}

	@Test
	void plansTwoDaysAndTwoHoursBeforeEachBookedVisitInThePracticesZone() {
		UUID visit = book(VISIT, null);

		assertThat(this.reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.dueAt())
			.containsExactly("P2D PLANNED 2031-03-08T15:00:00Z", "PT2H PLANNED 2031-03-10T12:00:00Z");
	}

	@Test
	void sendsADueReminderOnceInThePersonsLanguageAndNotAgainAfterARestart() {
		UUID visit = book(VISIT, null);
		Instant saturday = ZonedDateTime.of(2031, 3, 8, 10, 5, 0, 0, ZONE).toInstant();

		delivery(saturday).deliverDue();
		delivery(saturday.plusSeconds(60)).deliverDue();
		// A restart: a new delivery on the same database.
		delivery(saturday.plusSeconds(120)).deliverDue();

		assertThat(this.gateway.of(visit)).singleElement().satisfies(m -> {
			assertThat(m.language()).isEqualTo("es");
			assertThat(m.phone()).startsWith("+1 614 555 01");
			assertThat(m.text()).startsWith("Recordatorio de su equipo de atención: su cita de cardiología es el"
					+ " lunes, 10 de marzo de 2031 a las 10:00, en Millbrook Heart Center, 200 Main Street.");
		});
		assertThat(this.reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.attempts())
			.containsExactly("P2D SENT 1", "PT2H PLANNED 0");
		assertThat(this.reminders(visit).get(0).message()).isEqualTo(this.gateway.of(visit).get(0).text());
	}

	@Test
	void retriesAFailedSendShowingTheErrorUntilTheGatewayTakesIt() {
		UUID visit = book(VISIT, null);
		Instant due = ZonedDateTime.of(2031, 3, 10, 8, 0, 0, 0, ZONE).toInstant();
		this.jdbc.sql("update appointment_reminder set status = 'SKIPPED' where appointment_id = ? and lead = 'P2D'")
			.param(visit)
			.update();

		this.gateway.down = true;
		delivery(due).deliverDue();
		Reminder failed = this.reminders(visit).get(1);
		this.gateway.down = false;
		delivery(due.plusSeconds(60)).deliverDue();
		int sentTooSoon = this.gateway.of(visit).size();
		delivery(due.plus(Duration.ofMinutes(6))).deliverDue();

		assertThat(failed.status()).isEqualTo(Reminder.Status.FAILED);
		assertThat(failed.note()).isEqualTo("java.io.IOException: gateway down");
		assertThat(failed.nextAttempt()).isEqualTo(due.plus(Duration.ofMinutes(5)));
		assertThat(sentTooSoon).isZero();
		assertThat(this.gateway.of(visit)).hasSize(1);
		assertThat(this.reminders(visit).get(1).status()).isEqualTo(Reminder.Status.SENT);
		assertThat(this.reminders(visit).get(1).attempts()).isEqualTo(2);
	}

	@Test
	void neverSendsAgainAReminderWhoseSendingWasInterrupted() {
		UUID visit = book(VISIT, null);
		Instant claimed = ZonedDateTime.of(2031, 3, 8, 10, 0, 0, 0, ZONE).toInstant();
		// What a process that stopped between the send and its record leaves behind.
		this.jdbc.sql("""
				update appointment_reminder set status = 'SENDING', claimed_at = ?, attempts = 1
				where appointment_id = ? and lead = 'P2D'
				""").params(Timestamp.from(claimed), visit).update();

		delivery(claimed.plus(Duration.ofMinutes(5))).deliverDue();
		Reminder.Status meanwhile = this.reminders(visit).get(0).status();
		delivery(claimed.plus(Duration.ofMinutes(11))).deliverDue();

		assertThat(meanwhile).isEqualTo(Reminder.Status.SENDING);
		assertThat(this.reminders(visit).get(0).status()).isEqualTo(Reminder.Status.UNCONFIRMED);
		assertThat(this.reminders(visit).get(0).note()).contains("it may have gone, so it is not sent again");
		assertThat(this.gateway.of(visit)).isEmpty();
	}

	@Test
	void cancelsTheRemindersOfAMovedVisitAndPlansThoseOfItsNewTime() {
		UUID first = book(VISIT, null);

		UUID moved = book(VISIT.plusDays(1), first);

		assertThat(this.reminders(first)).extracting(r -> r.status() + " " + r.note())
			.containsExactly("CANCELLED the visit is cancelled", "CANCELLED the visit is cancelled");
		assertThat(this.reminders(moved)).extracting(Reminder::status)
			.containsExactly(Reminder.Status.PLANNED, Reminder.Status.PLANNED);
		delivery(VISIT.minusHours(1).toInstant()).deliverDue();
		assertThat(this.gateway.of(first)).isEmpty();
	}

	@Test
	void skipsAReminderWhoseTimeHadPassedWhenTheVisitWasBooked() {
		ZonedDateTime tomorrow = ZonedDateTime.now(ZONE)
			.plusDays(1)
			.withHour(13)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);

		UUID visit = book(tomorrow, null);

		assertThat(this.reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.note())
			.containsExactly("P2D SKIPPED booked after its time", "PT2H PLANNED null");
	}

	@Test
	void followsAVisitWrittenByAnImportAndSendsOnlyTheNearestOfTwoDueTogether() {
		UUID visit = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into appointment (id, patient_id, provider_id, visit_type, starts_at, ends_at, mode, status, origin,
					    booked_by)
					values (?, ?, ?, 'cardiology', ?, ?, 'IN_PERSON', 'BOOKED', 'IMPORTED', 'import')
					""")
			.params(visit, this.patient.value(), this.provider.id(), VISIT.toOffsetDateTime(),
					VISIT.plusMinutes(30).toOffsetDateTime())
			.update();

		delivery(VISIT.minusDays(5).toInstant()).deliverDue();
		List<Reminder> planned = this.reminders(visit);
		// Northstar was down from before the first reminder until after the second's.
		delivery(VISIT.minusMinutes(30).toInstant()).deliverDue();

		assertThat(planned).extracting(Reminder::status)
			.containsExactly(Reminder.Status.PLANNED, Reminder.Status.PLANNED);
		assertThat(this.reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.note())
			.containsExactly("P2D SKIPPED due with the 2 hours before one", "PT2H SENT null");
		assertThat(this.gateway.of(visit)).hasSize(1);
	}

	@Test
	void holdsATextDueInTheQuietHoursUntilTheyEndAcrossTheClocksGoingForwardAndSendsItOnce() {
		// Sunday 9 March 2031, the night clocks go forward: the reminder two hours before
		// a
		// 09:00 visit is due at 07:00, in the quiet hours that began at 21:00 the evening
		// before, standard time.
		UUID visit = book(ZonedDateTime.of(2031, 3, 9, 9, 0, 0, 0, ZONE), null);
		delivery(ZonedDateTime.of(2031, 3, 7, 9, 5, 0, 0, ZONE).toInstant()).deliverDue();
		Instant seven = ZonedDateTime.of(2031, 3, 9, 7, 0, 0, 0, ZONE).toInstant();
		Instant eight = ZonedDateTime.of(2031, 3, 9, 8, 0, 0, 0, ZONE).toInstant();

		delivery(seven).deliverDue();
		Reminder held = reminders(visit).get(1);
		delivery(eight.minusSeconds(60)).deliverDue();
		int beforeTheEnd = this.gateway.of(visit).size();
		delivery(eight).deliverDue();
		delivery(eight.plusSeconds(60)).deliverDue();

		assertThat(held.lead()).isEqualTo("PT2H");
		assertThat(held.status()).isEqualTo(Reminder.Status.PLANNED);
		assertThat(held.note()).isEqualTo("held for the quiet hours (21:00–08:00)");
		// 08:00 daylight time is 12:00 UTC; eleven hours after 21:00 standard time would
		// be
		// 13:00.
		assertThat(held.dueAt()).isEqualTo(Instant.parse("2031-03-09T12:00:00Z"));
		assertThat(beforeTheEnd).isEqualTo(1);
		assertThat(this.gateway.of(visit)).hasSize(2);
		assertThat(reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.sentAt())
			.containsExactly("P2D SENT " + ZonedDateTime.of(2031, 3, 7, 9, 5, 0, 0, ZONE).toInstant(),
					"PT2H SENT " + eight);
	}

	@Test
	void aReminderWhoseQuietHoursEndAfterTheVisitGoesTheEveningBeforeInstead() {
		// Two hours before a 07:30 visit is 05:30; 08:00 would be too late.
		UUID visit = book(ZonedDateTime.of(2031, 3, 10, 7, 30, 0, 0, ZONE), null);

		assertThat(reminders(visit)).extracting(r -> r.lead() + " " + r.dueAt())
			.containsExactly("P2D " + ZonedDateTime.of(2031, 3, 8, 7, 30, 0, 0, ZONE).toInstant(),
					"PT2H " + ZonedDateTime.of(2031, 3, 9, 20, 30, 0, 0, ZONE).toInstant());
	}

	@Test
	void aPersonWhoOptedOutOfTextsGetsNoTextAndTheCoordinatorSeesWhy() {
		UUID visit = book(VISIT, null);
		this.sms.record(this.patient, true, SmsReminders.Source.COORDINATOR, "reminder-tests");
		Instant saturday = ZonedDateTime.of(2031, 3, 8, 10, 5, 0, 0, ZONE).toInstant();

		delivery(saturday).deliverDue();

		assertThat(this.gateway.of(visit)).isEmpty();
		assertThat(reminders(visit)).extracting(r -> r.lead() + " " + r.status() + " " + r.note())
			.containsExactly("P2D SKIPPED not sent: the person opted out of text reminders and has no e-mail on record",
					"PT2H PLANNED null");

		this.sms.record(this.patient, false, SmsReminders.Source.GATEWAY, "sms-gateway");
		delivery(VISIT.minusHours(2).toInstant()).deliverDue();
		assertThat(this.gateway.of(visit)).singleElement().satisfies(m -> assertThat(m.phone()).isNotNull());
	}

	@Test
	void aPersonWhoOptedOutOfTextsWithAnEmailIsRemindedByEmailOnly() {
		String source = "reminders-mail-" + UUID.randomUUID();
		this.fhirImport.importBundle(aPatient("m").named("Marisol", "Correo")
			.born("1950-02-03")
			.phone("+1 614 555 0199")
			.email("marisol.correo@example.org")
			.json(), source, "test");
		this.patient = new PatientId(new RecordKey(source, "Patient", "m").id());
		UUID visit = book(VISIT, null);
		this.sms.record(this.patient, true, SmsReminders.Source.GATEWAY, "sms-gateway");

		delivery(ZonedDateTime.of(2031, 3, 8, 10, 5, 0, 0, ZONE).toInstant()).deliverDue();

		assertThat(this.gateway.of(visit)).singleElement().satisfies(m -> {
			assertThat(m.phone()).isNull();
			assertThat(m.email()).isEqualTo("marisol.correo@example.org");
		});
	}

	private UUID book(ZonedDateTime start, UUID replacing) {
		return this.appointments
			.book(new NewAppointment(this.patient, this.provider.id(), null, "cardiology", start, start.plusMinutes(30),
					VisitMode.IN_PERSON, "reminder tests", replacing), "reminder-tests")
			.appointment()
			.id();
	}

	private List<Reminder> reminders(UUID appointment) {
		return this.jdbc.sql("select * from appointment_reminder where appointment_id = ? order by due_at")
			.param(appointment)
			.query((rs, n) -> Reminders.reminder(rs))
			.list();
	}

	private ReminderDelivery delivery(Instant now) {
		return delivery(now, "P2D,PT2H");
	}

	private ReminderDelivery delivery(Instant now, String leads) {
		Clock clock = Clock.fixed(now, ZONE);
		return new ReminderDelivery(this.jdbc, this.transactions, this.gateway,
				new Reminders(this.jdbc, this.people, clock, leads, "21:00-08:00"), this.appointments, this.people,
				this.clinics, this.commitments, this.sms, clock);
	}

	/** A fake SMS gateway: outside our walls. */
	static final class Gateway implements ReminderSender {

		final List<ReminderMessage> sent = new CopyOnWriteArrayList<>();

		volatile boolean down;

		@Override
		public void send(ReminderMessage message) throws IOException {
			if (this.down) {
				throw new IOException("gateway down");
			}
			this.sent.add(message);
		}

		List<ReminderMessage> of(UUID appointment) {
			return this.sent.stream().filter(m -> m.appointment().equals(appointment)).toList();
		}

	}

}
