/**
 * The JSON API under {@code /api}, for what FHIR does not cover: today the HL7 v2 message
 * log and its dead letters. An edge: it calls module APIs, and nothing depends on it.
 * Bearer tokens only; see {@code security}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "JSON API")
package org.northstar.api;
