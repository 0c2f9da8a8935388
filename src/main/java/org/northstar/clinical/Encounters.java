package org.northstar.clinical;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.northstar.database.LeadingStatement;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Encounters kept up to date by feeds, one message at a time. The encounter is stored
 * like an imported one: the FHIR resource in {@code source_resource} under its
 * {@link RecordKey}, its identifier searchable, its normalised row in {@code encounter},
 * plus what a feed adds (visit number, location, attending...).
 *
 * <p>
 * Writes join the caller's transaction. Callers serialise writes per patient; this class
 * does not lock.
 */
@Service
public class Encounters {

	private static final String VISIT_NUMBER_SYSTEM_SUFFIX = "/visit-number";

	/** A visit's state as the feed left it: {@link #feedState}. */
	private static final String FEED_STATE = """
			select patient_id, status, class_code, location_text, attending, admit_source,
			       discharge_disposition, period_start, period_end, status_event_at, details_event_at,
			       priority, service_code
			from encounter where id = ?
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final ApplicationEventPublisher events;

	Encounters(JdbcClient jdbc, JdbcTemplate template, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.template = template;
		this.events = events;
	}

	/** The identifier system under which a source's visit numbers are searchable. */
	public static String visitNumberSystem(String source) {
		return source + VISIT_NUMBER_SYSTEM_SUFFIX;
	}

	/** The encounter as the feed left it, if it has sent this visit before. */
	public Optional<FeedEncounter> findFromFeed(RecordKey key) {
		return this.jdbc.sql(FEED_STATE).param(key.id()).query((rs, n) -> feedState(key, rs)).optional();
	}

	/**
	 * {@link #findFromFeed(RecordKey)}, read just after {@code first} has run, in the
	 * same round trip: the feed's locks lead its read of the visit they guard.
	 */
	public Optional<FeedEncounter> findFromFeed(RecordKey key, LeadingStatement first) {
		return first.thenQuery(this.template, FEED_STATE, (rs, n) -> feedState(key, rs), key.id()).stream().findFirst();
	}

	private static FeedEncounter feedState(RecordKey key, ResultSet rs) throws SQLException {
		return new FeedEncounter(key, new PatientId(rs.getObject(1, UUID.class)), key.sourceId(), rs.getString(2),
				rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
				instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
				instant(rs.getTimestamp(11)), rs.getString(12), rs.getString(13));
	}

	/**
	 * The encounters of this patient record that began or ended at or after {@code from}
	 * and before {@code until}, earliest first. A listener of {@link EncounterRecorded}
	 * reads here what other messages recorded, whichever order their reactions run in.
	 */
	public List<RecordedEncounter> beganOrEndedBetween(PatientId patient, Instant from, Instant until) {
		return this.jdbc.sql("""
				select e.id, e.status, e.class_code, e.period_start, e.period_end, e.discharge_disposition, r.source
				from encounter e join source_resource r on r.id = e.id
				where e.patient_id = :patient
				  and (e.period_start >= :from and e.period_start < :until
				       or e.period_end >= :from and e.period_end < :until)
				order by coalesce(e.period_start, e.period_end), e.id
				""")
			.param("patient", patient.value())
			.param("from", Timestamp.from(from))
			.param("until", Timestamp.from(until))
			.query((rs, n) -> new RecordedEncounter(rs.getObject(1, UUID.class), patient, rs.getString(2),
					rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6),
					rs.getString(7)))
			.list();
	}

	/**
	 * When the latest finished inpatient stay of these patient records (one person's)
	 * ended, if one ended at or after {@code from} and before {@code until}: the
	 * discharge an admission or ED visit returns after.
	 */
	public Optional<Instant> latestInpatientDischarge(Collection<PatientId> records, Instant from, Instant until) {
		return this.jdbc.sql("""
				select period_end from encounter
				where patient_id = any(?) and class_code = 'IMP' and status = 'finished'
				  and period_end >= ? and period_end < ?
				order by period_end desc limit 1
				""")
			.params(records.stream().map(PatientId::value).toArray(UUID[]::new), Timestamp.from(from),
					Timestamp.from(until))
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/**
	 * The finished inpatient stays of these patient records that ended at or after
	 * {@code from} and before {@code until}, earliest discharge first: for a reaction to
	 * an import, which publishes no {@link EncounterRecorded}. The disposition is the
	 * feed's (HL7 PV1-36) or, for an imported Encounter, the first code of its
	 * {@code hospitalization.dischargeDisposition} as sent (FHIR's discharge-disposition
	 * codes: {@code home}, {@code exp}...).
	 */
	public List<RecordedEncounter> inpatientDischargesBetween(Collection<PatientId> patients, Instant from,
			Instant until) {
		if (patients.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select e.id, e.patient_id, e.status, e.class_code, e.period_start, e.period_end,
				       coalesce(e.discharge_disposition,
				                r.content -> 'hospitalization' -> 'dischargeDisposition' -> 'coding' -> 0 ->> 'code'),
				       r.source
				from encounter e join source_resource r on r.id = e.id
				where e.patient_id = any(:patients) and e.class_code = 'IMP' and e.status = 'finished'
				  and e.period_end >= :from and e.period_end < :until
				order by e.period_end, e.id
				""")
			.param("patients", patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.param("from", Timestamp.from(from))
			.param("until", Timestamp.from(until))
			.query((rs, n) -> new RecordedEncounter(rs.getObject(1, UUID.class),
					new PatientId(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4),
					instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8)))
			.list();
	}

	/**
	 * Stores the encounter as it now is and publishes {@link EncounterRecorded}.
	 * @param previous the encounter as it was before this message, {@code null} when new
	 * @param fhirJson the FHIR R4 Encounter built from the feed, served as the source
	 * record
	 * @param contentHash a digest of {@code fhirJson}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordFromFeed(FeedEncounter encounter, FeedEncounter previous, String fhirJson, byte[] contentHash,
			String receivedVia, Instant receivedAt) {
		RecordKey key = encounter.key();
		String visitSystem = visitNumberSystem(key.source());
		// One statement for the three rows: a feed writes one encounter per message, so
		// round trips, not rows, are what it costs. Foreign keys are checked at the end
		// of the statement, after the source record is in. Parameters that may be null
		// carry their SQL type, so a null binds as the same type as a value: the driver
		// then keeps one server-side prepared statement instead of describing and
		// planning the statement again on every message.
		this.jdbc.sql("""
				with resource as (
				    insert into source_resource (id, resource_type, source, source_id, patient_id, content,
				                                 content_hash, received_at, received_via)
				    values (:id, :type, :source, :sourceId, :patient, :json::jsonb, :hash, :receivedAt, :receivedVia)
				    on conflict (id) do update set patient_id = excluded.patient_id, content = excluded.content,
				        content_hash = excluded.content_hash, received_at = excluded.received_at,
				        received_via = excluded.received_via
				    returning id
				), identifier as (
				    insert into resource_identifier (resource_id, resource_type, system, value)
				    select :id, :type, :visitSystem, :sourceId
				    where not exists (select 1 from resource_identifier
				                      where resource_id = :id and system = :visitSystem and value = :sourceId)
				)
				insert into encounter (id, patient_id, status, class_code, period_start, period_end, visit_number,
				                       location_text, attending, admit_source, discharge_disposition,
				                       status_event_at, details_event_at, priority, service_code, start_arrived_at,
				                       end_arrived_at)
				select id, :patient, :status, :classCode, :admittedAt, :dischargedAt, :sourceId, :location,
				       :attending, :admitSource, :disposition, :statusAt, :detailsAt, :priority, :service, :receivedAt,
				       :receivedAt
				from resource
				on conflict (id) do update set patient_id = excluded.patient_id, status = excluded.status,
				    -- When the visit's beginning or end became news: an admission time now
				    -- known, an ED visit turned admission, a discharge (again after an A13).
				    -- A corrected time or a resend is not news, so the review lists it once.
				    start_arrived_at = case when encounter.period_start is null and excluded.period_start is not null
				                              or encounter.class_code is distinct from excluded.class_code
				                            then excluded.start_arrived_at else encounter.start_arrived_at end,
				    end_arrived_at = case when encounter.period_end is null and excluded.period_end is not null
				                          then excluded.end_arrived_at else encounter.end_arrived_at end,
				    class_code = excluded.class_code, period_start = excluded.period_start,
				    period_end = excluded.period_end, visit_number = excluded.visit_number,
				    location_text = excluded.location_text, attending = excluded.attending,
				    admit_source = excluded.admit_source, discharge_disposition = excluded.discharge_disposition,
				    status_event_at = excluded.status_event_at, details_event_at = excluded.details_event_at,
				    priority = excluded.priority, service_code = excluded.service_code
				""")
			.param("id", key.id())
			.param("type", key.resourceType())
			.param("source", key.source())
			.param("sourceId", key.sourceId())
			.param("patient", encounter.patient().value())
			.param("json", fhirJson)
			.param("hash", contentHash)
			.param("receivedAt", Timestamp.from(receivedAt))
			.param("receivedVia", receivedVia)
			.param("visitSystem", visitSystem)
			.param("status", encounter.status(), Types.VARCHAR)
			.param("classCode", encounter.classCode(), Types.VARCHAR)
			.param("admittedAt", timestamp(encounter.admittedAt()), Types.TIMESTAMP)
			.param("dischargedAt", timestamp(encounter.dischargedAt()), Types.TIMESTAMP)
			.param("location", encounter.location(), Types.VARCHAR)
			.param("attending", encounter.attending(), Types.VARCHAR)
			.param("admitSource", encounter.admitSource(), Types.VARCHAR)
			.param("disposition", encounter.dischargeDisposition(), Types.VARCHAR)
			.param("statusAt", timestamp(encounter.statusEventAt()), Types.TIMESTAMP)
			.param("detailsAt", timestamp(encounter.detailsEventAt()), Types.TIMESTAMP)
			.param("priority", encounter.priority(), Types.VARCHAR)
			.param("service", encounter.service(), Types.VARCHAR)
			.update();
		this.events
			.publishEvent(new EncounterRecorded(key.id(), encounter.patient(), key.source(), encounter.visitNumber(),
					previous == null ? null : previous.status(), previous == null ? null : previous.classCode(),
					previous == null ? null : previous.admittedAt(), encounter.status(), encounter.classCode(),
					encounter.location(), encounter.admittedAt(), encounter.dischargedAt(),
					encounter.dischargeDisposition(), previous != null && encounter.sameVisitAs(previous)));
	}

	/**
	 * Moves a patient's whole clinical record (every resource and normalised row) to
	 * another patient record, when a feed merges the two.
	 * @return how many resources moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int reassignPatient(PatientId from, PatientId to) {
		for (String table : new String[] { "encounter", "condition", "observation", "medication_request",
				"medication_use", "procedure", "allergy_intolerance", "immunization" }) {
			this.jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(to.value(), from.value())
				.update();
		}
		return this.jdbc.sql("update source_resource set patient_id = ? where patient_id = ?")
			.params(to.value(), from.value())
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
