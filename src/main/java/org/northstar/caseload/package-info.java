/**
 * Caseloads: which coordinator is responsible for which patient, who else is on the
 * patient's care team, and who may therefore see the patient's record.
 * {@link PatientAccess} is the one choke point every screen and API passes before reading
 * or writing patient data: it decides, and it records the decision in the audit trail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Caseload")
package org.northstar.caseload;
