package org.northstar.clinical;

import java.util.List;
import java.util.UUID;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * One resource exactly as a source sent it.
 *
 * @param key where it came from; its {@link RecordKey#id()} is Northstar's id for it
 * @param patient the patient whose record it belongs to, if any
 * @param json the resource as received
 * @param hash a digest of {@code json}: the same hash means nothing changed
 * @param identifiers the identifiers the source gave it, kept searchable
 * @param fact its normalised form, for the types features query; {@code null} otherwise
 * @param medicationUses the medicines it names, for a medication resource or a pharmacy
 * claim of a patient; empty otherwise
 */
public record SourceResource(RecordKey key, PatientId patient, String json, byte[] hash, List<Identifier> identifiers,
		ClinicalFact fact, List<MedicationUse> medicationUses) {

	public SourceResource {
		identifiers = List.copyOf(identifiers);
		medicationUses = List.copyOf(medicationUses);
	}

	public UUID id() {
		return this.key.id();
	}

	public record Identifier(String system, String value) {
	}

	/** What storing a resource did. */
	public enum Outcome {

		CREATED, UPDATED, UNCHANGED

	}

}
