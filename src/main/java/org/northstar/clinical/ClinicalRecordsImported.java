package org.northstar.clinical;

import java.util.Objects;
import java.util.Set;

import org.northstar.shared.PatientId;

/**
 * Resources of these patient records were added or changed by one import (a file or a
 * {@code POST /fhir}): one event per bundle, published inside the transaction that stored
 * it, so that what depends on the clinical record (risk scores) is brought up to date
 * after the commit. Declared here because its publisher, {@code ingest}, is an edge.
 *
 * <p>
 * As with {@link EncounterRecorded}, listeners run after the commit in transactions of
 * their own, may run again for the same event, and must read the current record rather
 * than rely on the event's order.
 *
 * @param patients the patient records with a resource created or changed; never empty
 */
public record ClinicalRecordsImported(Set<PatientId> patients) {

	public ClinicalRecordsImported {
		Objects.requireNonNull(patients, "patients");
		patients = Set.copyOf(patients);
	}

}
