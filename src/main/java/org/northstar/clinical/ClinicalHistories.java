package org.northstar.clinical;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
	 * What to read: encounters of {@code encounterClasses}; conditions coded in
	 * {@code conditionSystems} whatever their code, or in SNOMED CT with one of
	 * {@code snomedConditions}; results of {@code resultCodes} (any system; the caller
	 * checks it); procedures during an encounter of {@code stayClasses} (linked to it, or
	 * performed between its start and end). Reading only what a score can use keeps a
	 * population's reads small: a Synthea record holds hundreds of procedures and
	 * findings no score reads.
	 */
	public record HistoryQuery(Set<String> encounterClasses, Set<String> stayClasses, Set<String> conditionSystems,
			Set<String> snomedConditions, Set<String> resultCodes) {

		public HistoryQuery {
			encounterClasses = Set.copyOf(encounterClasses);
			stayClasses = Set.copyOf(stayClasses);
			conditionSystems = Set.copyOf(conditionSystems);
			snomedConditions = Set.copyOf(snomedConditions);
			resultCodes = Set.copyOf(resultCodes);
		}

	}

	/**
	 * The history of each given record (an empty one for a record with nothing), as much
	 * of it as the query asks for.
	 */
	@Transactional(readOnly = true)
	public Map<PatientId, ClinicalHistory> of(Collection<PatientId> records, HistoryQuery query) {
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
					where patient_id = any(?) and class_code = any(?) and status is distinct from 'cancelled'
					  and status is distinct from 'entered-in-error'
					""").param(ids).param(query.encounterClasses().toArray(String[]::new)).query(rs -> {
				PatientId patient = new PatientId(rs.getObject(2, UUID.class));
				visits.computeIfAbsent(patient, p -> new ArrayList<>())
					.add(new Visit(rs.getObject(1, UUID.class), patient, rs.getString(3), rs.getString(4),
							rs.getString(5), instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getString(9),
							rs.getString(10), rs.getString(11)));
			});
			this.jdbc.sql("""
					select c.id, c.patient_id, c.encounter_id, c.code_system, c.code, c.display, c.clinical_status,
					       c.onset, c.recorded,
					       -- A lookup by id for each of the few conditions read: as a join, the
					       -- planner hashed every encounter of the population.
					       (select e.period_start from encounter e where e.id = c.encounter_id)
					from condition c
					where c.patient_id = any(?)
					  and (c.code_system = any(?) or c.code_system = 'http://snomed.info/sct' and c.code = any(?))
					""")
				.param(ids)
				.param(query.conditionSystems().toArray(String[]::new))
				.param(query.snomedConditions().toArray(String[]::new))
				.query(rs -> {
					PatientId patient = new PatientId(rs.getObject(2, UUID.class));
					diagnoses.computeIfAbsent(patient, p -> new ArrayList<>())
						.add(new Diagnosis(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
								rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8),
								instant(rs, 9), instant(rs, 10)));
				});
			if (!query.resultCodes().isEmpty()) {
				this.jdbc.sql("""
						select id, patient_id, encounter_id, code_system, code, display, value_number, value_unit,
						       effective
						from observation
						where patient_id = any(?) and code = any(?) and value_number is not null
						  and status is distinct from 'entered-in-error' and status is distinct from 'cancelled'
						""").param(ids).param(query.resultCodes().toArray(String[]::new)).query(rs -> {
					PatientId patient = new PatientId(rs.getObject(2, UUID.class));
					results.computeIfAbsent(patient, p -> new ArrayList<>())
						.add(new LabResult(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
								rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8),
								instant(rs, 9)));
				});
			}
			// From the stays, not from the procedures: a record holds hundreds of
			// procedures and a few stays. Those performed during a stay are found by
			// the patient's procedures by date, those linked to it by encounter; a
			// procedure that is both is read once (union).
			String[] stayClasses = query.stayClasses().toArray(String[]::new);
			this.jdbc.sql("""
					select p.id, p.patient_id, p.encounter_id, p.code_system, p.code, p.display, p.performed_start
					from encounter e
					     join procedure p on p.patient_id = e.patient_id
					                     and p.performed_start between e.period_start and e.period_end
					where e.patient_id = any(?) and e.class_code = any(?)
					  and p.status is distinct from 'entered-in-error' and p.status is distinct from 'not-done'
					union
					select p.id, p.patient_id, p.encounter_id, p.code_system, p.code, p.display, p.performed_start
					from encounter e
					     join procedure p on p.encounter_id = e.id and p.patient_id = e.patient_id
					where e.patient_id = any(?) and e.class_code = any(?)
					  and p.status is distinct from 'entered-in-error' and p.status is distinct from 'not-done'
					""").param(ids).param(stayClasses).param(ids).param(stayClasses).query(rs -> {
				PatientId patient = new PatientId(rs.getObject(2, UUID.class));
				procedures.computeIfAbsent(patient, p -> new ArrayList<>())
					.add(new PerformedProcedure(rs.getObject(1, UUID.class), patient, rs.getObject(3, UUID.class),
							rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7)));
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

	/**
	 * As an offset date-time: the driver parses that directly, where a
	 * {@link java.sql.Timestamp} goes through a calendar (about 6% of the Java time of
	 * scoring a population).
	 */
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return at == null ? null : at.toInstant();
	}

}
