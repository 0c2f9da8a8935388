package org.northstar.ingest.hl7;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.northstar.database.DatabaseKind;
import org.northstar.database.DemoDatabaseException;
import org.northstar.database.LeadingStatement;
import org.northstar.database.PendingWrites;
import org.northstar.notification.Hl7MessageDeadLettered;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.Patients;
import org.northstar.reactions.Foreground;
import org.northstar.shared.PatientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable inbox of HL7 v2 messages: every message is stored raw, with the outcome and
 * the ACK it got, in the same transaction that applies it. The ACK is returned only after
 * that commit, so an AA always means the message is applied and stored; a message whose
 * ACK the sender never received can be sent again, and a message sent again (same sender,
 * same MSH-10) gets its first ACK back and changes nothing.
 */
@Service
public class Hl7Inbox {

	private static final Logger log = LoggerFactory.getLogger(Hl7Inbox.class);

	private static final String COLUMNS = """
			id, sender, control_id, message_type, event_type, version, status, ack_code, error_reason,
			patient_key, received_at, processed_at, attempts""";

	/** Enough for the JIT to compile the reading of a message. */
	private static final int PRIMER_MESSAGES = 20_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	private final AdtApplication application;

	private final Hl7Properties properties;

	private final Hl7Parser parser = new Hl7Parser();

	private final AllowedFacilities allowedFacilities;

	private final Patients patients;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private final DatabaseKind databaseKind;

	private final Foreground foreground;

