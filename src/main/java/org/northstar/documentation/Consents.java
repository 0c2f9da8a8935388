package org.northstar.documentation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import org.northstar.documentation.Consent.Kind;
import org.northstar.documentation.Consent.Program;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents to CCM and PCM and their revocations. Callers decide and audit access first.
 * Days are the practice's days ({@link Clock} in the practice's zone).
 */
@Service
public class Consents {

	private final JdbcClient jdbc;

	private final Clock clock;

	Consents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records a consent under the patient record.
	 * @throws InvalidDocumentationException naming the field that is wrong, or
	 * {@code disclosuresGiven} when the disclosures CMS requires were not given
	 */
	@Transactional
	public Consent record(PatientId patient, NewConsent request, String recordedBy) {
		Program program = Fields.oneOf("program", request.program(), Program.class);
		Kind kind = Fields.oneOf("kind", request.kind(), Kind.class);
		LocalDate obtainedOn = Fields.day("obtainedAt", request.obtainedAt());
		LocalDate today = LocalDate.now(this.clock);
		if (obtainedOn.isAfter(today)) {
			throw new InvalidDocumentationException("obtainedAt", obtainedOn + " is after today (" + today + ")");
		}
		String obtainedBy = Fields.text("obtainedBy", request.obtainedBy(), 200);
		if (request.disclosuresGiven() == null) {
			throw new InvalidDocumentationException("disclosuresGiven", "is required, true or false");
		}
		if (!request.disclosuresGiven()) {
			throw new InvalidDocumentationException("disclosuresGiven",
					"a consent counts only once the person was told of the cost sharing, the right to stop at any time"
							+ " and that one practitioner bills per month; give them, then record the consent");
		}
		Instant now = this.clock.instant();
		long id = this.jdbc.sql("""
				insert into care_consent (patient_id, program, kind, obtained_on, obtained_by, disclosures_given,
				                          recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, true, ?, ?) returning id
				""")
			.params(patient.value(), program.name(), kind.name(), Date.valueOf(obtainedOn), obtainedBy, recordedBy,
					Timestamp.from(now))
			.query(Long.class)
			.single();
		return new Consent(id, patient, program, kind, obtainedOn, obtainedBy, true, recordedBy, now, null, null);
	}

	/**
	 * Records that the person stopped the program of a consent on a day.
	 * @param revokedOn the practice's day; null for today
	 * @throws NoSuchElementException if the record has no such consent
	 * @throws AlreadyRevokedException if it was revoked before
	 * @throws InvalidDocumentationException naming {@code revokedOn} when it is before
	 * the consent or after today
	 */
	@Transactional
	public Consent revoke(PatientId patient, long consent, String revokedOn, String recordedBy) {
		Consent existing = find(patient, consent)
			.orElseThrow(() -> new NoSuchElementException("Patient/" + patient + " has no consent " + consent));
		LocalDate today = LocalDate.now(this.clock);
		LocalDate day = revokedOn == null || revokedOn.isBlank() ? today : Fields.day("revokedOn", revokedOn);
		if (day.isAfter(today)) {
			throw new InvalidDocumentationException("revokedOn", day + " is after today (" + today + ")");
		}
		if (day.isBefore(existing.obtainedOn())) {
			throw new InvalidDocumentationException("revokedOn",
					day + " is before the consent was obtained (" + existing.obtainedOn() + ")");
		}
		int inserted = this.jdbc.sql("""
				insert into care_consent_revocation (consent_id, revoked_on, recorded_by, recorded_at)
				values (?, ?, ?, ?) on conflict do nothing
				""").params(consent, Date.valueOf(day), recordedBy, Timestamp.from(this.clock.instant())).update();
		if (inserted == 0) {
			throw new AlreadyRevokedException(
					"Consent " + consent + " was already revoked on " + find(patient, consent).get().revokedOn());
		}
		return find(patient, consent).orElseThrow();
	}

	/**
	 * The consents of these records (one person's), newest first, revoked ones included.
	 */
	public List<Consent> history(Collection<PatientId> records) {
		return this.jdbc.sql(SELECT + " where c.patient_id = any(?) order by c.obtained_on desc, c.id desc")
			.param(records.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> consent(rs))
			.list();
	}

	/**
	 * Every consent obtained on or before {@code until} and not revoked before
	 * {@code since}: those that may stand in a month.
	 * @param records whose; null for everyone's
	 */
	public List<Consent> standingBetween(LocalDate since, LocalDate until, Collection<PatientId> records) {
		List<Object> params = new ArrayList<>(List.of(Date.valueOf(until), Date.valueOf(since)));
		if (records != null) {
			params.add(records.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		return this.jdbc
			.sql(SELECT + " where c.obtained_on <= ? and (r.revoked_on is null or r.revoked_on >= ?)"
					+ (records == null ? "" : " and c.patient_id = any(?)"))
			.params(params)
			.query((rs, n) -> consent(rs))
			.list();
	}

	/** One consent, with its revocation if any. */
	public java.util.Optional<Consent> find(long consent) {
		return this.jdbc.sql(SELECT + " where c.id = ?").param(consent).query((rs, n) -> consent(rs)).optional();
	}

	/** One page of consents, newest first, and how many there are in all. */
	public record Page(List<Consent> consents, int total) {
	}

	/**
	 * One page of the consents of these records (null: everyone's), newest first; and how
	 * many match in all.
	 */
	public Page search(Collection<PatientId> records, int offset, int count) {
		Paging.Rows<Consent> page = Paging.page(this.jdbc, "select count(*) from care_consent c", SELECT,
				"c.patient_id", "c.obtained_on desc, c.id desc", records, offset, count, (rs, n) -> consent(rs));
		return new Page(page.rows(), page.total());
	}

	private java.util.Optional<Consent> find(PatientId patient, long consent) {
		return this.jdbc.sql(SELECT + " where c.id = ? and c.patient_id = ?")
			.params(consent, patient.value())
			.query((rs, n) -> consent(rs))
			.optional();
	}

	private static final String SELECT = """
			select c.id, c.patient_id, c.program, c.kind, c.obtained_on, c.obtained_by, c.disclosures_given,
			       c.recorded_by, c.recorded_at, r.revoked_on, r.recorded_by
			from care_consent c left join care_consent_revocation r on r.consent_id = c.id""";

	private static Consent consent(ResultSet rs) throws SQLException {
		return new Consent(rs.getLong(1), new PatientId(rs.getObject(2, UUID.class)), Program.valueOf(rs.getString(3)),
				Kind.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBoolean(7),
				rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getObject(10, LocalDate.class), rs.getString(11));
	}

	/** A consent can be revoked once. */
	public static class AlreadyRevokedException extends RuntimeException {

		AlreadyRevokedException(String message) {
			super(message);
		}

	}

}
