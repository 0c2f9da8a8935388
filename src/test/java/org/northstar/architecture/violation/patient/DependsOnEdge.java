package org.northstar.architecture.violation.patient;

import org.northstar.architecture.violation.fhirapi.SomeProvider;

/** Deliberately depends on an edge, so the rule's test can see it fail. */
class DependsOnEdge {

	SomeProvider provider;

}
