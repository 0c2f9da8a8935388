package org.northstar.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.shared.PatientId;

/**
 * What importing one bundle did.
 *
 * @param bundleType the Bundle's type, or null for NDJSON and single resources
 * @param resourcesByType how many resources of each type the bundle held
 * @param entries one per entry of the bundle, in its order; empty unless asked for
 * @param patientsTouched the patients whose records the bundle wrote to
 * @param skipped the same content was imported before, so nothing was read
 */
public record BundleOutcome(String bundleType, Map<String, Integer> resourcesByType, Map<Outcome, Integer> outcomes,
		List<Entry> entries, Set<PatientId> patientsTouched, boolean skipped) {

	public int resources() {
		return this.resourcesByType.values().stream().mapToInt(Integer::intValue).sum();
	}

	public int patients() {
		return this.resourcesByType.getOrDefault("Patient", 0);
	}

	/**
	 * One entry: its type, Northstar's id for it, and what storing it did; or, for a
	 * {@code GET} entry, only the URL it reads, which the API answers.
	 *
	 * @param outcome {@code UNCHANGED} also when a conditional create found the resource
	 * already there
	 */
	public record Entry(String resourceType, UUID id, Outcome outcome, String read) {

		static Entry read(String url) {
			return new Entry(null, null, null, url);
		}

		static Entry stored(String resourceType, UUID id, Outcome outcome) {
			return new Entry(resourceType, id, outcome, null);
		}

		public boolean isRead() {
			return this.read != null;
		}

	}

}
