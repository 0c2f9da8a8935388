/**
 * How records get in: FHIR bundles from files ({@code northstar import}) and from
 * {@code POST /fhir}; later HL7 v2 ADT over MLLP. Ingest is the one place that maps wire
 * formats onto the modules' APIs; it keeps each bundle all-or-nothing, makes re-imports
 * change nothing, and records every refusal with the file, the entry and the reason.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest")
package org.northstar.ingest;
