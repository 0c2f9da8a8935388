/**
 * The FHIR R4 façade at {@code /fhir}: a HAPI FHIR plain server over the modules' APIs.
 * An edge: it translates between FHIR and the modules, and nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "FHIR API")
package org.northstar.fhirapi;
