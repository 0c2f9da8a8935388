package org.northstar.architecture.violation.fhirapi;

/** Stands for an edge class in the rule tests. */
public class SomeProvider {

}
