package org.northstar.ingest.hl7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;
import org.northstar.database.LeadingStatement;
import org.northstar.database.QueryPlans;
import org.northstar.patient.FeedMatch;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.PatientFeed;
import org.northstar.patient.Patients;
import org.northstar.patient.RecordLinkage;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one ADT message to the patient and encounter, in the caller's transaction.
 *
 * <p>
 * Messages about one patient are applied one at a time, in the order their transactions
 * take the patient's lock: a transaction-scoped PostgreSQL advisory lock per identifier
 * (and per visit), taken in a fixed order so two messages never deadlock. Locks end with
 * the transaction, so a killed process leaves none behind.
 */
@Component
class AdtApplication {

	private final Patients patients;

	private final PatientFeed feed;

	private final Encounters encounters;

	private final JdbcTemplate template;

	private final RecordLinkage linkage;

	private final AuditTrail audit;

	/** The role a feed acts in, in the audit trail. */
	static final String FEED_ROLE = "HL7 feed";

	/**
	 * One digest per thread: a message hashes two or three times (its locks, its FHIR
	 * JSON), and looking SHA-256 up among the security providers each time showed in the
	 * feed's profile.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	AdtApplication(Patients patients, PatientFeed feed, Encounters encounters, JdbcTemplate template,
			RecordLinkage linkage, AuditTrail audit) {
		this.patients = patients;
		this.feed = feed;
		this.encounters = encounters;
		this.template = template;
		this.linkage = linkage;
		this.audit = audit;
	}

	/**
	 * Checks what the event needs before anything is written, so a message that cannot be
	 * applied leaves nothing behind.
	 * @throws NotApplicable naming the missing segment or field
	 */
	static void check(AdtMessage m) {
		if (m.patient() == null) {
			throw new NotApplicable(new Hl7Error(100, "PID", "PID segment is missing: the patient is unknown"));
		}
		if (m.patient().identifiers().isEmpty()) {
			throw new NotApplicable(Hl7Error.requiredFieldMissing("PID^1^3",
					"PID-3 patient identifier list is empty: cannot tell who the patient is"));
		}
		if (m.event().needsVisit && (m.visit() == null || m.visit().visitNumber() == null)) {
			throw new NotApplicable(Hl7Error.requiredFieldMissing("PV1^1^19",
					"PV1-19 visit number is missing: cannot tell which encounter " + m.event() + " is about"));
		}
		if (m.event() == AdtEvent.A40) {
			if (m.merges().isEmpty()) {
				throw new NotApplicable(
						new Hl7Error(100, "MRG", "MRG segment is missing: cannot tell which record to merge"));
			}
			m.merges().forEach(merge -> check(merge, m.merges().size()));
		}
	}

	/**
	 * An A40 pair merges records of one assigning authority only: each MRG-1 identifier's
	 * system must be that of a PID-3 identifier of its pair. Otherwise one organisation
	 * could merge another's patient, with their whole record, into a record of its own.
	 */
	private static void check(AdtMessage.Merge merge, int pairs) {
		String pair = pairs == 1 ? "" : " (pair " + merge.pair() + " of " + pairs + ")";
		if (merge.survivor() == null) {
			throw new NotApplicable(new Hl7Error(100, "PID",
					"PID segment is missing before MRG" + pair + ": cannot tell which record survives"));
		}
		if (merge.survivor().identifiers().isEmpty()) {
			throw new NotApplicable(Hl7Error.requiredFieldMissing("PID^" + merge.pair() + "^3",
					"PID-3 patient identifier list is empty" + pair + ": cannot tell which record survives"));
		}
		if (merge.prior().isEmpty()) {
			throw new NotApplicable(Hl7Error.requiredFieldMissing("MRG^" + merge.pair() + "^1",
					"MRG-1 prior patient identifier is missing" + pair + ": cannot tell which record to merge"));
		}
		Set<String> survivorSystems = new LinkedHashSet<>();
		merge.survivor().identifiers().forEach(identifier -> survivorSystems.add(identifier.system()));
		for (PatientRecord.Identifier prior : merge.prior()) {
			if (!survivorSystems.contains(prior.system())) {
				throw new NotApplicable(new Hl7Error(207, "MRG^" + merge.pair() + "^1", "MRG-1 (system "
						+ prior.system() + ") and PID-3 (system" + (survivorSystems.size() == 1 ? " " : "s ")
						+ String.join(", ", survivorSystems) + ") are different assigning authorities" + pair
						+ ": an A40 merges records of one assigning authority only, so no patient of one is merged"
						+ " into a record of another; nothing was merged"));
			}
		}
	}

