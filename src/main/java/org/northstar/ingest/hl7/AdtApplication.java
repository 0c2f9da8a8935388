package org.northstar.ingest.hl7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;
import org.northstar.patient.FeedMatch;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.Patients;
import org.northstar.patient.RecordLinkage;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final Encounters encounters;

	private final JdbcClient jdbc;

	private final RecordLinkage linkage;

	AdtApplication(Patients patients, Encounters encounters, JdbcClient jdbc, RecordLinkage linkage) {
		this.patients = patients;
		this.encounters = encounters;
		this.jdbc = jdbc;
		this.linkage = linkage;
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
		if (m.event() == AdtEvent.A40 && m.priorIdentifiers().isEmpty()) {
			throw new NotApplicable(Hl7Error.requiredFieldMissing("MRG^1^1",
					"MRG-1 prior patient identifier is missing: cannot tell which record to merge"));
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
		m.priorIdentifiers().forEach(i -> lockNames.add("patient|" + i.system() + "|" + i.value()));
		if (m.visit() != null && m.visit().visitNumber() != null) {
			lockNames.add("visit|" + source + "|" + m.visit().visitNumber());
		}
		lock(lockNames);

		PatientRecord.Identifier first = identifiers.get(0);
		String patientKey = first.system() + "|" + first.value();
		AdtMessage.PatientPart p = m.patient();
		RecordKey patientRecord = new RecordKey(source, "Patient", patientKey);
		FeedMatch match = this.patients.matchOrCreateFromFeed(new PatientRecord(new PatientId(patientRecord.id()),
				patientRecord, p.familyName(), p.givenNames(), p.birthDate(), p.sex(), p.deceased(), p.language(),
				false, p.phone(), null, p.addressLine(), p.city(), p.state(), p.postalCode(), identifiers));
		PatientId patient = match.patient();
		if (match.created()) {
			// A patient the feed did not know may be one an EHR export or another feed
			// described under other identifiers: record linkage decides, or queues the
			// pair
			// for a person to.
			this.linkage.linkRecords(List.of(patient));
		}

		if (m.event() == AdtEvent.A40) {
			merge(patient, m.priorIdentifiers());
			return patientKey;
		}
		if (m.visit() == null || m.visit().visitNumber() == null) {
			return patientKey;
		}
		RecordKey key = new RecordKey(source, "Encounter", m.visit().visitNumber());
		FeedEncounter current = this.encounters.findFromFeed(key).orElse(null);
		FeedEncounter next = VisitEvents.apply(current, key, patient, m.event(), m.eventAt(), m.visit());
		String json = FhirEncounters.toJson(next);
		this.encounters.recordFromFeed(next, current, json, sha256(json), receivedVia, receivedAt);
		return patientKey;
	}

	private void merge(PatientId survivor, List<PatientRecord.Identifier> priorIdentifiers) {
		List<PatientId> priors = new ArrayList<>();
		for (PatientRecord.Identifier identifier : priorIdentifiers) {
			for (PatientId prior : this.patients.findByIdentifier(identifier.system(), identifier.value())) {
				if (!prior.equals(survivor) && !priors.contains(prior)) {
					priors.add(prior);
				}
			}
		}
		for (PatientId prior : priors) {
			this.encounters.reassignPatient(prior, survivor);
			this.patients.merge(prior, survivor);
		}
		// Later messages may still name the prior identifier; it now finds the survivor.
		priorIdentifiers.forEach(identifier -> this.patients.addIdentifier(survivor, identifier));
	}

	private void lock(List<String> names) {
		long[] keys = names.stream().mapToLong(AdtApplication::lockKey).distinct().sorted().toArray();
		Long[] boxed = new Long[keys.length];
		for (int i = 0; i < keys.length; i++) {
			boxed[i] = keys[i];
		}
		this.jdbc.sql("select count(pg_advisory_xact_lock(k)) from (select unnest(?::bigint[]) k order by 1) s")
			.param(boxed)
			.query(Long.class)
			.single();
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
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
