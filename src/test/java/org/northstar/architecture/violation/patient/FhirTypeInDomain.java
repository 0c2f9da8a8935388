package org.northstar.architecture.violation.patient;

/** Deliberately breaks the wire-format rule, so the rule's test can see it fail. */
class FhirTypeInDomain {

	org.hl7.fhir.r4.model.Patient patient;

}
