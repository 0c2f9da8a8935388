package org.northstar.clinical;

import java.time.Instant;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * A resource as Northstar holds it: exactly as its source sent it, with where and when it
 * came from.
 *
 * @param id Northstar's id
 * @param sourceId the id the source gave it
 * @param patient whose record it belongs to; null for practitioners, organizations...
 * @param json the resource as received: its id and references are the source's
 */
public record StoredResource(UUID id, String resourceType, String source, String sourceId, PatientId patient,
		String json, Instant receivedAt) {

}
