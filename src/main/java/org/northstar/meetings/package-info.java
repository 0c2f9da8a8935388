/**
 * Where the team meets about its people: interdisciplinary team (IDT) meetings whose
 * agenda is compiled from the team's people (risk, recent admissions and ED visits,
 * stalled goals, unresolved barriers, overdue tasks, recent victories), with minutes per
 * person and decisions that become worklist tasks; the victory journal of small wins; and
 * family conference records. Reads other modules only through their APIs. Callers decide
 * and audit access to each person first ({@code caseload.PatientAccess}); this module
 * records and reads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Meetings")
package org.northstar.meetings;
