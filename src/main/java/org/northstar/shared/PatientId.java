package org.northstar.shared;

import java.util.Objects;
import java.util.UUID;

/** Northstar's own identifier of a patient record. */
public record PatientId(UUID value) {

	public PatientId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
