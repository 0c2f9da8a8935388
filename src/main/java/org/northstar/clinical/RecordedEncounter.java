package org.northstar.clinical;

import java.time.Instant;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * An encounter as it is stored now, from a feed or an import: what a module that reacts
 * to a patient's stays needs to know of the others.
 *
 * @param encounter Northstar's id of the encounter
 * @param status FHIR Encounter status: planned, in-progress, finished or cancelled
 * @param classCode FHIR v3 ActCode: IMP (inpatient), EMER (emergency), AMB (outpatient)
 * @param dischargeDisposition where the patient went, as the source coded it (HL7 PV1-36)
 * @param source the system that sent it: a feed's sending application and facility, or an
 * import's source
 */
public record RecordedEncounter(UUID encounter, PatientId patient, String status, String classCode, Instant admittedAt,
		Instant dischargedAt, String dischargeDisposition, String source) {

}
