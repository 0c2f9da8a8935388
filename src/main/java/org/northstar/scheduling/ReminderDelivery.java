package org.northstar.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.northstar.patient.People;
import org.northstar.patient.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the reminders that are due, every {@code northstar.reminders.interval}: claim,
 * then send. A round first follows every appointment ({@link Reminders#follow}), so one
 * written by an import or another process gets its reminders too; then claims a batch of
 * due reminders with a row lock, writes each one's text and marks it {@code SENDING} in a
 * transaction that commits before anything is sent; then hands each to the sender and
 * records what happened. A failure is tried again after 5, 10, 20, 40 minutes, at most
 * {@value #MAX_ATTEMPTS} times and never once the visit has begun. A claim still
 * {@code SENDING} after {@link #CLAIM_TIMEOUT} belongs to a process that stopped between
 * the send and its record: it becomes {@code UNCONFIRMED}, shown to the coordinator, and
 * is not sent again, so no one gets a reminder twice.
 *
 * <p>
 * A reminder that would go by text or call is not sent in the practice's quiet hours: one
 * due in them is held until they end, then sent once. A person who opted out of text
 * reminders ({@link SmsReminders}) gets theirs by e-mail, or, with no e-mail, not at all,
 * kept as skipped with why.
 */
class ReminderDelivery {

	private static final Logger log = LoggerFactory.getLogger(ReminderDelivery.class);

	static final int MAX_ATTEMPTS = 5;

	static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration FIRST_RETRY = Duration.ofMinutes(5);

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ReminderSender sender;

	private final Reminders reminders;

	private final Appointments appointments;

	private final People people;

	private final Clinics clinics;

	private final Commitments commitments;

	private final SmsReminders sms;

	private final Clock clock;

	private final ReminderTexts texts = new ReminderTexts();

	ReminderDelivery(JdbcClient jdbc, TransactionTemplate transactions, ReminderSender sender, Reminders reminders,
			Appointments appointments, People people, Clinics clinics, Commitments commitments, SmsReminders sms,
			Clock clock) {
		this.sms = sms;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sender = sender;
		this.reminders = reminders;
		this.appointments = appointments;
		this.people = people;
		this.clinics = clinics;
		this.commitments = commitments;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${northstar.reminders.interval:PT1M}",
			initialDelayString = "${northstar.reminders.interval:PT1M}")
	void run() {
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			log.warn("Appointment reminders: a round stopped and is tried again in the next one", ex);
		}
	}

	/**
	 * One round: follows the appointments, marks stale claims unconfirmed, and sends
	 * everything due, each reminder handed over at most once.
	 * @return how many the sender accepted
	 */
	int deliverDue() {
		this.transactions.executeWithoutResult(status -> this.reminders.follow(null));
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update appointment_reminder set status = 'UNCONFIRMED',
				    note = 'Northstar stopped while sending it: it may have gone, so it is not sent again'
				where status = 'SENDING' and claimed_at < ?
				""").param(Timestamp.from(now.minus(CLAIM_TIMEOUT))).update();
		int sent = 0;
		while (true) {
			List<Claimed> claimed = this.transactions.execute(status -> claim(now));
			if (claimed == null || claimed.isEmpty()) {
				return sent;
			}
			for (Claimed c : claimed) {
				sent += send(c, now) ? 1 : 0;
			}
		}
	}

	/** A reminder claimed for sending, with what goes out. */
	private record Claimed(long id, UUID appointment, ZonedDateTime start, int attempts, ReminderMessage message) {
	}

	private List<Claimed> claim(Instant now) {
		record Due(long id, UUID appointment, int attempts, String lead, String status) {
		}
		List<Due> due = this.jdbc.sql("""
				select r.id, r.appointment_id, r.attempts, r.lead, r.status from appointment_reminder r
				where (r.status = 'PLANNED' and r.due_at <= ?) or (r.status = 'FAILED' and r.next_attempt_at <= ?)
				order by r.due_at, r.id limit ? for update skip locked
				""")
			.params(Timestamp.from(now), Timestamp.from(now), BATCH)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
					rs.getString(5)))
			.list();
		if (due.isEmpty()) {
			return List.of();
		}
		Map<String, Location> locations = this.clinics.locations();
		Map<UUID, Optional<Appointment>> appointments = new HashMap<>();
		// Of the reminders of one visit due together (Northstar was down, or the visit
		// was
		// booked late), only the one nearest the visit goes.
		Map<UUID, Long> nearest = new HashMap<>();
		for (Due d : due) {
			nearest.put(d.appointment(), d.id());
		}
		Map<UUID, String> nearestLead = new HashMap<>();
		due.forEach(d -> {
			if (nearest.get(d.appointment()) == d.id()) {
				nearestLead.put(d.appointment(), d.lead());
			}
		});
		List<Claimed> claimed = new ArrayList<>();
		for (Due d : due) {
			Appointment a = appointments.computeIfAbsent(d.appointment(), this.appointments::find).orElse(null);
			if (a == null || a.status() != Appointment.Status.BOOKED || !a.start().toInstant().isAfter(now)) {
				end(d.id(), "SKIPPED", a == null || a.status() == Appointment.Status.BOOKED ? "the visit had begun"
						: "the visit is " + a.status().name().toLowerCase(java.util.Locale.ROOT));
				continue;
			}
			if (nearest.get(d.appointment()) != d.id()) {
				end(d.id(), "SKIPPED",
						"due with the " + ReminderLead.parse(nearestLead.get(d.appointment())).inWords() + " one");
				continue;
			}
			ReminderMessage message;
			try {
				message = message(d.id(), a, locations);
			}
			catch (NotSendable ex) {
				end(d.id(), "SKIPPED", ex.getMessage());
				continue;
			}
			catch (RuntimeException ex) {
				log.warn("Reminder {} of appointment {} could not be written", d.id(), a.id(), ex);
				failed(d.id(), a.start().toInstant(), d.attempts() + 1, now, ex.toString());
				continue;
			}
			QuietHours quiet = this.reminders.quietHours();
			ZonedDateTime local = now.atZone(this.clock.getZone());
			if (message.phone() != null && quiet.contains(local)) {
				Instant until = quiet.endAfter(local).toInstant();
				this.jdbc.sql("""
						update appointment_reminder set due_at = case when status = 'PLANNED' then ? else due_at end,
						    next_attempt_at = case when status = 'FAILED' then ? else next_attempt_at end,
						    note = ?
						where id = ?
						""")
					.params(Timestamp.from(until), Timestamp.from(until),
							"held for the quiet hours (" + quiet.describe() + ")", d.id())
					.update();
				continue;
			}
			this.jdbc.sql("""
					update appointment_reminder set status = 'SENDING', claimed_at = ?, attempts = attempts + 1,
					    next_attempt_at = null, language = ?, message = ?, note = null
					where id = ?
					""").params(Timestamp.from(now), message.language(), message.text(), d.id()).update();
			claimed.add(new Claimed(d.id(), a.id(), a.start(), d.attempts() + 1, message));
		}
		return claimed;
	}

	/**
	 * The reminder as it goes out: in the person's preferred language (any of their
	 * records', else the clinic language they asked for), to their phone or e-mail.
	 * @throws IllegalStateException when there is no phone or e-mail to send it to
	 */
	private ReminderMessage message(long id, Appointment a, Map<String, Location> locations) {
		Person person = this.people.personOf(a.patient()).orElse(null);
		String preferred = person == null ? null
				: person.languages().stream().map(Person.Sourced::value).findFirst().orElse(null);
		if (preferred == null) {
			preferred = this.commitments.travelOf(a.patient()).map(t -> t.preferences().language()).orElse(null);
		}
		String locationId = a.locationId();
		if (locationId == null && a.providerId() != null) {
			locationId = this.clinics.provider(a.providerId()).map(p -> p.location().id()).orElse(null);
		}
		Location location = locationId == null ? null : locations.get(locationId);
		String place = location == null ? null
				: location.address() == null ? location.name() : location.name() + ", " + location.address();
		ReminderTexts.Text text = this.texts.of(preferred, a.type(), a.start(), a.mode(), place);
		String phone = person == null ? null
				: person.phones().stream().map(Person.Sourced::value).findFirst().orElse(null);
		String email = person == null ? null
				: person.records()
					.stream()
					.map(r -> r.details().email())
					.filter(e -> e != null && !e.isBlank())
					.findFirst()
					.orElse(null);
		if (phone != null && this.sms.optedOut(a.patient())) {
			if (email == null) {
				throw new NotSendable("not sent: the person opted out of text reminders and has no e-mail on record");
			}
			phone = null;
		}
		if (phone == null && email == null) {
			throw new IllegalStateException("no phone or e-mail on record");
		}
		return new ReminderMessage(id, a.id(), phone, email, text.language(), text.text());
	}

	private boolean send(Claimed c, Instant now) {
		try {
			this.sender.send(c.message());
		}
		catch (Exception ex) {
			log.warn("Reminder {} of appointment {} not sent: {}", c.id(), c.appointment(), ex.toString());
			failed(c.id(), c.start().toInstant(), c.attempts(), now, ex.toString());
			return false;
		}
		this.jdbc
			.sql("update appointment_reminder set status = 'SENT', sent_at = ? where id = ? and status = 'SENDING'")
			.params(Timestamp.from(this.clock.instant()), c.id())
			.update();
		return true;
	}

	private void failed(long id, Instant visit, int attempts, Instant now, String error) {
		Instant next = now.plus(FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10)));
		boolean retry = attempts < MAX_ATTEMPTS && next.isBefore(visit);
		this.jdbc.sql("""
				update appointment_reminder set status = 'FAILED', attempts = ?, next_attempt_at = ?, note = ?
				where id = ? and status in ('SENDING', 'PLANNED', 'FAILED')
				""")
			.params(attempts, retry ? Timestamp.from(next) : null,
					retry ? error
							: "gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + error,
					id)
			.update();
	}

	/** A reminder that will never be sendable as things stand, and why. */
	private static final class NotSendable extends RuntimeException {

		NotSendable(String why) {
			super(why);
		}

	}

	private void end(long id, String status, String note) {
		this.jdbc.sql("update appointment_reminder set status = ?, next_attempt_at = null, note = ? where id = ?")
			.params(status, note, id)
			.update();
	}

}
