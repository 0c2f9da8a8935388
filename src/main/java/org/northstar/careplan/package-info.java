/**
 * The person's one living care plan: problems linked to their conditions, measurable
 * goals, interventions and barriers, each with an owner and a due date, and the history
 * of every change. Plans start empty, from templates kept as FHIR PlanDefinitions in the
 * repository ({@link PlanTemplates}), or from imported CarePlans and Goals adopted into
 * them ({@link ImportedPlans}). Callers decide and audit access first
 * ({@code caseload.PatientAccess}); this module records and reads.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Care plans")
package org.northstar.careplan;
