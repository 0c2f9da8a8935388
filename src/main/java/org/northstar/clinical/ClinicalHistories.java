package org.northstar.clinical;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.northstar.clinical.ClinicalHistory.Diagnosis;
import org.northstar.clinical.ClinicalHistory.LabResult;
import org.northstar.clinical.ClinicalHistory.PerformedProcedure;
import org.northstar.clinical.ClinicalHistory.Visit;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the {@link ClinicalHistory} of many patient records at once: four queries
 * whatever their number, so that scoring a population costs round trips per batch, not
 * per person.
 */
@Service
public class ClinicalHistories {

	private final JdbcClient jdbc;

	ClinicalHistories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The history of each given record (an empty one for a record with nothing), with the
	 * results of only the given codes (any code system; the caller checks it).
	 */
	@Transactional(readOnly = true)
	public Map<PatientId, ClinicalHistory> of(Collection<PatientId> records, Collection<String> resultCodes) {
		Map<PatientId, List<Visit>> visits = new HashMap<>();
		Map<PatientId, List<Diagnosis>> diagnoses = new HashMap<>();
		Map<PatientId, List<LabResult>> results = new HashMap<>();
		Map<PatientId, List<PerformedProcedure>> procedures = new HashMap<>();
		if (!records.isEmpty()) {
			UUID[] ids = records.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
			this.jdbc.sql("""
					select id, patient_id, status, class_code, type_display, period_start, period_end, priority,
					       admit_source, service_code, service_display
					from encounter
					where patient_id = any(?) and status is distinct from 'cancelled'
					  and status is distinct from 'entered-in-error'
					""").param(ids).query(rs -> {
				PatientId patient = new PatientId(rs.getObject(2, UUID.class));
				visits.computeIfAbsent(patient, p -> new ArrayList<>())
					.add(new Visit(rs.getObject(1, UUID.class), patient, rs.getString(3), rs.getString(4),
							rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8),
							rs.getString(9), rs.getString(10), rs.getString(11)));
			});
			this.jdbc.sql("""
					select c.id, c.patient_id, c.encounter_id, c.code_system, c.code, c.display, c.clinical_status,
					       c.onset, c.recorded
					from condition c where c.patient_id = any(?)
					""").param(ids).query(rs -> {
				PatientId patient = new PatientId(rs.getObject(2, UUID.class));
				diagnoses.computeIfAbsent(patient, p -> new ArrayList<>())
					.add(new Diagnosis(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
							rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
							instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))));
			});
			if (!resultCodes.isEmpty()) {
				this.jdbc.sql("""
						select id, patient_id, encounter_id, code_system, code, display, value_number, value_unit,
						       effective
						from observation
						where patient_id = any(?) and code = any(?) and value_number is not null
						  and status is distinct from 'entered-in-error' and status is distinct from 'cancelled'
						""").param(ids).param(resultCodes.toArray(String[]::new)).query(rs -> {
					PatientId patient = new PatientId(rs.getObject(2, UUID.class));
					results.computeIfAbsent(patient, p -> new ArrayList<>())
						.add(new LabResult(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
								rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8),
								instant(rs.getTimestamp(9))));
				});
			}
			this.jdbc.sql("""
					select id, patient_id, encounter_id, code_system, code, display, performed_start
					from procedure
					where patient_id = any(?) and status is distinct from 'entered-in-error'
					  and status is distinct from 'not-done'
					""").param(ids).query(rs -> {
				PatientId patient = new PatientId(rs.getObject(2, UUID.class));
				procedures.computeIfAbsent(patient, p -> new ArrayList<>())
					.add(new PerformedProcedure(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
							rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))));
			});
		}
		Map<PatientId, ClinicalHistory> histories = new HashMap<>();
		for (PatientId record : records) {
			histories.put(record,
					new ClinicalHistory(record, visits.getOrDefault(record, List.of()),
							diagnoses.getOrDefault(record, List.of()), results.getOrDefault(record, List.of()),
							procedures.getOrDefault(record, List.of())));
		}
		return histories;
	}

	/**
	 * Patient records with at least one encounter, in id order after {@code after} (null:
	 * from the first): the population to score from scratch, a page at a time.
	 */
	@Transactional(readOnly = true)
	public List<PatientId> recordsWithEncounters(PatientId after, int limit) {
		return this.jdbc.sql("""
				select distinct patient_id from encounter where patient_id > ? order by patient_id limit ?
				""")
			.param(after == null ? new UUID(0, 0) : after.value())
			.param(limit)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
