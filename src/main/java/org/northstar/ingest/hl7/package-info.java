/**
 * HL7 v2 ADT over MLLP: the listener, the durable inbox every message is kept in before
 * it is acknowledged, and the mapping of ADT events onto patients and encounters.
 * {@link org.northstar.ingest.hl7.Hl7Inbox} is the API the admin endpoints use; HAPI HL7
 * v2 types never leave this package. The interface is specified in
 * {@code docs/hl7-interface.md}.
 */
@org.springframework.modulith.NamedInterface("hl7")
package org.northstar.ingest.hl7;
