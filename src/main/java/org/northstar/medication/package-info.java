/**
 * The person's medicines: one reconciled list from every source's orders, statements,
 * dispenses and pharmacy claims, grouped by what the medicine is (RxNorm concept, or the
 * same ingredients and strength, from a curated table shipped with Northstar); flags a
 * coordinator should look at; the coordinator's signed reconciliation; each medicine's
 * history and the patient's explanation of a change; adherence as the proportion of days
 * covered (PQA). Reads the resources as their sources sent them through {@code clinical},
 * as JSON: FHIR model types stay in {@code ingest} and {@code fhirapi}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Medicines")
package org.northstar.medication;
