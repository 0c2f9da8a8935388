package org.northstar.clinical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * What a patient record holds about hospital use, as the normalised rows have it: the
 * encounters, conditions, results and procedures a {@link ClinicalHistories.HistoryQuery}
 * asked for. For scores computed from the record (risk); the resources themselves stay in
 * {@link SourceRecords}. Cancelled and entered-in-error rows are left out.
 *
 * <p>
 * Codes are the first coding a source sent, as in {@link ClinicalFact}.
 */
public record ClinicalHistory(PatientId patient, List<Visit> visits, List<Diagnosis> diagnoses, List<LabResult> results,
		List<PerformedProcedure> procedures) {

	public ClinicalHistory {
		visits = List.copyOf(visits);
		diagnoses = List.copyOf(diagnoses);
		results = List.copyOf(results);
		procedures = List.copyOf(procedures);
	}

	/**
	 * An encounter.
	 *
	 * @param classCode v3 ActCode: IMP inpatient, EMER emergency, AMB ambulatory...
	 * @param priority v3 ActPriority (EM emergency, UR urgent, EL elective...), from FHIR
	 * {@code Encounter.priority} or a feed's PV1-4; null when not sent
	 * @param admitSource FHIR {@code hospitalization.admitSource} code (emd: from the
	 * emergency department) or a feed's PV1-14; null when not sent
	 * @param serviceCode the service the patient was under (FHIR {@code serviceType}, a
	 * feed's PV1-10), or null
	 */
	public record Visit(UUID id, PatientId patient, String status, String classCode, String typeDisplay, Instant start,
			Instant end, String priority, String admitSource, String serviceCode, String serviceDisplay) {
	}

	/**
	 * A condition.
	 *
	 * @param encounterStart the start of the encounter it was recorded in, or null
	 */
	public record Diagnosis(UUID id, PatientId patient, UUID encounter, String system, String code, String display,
			String clinicalStatus, Instant onset, Instant recorded, Instant encounterStart) {
	}

	/** A result with a numeric value. */
	public record LabResult(UUID id, PatientId patient, UUID encounter, String system, String code, String display,
			BigDecimal value, String unit, Instant effective) {
	}

	public record PerformedProcedure(UUID id, PatientId patient, UUID encounter, String system, String code,
			String display, Instant start) {
	}

}
