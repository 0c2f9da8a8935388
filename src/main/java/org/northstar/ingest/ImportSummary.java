package org.northstar.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.northstar.clinical.SourceResource.Outcome;

/**
 * What an import run did.
 *
 * @param imported files whose resources were stored
 * @param skipped files already imported with the same content, left unread
 * @param resourcesByType resources in the imported files, by type
 * @param outcomes how many resources were created, updated or unchanged
 * @param failures the files refused, each with where and why
 */
public record ImportSummary(int imported, int skipped, Map<String, Long> resourcesByType, Map<Outcome, Long> outcomes,
		List<BundleRejectedException> failures, Duration elapsed) {

	public long resources() {
		return this.resourcesByType.values().stream().mapToLong(Long::longValue).sum();
	}

	public long patients() {
		return this.resourcesByType.getOrDefault("Patient", 0L);
	}

	public boolean failed() {
		return !this.failures.isEmpty();
	}

}
