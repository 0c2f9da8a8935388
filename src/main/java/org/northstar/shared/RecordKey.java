package org.northstar.shared;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a record came from: the source system, the FHIR resource type and the id that
 * source gave it. Northstar's own id is derived from the three, so the same record from
 * the same source always maps to the same row, and records from different sources never
 * collide.
 */
public record RecordKey(String source, String resourceType, String sourceId) {

	public RecordKey {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(sourceId, "sourceId");
	}

	public UUID id() {
		return UUID.nameUUIDFromBytes((this.source + '\u0000' + this.resourceType + '\u0000' + this.sourceId)
			.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return this.resourceType + "/" + this.sourceId + " from " + this.source;
	}

}