	/**
	 * @return the identifier the message was serialised on, {@code system|value}
	 * @throws NotApplicable when the message cannot be applied; nothing was written
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	String apply(AdtMessage m, String receivedVia, Instant receivedAt) {
		check(m);
		String source = m.header().source();
		List<PatientRecord.Identifier> identifiers = m.patient().identifiers();
		List<String> lockNames = new ArrayList<>();
		identifiers.forEach(i -> lockNames.add("patient|" + i.system() + "|" + i.value()));
		for (AdtMessage.Merge merge : m.merges()) {
			merge.survivor().identifiers().forEach(i -> lockNames.add("patient|" + i.system() + "|" + i.value()));
			merge.prior().forEach(i -> lockNames.add("patient|" + i.system() + "|" + i.value()));
		}
		if (m.visit() != null && m.visit().visitNumber() != null) {
			lockNames.add("visit|" + source + "|" + m.visit().visitNumber());
		}
		LeadingStatement locks = lock(lockNames);

		PatientRecord.Identifier first = identifiers.get(0);
		String patientKey = first.system() + "|" + first.value();
		if (m.event() == AdtEvent.A40) {
			locks.run(this.template);
			// Every pair, or none: a refused pair was refused before anything was
			// written. The merges are audited last, as appending holds the audit
			// trail's lock until the commit.
			List<AuditRecord> audit = new ArrayList<>();
			for (AdtMessage.Merge merge : m.merges()) {
				merge(source, patient(source, merge.survivor()), merge, m.header(), audit);
			}
			audit.forEach(this.audit::recordWithChange);
			return patientKey;
		}
		if (m.visit() == null || m.visit().visitNumber() == null) {
			locks.run(this.template);
			patient(source, m.patient());
			return patientKey;
		}
		// The visit as it was, read under the locks in their round trip, then the
		// patient.
		RecordKey key = new RecordKey(source, "Encounter", m.visit().visitNumber());
		FeedEncounter current = this.encounters.findFromFeed(key, locks).orElse(null);
		PatientId patient = patient(source, m.patient());
		FeedEncounter next = VisitEvents.apply(current, key, patient, m.event(), m.eventAt(), m.visit());
		String json = FhirEncounters.toJson(next);
		this.encounters.recordFromFeed(next, current, json, sha256(json), receivedVia, receivedAt);
		return patientKey;
	}

	/**
	 * Matches or creates the patient a PID describes; a new one goes to record linkage.
	 */
	private PatientId patient(String source, AdtMessage.PatientPart p) {
		PatientRecord.Identifier first = p.identifiers().get(0);
		RecordKey patientRecord = new RecordKey(source, "Patient", first.system() + "|" + first.value());
		// The flat address is the first, its lines joined as an import joins them.
		PatientRecord.Address home = p.addresses().isEmpty() ? null : p.addresses().get(0);
		FeedMatch match = this.feed.matchOrCreateFromFeed(new PatientRecord(new PatientId(patientRecord.id()),
				patientRecord, p.familyName(), p.givenNames(), p.birthDate(), p.sex(), p.deceased(), p.language(),
				false, p.phone(), null, home == null ? null : home.joinedLines(), home == null ? null : home.city(),
				home == null ? null : home.state(), home == null ? null : home.postalCode(), p.identifiers(),
				p.addresses(), p.birthDatePrecision()));
		if (match.created()) {
			// A patient the feed did not know may be one an EHR export or another feed
			// described under other identifiers: record linkage decides, or queues the
			// pair for a person to.
			this.linkage.linkRecords(List.of(match.patient()));
		}
		return match.patient();
	}