	Hl7Inbox(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, AdtApplication application,
			Hl7Properties properties, Patients patients, ApplicationEventPublisher events, Clock clock,
			DatabaseKind databaseKind, Foreground foreground) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = transactions;
		this.application = application;
		this.properties = properties;
		this.allowedFacilities = AllowedFacilities.of(properties.allowedFacilities());
		this.patients = patients;
		this.events = events;
		this.zone = properties.timeZoneOr(clock.getZone());
		this.databaseKind = databaseKind;
		this.foreground = foreground;
	}

	/**
	 * Stores, applies and acknowledges one message.
	 * @return the ACK to send back
	 * @throws RuntimeException when the message could not even be stored (database down):
	 * send no ACK, so the sender tries again
	 */
	String receive(String raw) {
		// The sender waits for the ACK: reactions give way meanwhile.
		return this.foreground.run(() -> handle(raw));
	}

	private String handle(String raw) {
		Header header = Header.read(raw);
		String sender = header.sender();
		try {
			this.databaseKind.refuseRealData("HL7 messages are");
		}
		catch (DemoDatabaseException ex) {
			// Not even stored: a demo keeps no real patient's message. The AR, with the
			// reason in MSA-3 and ERR, stops the sender's queue, which keeps the message
			// for a real Northstar.
			log.warn("Refused HL7 message {} from {}: this is a demo database", header.controlId(), sender);
			return Acks.reject(header, new Hl7Error(207, null, ex.getMessage()));
		}
		// Resends are rare, so they are not looked up first: the unique index on (sender,
		// control id) refuses the second row, the transaction rolls back whatever the
		// resend did, and the first ACK is returned.
		Outcome outcome;
		try {
			outcome = this.transactions.execute(status -> {
				Outcome o = process(raw, header);
				if (!insert(raw, header, o)) {
					throw new DuplicateKeyException("sent again while the first was being applied");
				}
				return o;
			});
		}
		catch (NotApplicable ex) {
			return deadLetter(raw, header, ex.error());
		}
		catch (DuplicateKeyException ex) {
			Optional<String> first = storedAck(sender, header.controlId());
			if (first.isPresent()) {
				return first.get();
			}
			return internalError(raw, header, ex);
		}
		catch (RuntimeException ex) {
			return internalError(raw, header, ex);
		}
		return outcome.ack();
	}

	/**
	 * Reads made-up messages for a moment as {@link #receive} reads real ones, storing
	 * nothing ({@link FeedPrimer}): a quarter of the time in memory, where the parser
	 * gets the most rounds, and the rest applying them ({@link #primeApplying}). Measured
	 * in eight pairs of cold starts, three quarters applying read the first 2,000 real
	 * messages a tenth faster than half did; all of it applying was slower again.
	 * @return how many messages were read, in memory and applied
	 */
	int prime(Duration budget, int threads) {
		Duration inMemory = budget.dividedBy(4);
		int read = FeedPrimer.prime(this.parser, this.zone, PRIMER_MESSAGES, inMemory);
		return read + primeApplying(budget.minus(inMemory), threads);
	}

	/**
	 * Applies made-up visits for about {@code budget} as {@link #receive} applies real
	 * messages (the patient match, the encounter, the reactions' conditions and
	 * publications, the message log) on {@code threads} connections at once, each visit
	 * in a transaction that is rolled back. The first real messages after a start then
	 * find that code compiled and the sessions' statements prepared: with the in-memory
	 * reading alone, the first 2,000 messages after a start still cost four times a warm
	 * message's JVM CPU. Nothing is kept, and no reaction runs, as none runs before a
	 * commit.
	 * @return how many messages were applied and rolled back
	 */
	int primeApplying(Duration budget, int threads) {
		long deadline = System.nanoTime() + budget.toNanos();
		AtomicInteger applied = new AtomicInteger();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		List<Thread> primers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String thread = "T" + t + "-";
			Thread primer = new Thread(() -> {
				try {
					for (int visit = 0; System.nanoTime() < deadline && failure.get() == null; visit++) {
						applied.addAndGet(applyAndRollBack(FeedPrimer.visit(thread, visit), deadline));
					}
				}
				catch (RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			}, "hl7-primer-" + t);
			primer.start();
			primers.add(primer);
		}
		for (Thread primer : primers) {
			try {
				primer.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		return applied.get();
	}

	/**
	 * Applies and stores the messages of one visit in one transaction, and rolls it back:
	 * nothing is kept, and no reaction runs, as none runs before a commit. Stops early at
	 * the deadline: on a cold JVM on a busy machine one message can take a second, and
	 * the port waits.
	 * @return how many of the visit's messages were applied
	 */
	private int applyAndRollBack(List<String> visit, long deadline) {
		Integer count = this.transactions.execute(status -> {
			status.setRollbackOnly();
			int applied = 0;
			for (String raw : visit) {
				if (System.nanoTime() >= deadline) {
					break;
				}
				Header header = Header.read(raw);
				Outcome outcome = apply(raw, header);
				if (outcome.status() != Hl7MessageStatus.APPLIED) {
					throw new IllegalStateException("The feed primer's own message " + header.controlId()
							+ " was not applied: " + outcome.reason());
				}
				insert(raw, header, outcome);
				applied++;
			}
			return applied;
		});
		return count == null ? 0 : count;
	}

	/**
	 * A message that fails the same way every time must not block the feed with endless
	 * resends: it is kept as a dead letter and answered AE. If even that cannot be stored
	 * (the database is down), nothing is acknowledged and the sender tries again.
	 */
	private String internalError(String raw, Header header, RuntimeException ex) {
		log.error("HL7 message {} from {} could not be applied; keeping it as a dead letter", header.controlId(),
				header.sender(), ex);
		return deadLetter(raw, header, new Hl7Error(207, null, "application internal error applying "
				+ header.messageType() + " " + header.event() + ": " + describe(ex)));
	}

	/**
	 * What failed and where, for a dead letter's reason: the exception's class and
	 * message (a bare exception has none), the innermost cause's when it is another, and
	 * the Northstar code it came from. Never just "null".
	 */
	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder(ex.getClass().getSimpleName());
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != ex) {
			text.append(" caused by ").append(root.getClass().getSimpleName());
		}
		appendMessage(text, root, 300);
		StackTraceElement frame = northstarFrame(ex);
		if (frame != null) {
			text.append(" at ")
				.append(frame.getClassName().substring("org.northstar.".length()))
				.append('.')
				.append(frame.getMethodName())
				.append('(')
				.append(frame.getFileName())
				.append(':')
				.append(frame.getLineNumber())
				.append(')');
		}
		if (root != ex) {
			// A wrapper's own message (Spring's repeats the whole SQL) comes last.
			appendMessage(text, ex, 200);
		}
		return text.toString();
	}

	/**
	 * The innermost Northstar code an exception, or one of its causes, passed through;
	 * the code that sends statements for others is passed over for the code whose
	 * statements they are.
	 */
	private static StackTraceElement northstarFrame(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			for (StackTraceElement frame : t.getStackTrace()) {
				if (frame.getClassName().startsWith("org.northstar.")
						&& !frame.getClassName().equals(LeadingStatement.class.getName())
						&& !frame.getClassName().equals(PendingWrites.class.getName())) {
					return frame;
				}
			}
		}
		return null;
	}

	/** ": message" on one line, cut short, when the exception has a message. */
	private static void appendMessage(StringBuilder text, Throwable ex, int limit) {
		String message = ex.getMessage();
		if (message == null || message.isBlank()) {
			return;
		}
		String oneLine = message.strip().replaceAll("\\s+", " ");
		text.append(": ").append(oneLine.length() <= limit ? oneLine : oneLine.substring(0, limit - 3) + "...");
	}

	private String deadLetter(String raw, Header header, Hl7Error error) {
		Outcome outcome = new Outcome(Hl7MessageStatus.DEAD, Acks.error(header, error), "AE", error.text(), null);
		List<PatientId> about = knownPatientsIn(raw, header);
		Boolean stored = this.transactions.execute(status -> {
			if (!insert(raw, header, outcome)) {
				return false;
			}
			if (!about.isEmpty()) {
				String facility = header.sendingFacility() != null ? header.sendingFacility()
						: header.sendingApplication();
				this.events.publishEvent(new Hl7MessageDeadLettered(about, facility,
						header.messageType() + (header.event() == null ? "" : "^" + header.event()),
						header.controlId()));
			}
			return true;
		});
		if (!Boolean.TRUE.equals(stored)) {
			return storedAck(header.sender(), header.controlId()).orElseThrow();
		}
		return outcome.ack();
	}

	/**
	 * The known patients a message is about, by its PID-3: whose record a read of its raw
	 * text is audited under. Best effort: a message that could not be parsed is about
	 * nobody known.
	 */
	public List<PatientId> patientsIn(Hl7Message message) {
		if (message.raw() == null) {
			return List.of();
		}
		return knownPatientsIn(message.raw(), Header.read(message.raw()));
	}

	/**
	 * The known patients a message is about, by its PID-3, so that their coordinators
	 * hear of a dead letter; best effort, since the message is one that went wrong.
	 */
	private List<PatientId> knownPatientsIn(String raw, Header header) {
		try {
			Set<PatientId> known = new LinkedHashSet<>();
			for (PatientRecord.Identifier identifier : AdtMessage.patientIdentifiers(header,
					this.parser.parse(parseable(raw, header)))) {
				known.addAll(this.patients.findByIdentifier(identifier.system(), identifier.value()));
			}
			return List.copyOf(known);
		}
		catch (HL7Exception | RuntimeException ex) {
			log.debug("No patient found for dead letter {} from {}: {}", header.controlId(), header.sender(),
					ex.toString());
			return List.of();
		}
	}

	/** What applying a message came to. */
	private record Outcome(Hl7MessageStatus status, String ack, String ackCode, String reason, String patientKey) {
	}

	/**
	 * Decides and, for ADT events Northstar knows, applies; runs inside the transaction
	 * that stores the message.
	 */
	private Outcome process(String raw, Header header) {
		if (header.problem() != null) {
			return reject(header, header.problem(),
					header.problem().startsWith("MSH-12") ? 203 : header.problem().startsWith("MSH-9") ? 101 : 100);
		}
		String refusal = this.allowedFacilities.refusal(header);
		if (refusal != null) {
			// Kept, like every rejected message, so the administrator sees which feed
			// knocked, and can reprocess it once the facility is added.
			return new Outcome(Hl7MessageStatus.REJECTED, Acks.reject(header, new Hl7Error(103, "MSH^1^4", refusal)),
					"AR", refusal, null);
		}
		return apply(raw, header);
	}

	/** Parses, reads and applies a message whose header and sender were accepted. */
	private Outcome apply(String raw, Header header) {
		Message message;
		try {
			message = this.parser.parse(parseable(raw, header));
		}
		catch (HL7Exception ex) {
			return reject(header, "cannot be parsed: " + at(ex) + describe(ex), 100);
		}
		catch (RuntimeException ex) {
			return reject(header, "cannot be parsed: " + describe(ex), 100);
		}
		Optional<AdtEvent> event = AdtEvent.of(header.messageType(), header.event());
		if (event.isEmpty()) {
			return new Outcome(Hl7MessageStatus.IGNORED, Acks.accept(header), "AA", null, null);
		}
		AdtMessage adt;
		try {
			adt = AdtMessage.read(header, event.get(), message, this.zone);
		}
		catch (HL7Exception ex) {
			throw new NotApplicable(new Hl7Error(207, null, "cannot be read: " + at(ex) + describe(ex)));
		}
		String patientKey = this.application.apply(adt, "hl7 " + header.sender(), Instant.now());
		return new Outcome(Hl7MessageStatus.APPLIED, Acks.accept(header), "AA", null, patientKey);
	}

	/**
	 * The text HAPI parses; the message log keeps the text as sent. Segments end in CR,
	 * as HL7 says, though many senders end them in LF or CR LF: HAPI copes with CR LF,
	 * but reads a message whose segments end in LF alone as one long MSH ("EVN is not
	 * recognized"). HAPI 2.6 knows no v2.8.2, so it reads one as v2.8.1: the message is
	 * read into the v2.5.1 model either way.
	 */
	static String parseable(String raw, Header header) {
		String text = raw.indexOf('\n') < 0 ? raw : raw.replace("\r\n", "\r").replace('\n', '\r');
		if ("2.8.2".equals(header.version())) {
			int start = mshFieldStart(text, 12);
			if (start >= 0 && text.startsWith("2.8.2", start)) {
				text = text.substring(0, start) + "2.8.1" + text.substring(start + "2.8.2".length());
			}
		}
		return text;
	}

	/** Where MSH-n's text starts, or -1. */
	private static int mshFieldStart(String text, int field) {
		char separator = text.charAt(3);
		int seen = 1;
		for (int i = 3; i < text.length() && text.charAt(i) != '\r'; i++) {
			if (text.charAt(i) == separator && ++seen == field) {
				return i + 1;
			}
		}
		return -1;
	}

	/** The segment and field HAPI names, as {@code PID-7: }, when it names one. */
	private static String at(HL7Exception ex) {
		ca.uhn.hl7v2.Location location = ex.getLocation();
		if (location == null || location.getSegmentName() == null) {
			return "";
		}
		return location.getSegmentName() + (location.getField() > 0 ? "-" + location.getField() : "") + ": ";
	}

	private static Outcome reject(Header header, String reason, int code) {
		return new Outcome(Hl7MessageStatus.REJECTED, Acks.reject(header, new Hl7Error(code, "MSH", reason)), "AR",
				reason, null);
	}

	/**
	 * @return false when the sender's control id is already stored
	 */
	private boolean insert(String raw, Header header, Outcome o) {
		// The last statement before the commit: the reactions' publications the message
		// stored travel with it (PendingWrites).
		return !PendingWrites
			.query(this.template, """
					insert into hl7_message (sender, control_id, message_type, event_type, version, raw, processed_at,
					                         status, ack_code, ack_text, error_reason, patient_key)
					values (?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?)
					on conflict (sender, control_id) do nothing
					returning true
					""", (rs, n) -> true, header.sender(), header.controlId(), header.messageType(), header.event(),
					header.version(), raw, o.status().name(), o.ackCode(), o.ack(), o.reason(), o.patientKey())
			.isEmpty();
	}

	private Optional<String> storedAck(String sender, String controlId) {
		return this.jdbc.sql("select ack_text from hl7_message where sender = ? and control_id = ?")
			.params(sender, controlId)
			.query(String.class)
			.optional();
	}

	/** The newest messages, optionally only those with one status; without raw text. */
	public List<Hl7Message> list(Hl7MessageStatus status, int limit) {
		String select = "select " + COLUMNS + ", null as raw, null as ack_text from hl7_message ";
		if (status == null) {
			return this.jdbc.sql(select + "order by id desc limit ?").param(limit).query((rs, n) -> message(rs)).list();
		}
		return this.jdbc.sql(select + "where status = ? order by id desc limit ?")
			.params(status.name(), limit)
			.query((rs, n) -> message(rs))
			.list();
	}

	/** One message with its raw text, ACK and reason. */
	public Optional<Hl7Message> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + ", raw, ack_text from hl7_message where id = ?")
			.param(id)
			.query((rs, n) -> message(rs))
			.optional();
	}

	/**
	 * Applies a stored dead or rejected message again, after its cause was fixed (the
	 * patient record, the mapping, the code). The new outcome and ACK replace the old
	 * ones, so a later resend by the sender gets the new ACK.
	 * @return the message as it now stands; empty when there is no such message
	 * @throws NotReprocessableException when the message was applied or ignored
	 */
	public Optional<Hl7Message> reprocess(long id) {
		Optional<Hl7Message> stored = find(id);
		if (stored.isEmpty()) {
			return stored;
		}
		Hl7Message message = stored.get();
		if (message.status() != Hl7MessageStatus.DEAD && message.status() != Hl7MessageStatus.REJECTED) {
			throw new NotReprocessableException(message);
		}
		Header header = Header.read(message.raw());
		try {
			this.transactions.executeWithoutResult(status -> {
				String current = this.jdbc.sql("select status from hl7_message where id = ? for update")
					.param(id)
					.query(String.class)
					.single();
				if (!current.equals(message.status().name())) {
					throw new NotReprocessableException(message);
				}
				this.jdbc.sql("update hl7_message set status = 'RECEIVED' where id = ?").param(id).update();
				update(id, process(message.raw(), header));
			});
		}
		catch (NotApplicable ex) {
			this.transactions.executeWithoutResult(status -> update(id,
					new Outcome(Hl7MessageStatus.DEAD, Acks.error(header, ex.error()), "AE", ex.getMessage(), null)));
		}
		log.info("HL7 message {} reprocessed", id);
		return find(id);
	}

	private void update(long id, Outcome o) {
		this.jdbc.sql("""
				update hl7_message set status = ?, ack_code = ?, ack_text = ?, error_reason = ?, patient_key = ?,
				    processed_at = now(), attempts = attempts + 1
				where id = ?
				""").params(o.status().name(), o.ackCode(), o.ack(), o.reason(), o.patientKey(), id).update();
	}

	private static Hl7Message message(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Hl7Message(rs.getLong("id"), rs.getString("sender"), rs.getString("control_id"),
				rs.getString("message_type"), rs.getString("event_type"), rs.getString("version"),
				Hl7MessageStatus.valueOf(rs.getString("status")), rs.getString("ack_code"),
				rs.getString("error_reason"), rs.getString("patient_key"), instant(rs.getTimestamp("received_at")),
				instant(rs.getTimestamp("processed_at")), rs.getInt("attempts"), rs.getString("raw"),
				rs.getString("ack_text"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** Only dead and rejected messages are applied again. */
	public static class NotReprocessableException extends RuntimeException {

		NotReprocessableException(Hl7Message message) {
			super("Message " + message.id() + " is " + message.status()
					+ "; only DEAD and REJECTED messages are reprocessed");
		}

	}

}