	/**
	 * Merges the records MRG-1 names into the survivor: their identifiers and clinical
	 * records move to it, and each merge is audited under both records, with the sender
	 * as the actor.
	 */
	private void merge(String source, PatientId survivor, AdtMessage.Merge merge, Header header,
			List<AuditRecord> audit) {
		List<PatientId> priors = new ArrayList<>();
		for (PatientRecord.Identifier identifier : merge.prior()) {
			for (PatientId prior : this.patients.findByIdentifier(identifier.system(), identifier.value())) {
				if (!prior.equals(survivor) && !priors.contains(prior)) {
					requireOwn(source, prior, "MRG^" + merge.pair() + "^1",
							"MRG-1 " + identifier.system() + "|" + identifier.value());
					priors.add(prior);
				}
			}
		}
		if (!priors.isEmpty()) {
			requireOwn(source, survivor, "PID^" + merge.pair() + "^3",
					"PID-3 " + names(merge.survivor().identifiers()));
		}
		String actor = "hl7:" + header.sender();
		String message = "HL7 A40 from " + header.sender() + ", MSH-10 " + header.controlId();
		String survivorNamed = survivor + " (" + names(merge.survivor().identifiers()) + ")";
		String priorNamed = names(merge.prior());
		for (PatientId prior : priors) {
			this.encounters.reassignPatient(prior, survivor);
			this.feed.merge(prior, survivor);
			String what = message + ": patient record " + prior + " (" + priorNamed + ") merged into " + survivorNamed;
			audit.add(new AuditRecord(actor, FEED_ROLE, AuditAction.MERGE, prior, what, null, Outcome.SUCCESS, false,
					null));
			audit.add(new AuditRecord(actor, FEED_ROLE, AuditAction.MERGE, survivor, what, null, Outcome.SUCCESS, false,
					null));
		}
		if (priors.isEmpty()) {
			audit.add(new AuditRecord(actor, FEED_ROLE, AuditAction.MERGE, survivor,
					message + ": no patient record had " + priorNamed + "; the identifiers now find " + survivorNamed,
					null, Outcome.SUCCESS, false, null));
		}
		// Later messages may still name the prior identifier; it now finds the survivor.
		merge.prior().forEach(identifier -> this.feed.addIdentifier(survivor, identifier));
	}

	/**
	 * An A40 merges records its sender's feed made, and nobody else's: an identifier in
	 * the right assigning authority is not enough, since anyone can write one. Otherwise
	 * a feed could take another source's patient, with their whole record, into a record
	 * of its own, or push its own into theirs.
	 * @throws NotApplicable naming the field whose identifier found another source's
	 * record; nothing of the message is kept
	 */
	private void requireOwn(String source, PatientId patient, String field, String named) {
		String owner = this.patients.record(patient).map(r -> r.key().source()).orElse(source);
		if (!owner.equals(source)) {
			throw new NotApplicable(
					new Hl7Error(207, field, named + " finds a patient record " + owner + " holds, not one of " + source
							+ ": an A40 merges only the sender's own records; nothing was" + " merged"));
		}
	}

	private static String names(List<PatientRecord.Identifier> identifiers) {
		List<String> names = new ArrayList<>();
		identifiers.forEach(i -> names.add(i.system() + "|" + i.value()));
		return String.join(", ", names);
	}

	/**
	 * The statement that takes the message's locks, in a fixed order, and asks for the
	 * plans of a few keys for the rest of the transaction ({@link QueryPlans}): the
	 * message's first, sent with its next ({@link LeadingStatement}).
	 */
	private static LeadingStatement lock(List<String> names) {
		long[] keys = names.stream().mapToLong(AdtApplication::lockKey).distinct().sorted().toArray();
		Long[] boxed = new Long[keys.length];
		for (int i = 0; i < keys.length; i++) {
			boxed[i] = keys[i];
		}
		return new LeadingStatement("select count(pg_advisory_xact_lock(k)), " + QueryPlans.FEW_KEYS_FROM_HERE
				+ " from (select unnest(?::bigint[]) k order by 1) s", (Object) boxed);
	}

	private static long lockKey(String name) {
		byte[] digest = sha256(name);
		long key = 0;
		for (int i = 0; i < 8; i++) {
			key = (key << 8) | (digest[i] & 0xff);
		}
		return key;
	}

	private static byte[] sha256(String text) {
		return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
	}

}
