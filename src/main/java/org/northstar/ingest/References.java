package org.northstar.ingest;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.SourceRecords;
import org.northstar.shared.RecordKey;

/**
 * Turns the references a source wrote into Northstar ids: {@code urn:uuid:} fullUrls of
 * the same bundle, relative and absolute {@code Type/id} references, and conditional
 * references such as Synthea's {@code Practitioner?identifier=system|value}, looked up in
 * the bundle first, then among what Northstar already holds.
 */
final class References {

	/** A resolved reference: the target's type and Northstar id. */
	record Target(String resourceType, UUID id) {
	}

	private final BundleIndex index;

	private final String source;

	private final SourceRecords records;

	private final Map<String, Target> conditionalCache;

	private final boolean ownRecordsOnly;

	/**
	 * @param conditionalCache conditional references already resolved against the
	 * database, shared across the bundles of one import run
	 * @param ownRecordsOnly whether a conditional reference finds only the source's own
	 * records (a system writing through the API), or, failing those, the one record any
	 * source holds (the operator's file import)
	 */
	References(BundleIndex index, String source, SourceRecords records, Map<String, Target> conditionalCache,
			boolean ownRecordsOnly) {
		this.index = index;
		this.source = source;
		this.records = records;
		this.conditionalCache = conditionalCache;
		this.ownRecordsOnly = ownRecordsOnly;
	}

	/**
	 * The key the bundle gives an entry: the resource a conditional update matched, else
	 * the resource's id, the id a {@code PUT Type/id} names, or the last part of its
	 * fullUrl; null when there is none of these.
	 */
	RecordKey keyOf(BundleIndex.Entry entry) {
		RecordKey replaced = this.index.replaced(entry);
		if (replaced != null) {
			return replaced;
		}
		if (entry.id() != null) {
			return new RecordKey(this.source, entry.resourceType(), entry.id());
		}
		String putId = putId(entry);
		if (putId != null) {
			return new RecordKey(this.source, entry.resourceType(), putId);
		}
		String fullUrl = entry.fullUrl();
		if (fullUrl == null) {
			return null;
		}
		if (fullUrl.startsWith("urn:uuid:") || fullUrl.startsWith("urn:oid:")) {
			return new RecordKey(this.source, entry.resourceType(), fullUrl.substring(fullUrl.lastIndexOf(':') + 1));
		}
		int slash = fullUrl.lastIndexOf('/');
		return slash < 0 ? null : new RecordKey(this.source, entry.resourceType(), fullUrl.substring(slash + 1));
	}

	/** The id of {@code PUT Type/id}, when the entry is one. */
	private static String putId(BundleIndex.Entry entry) {
		BundleIndex.Request request = entry.request();
		if (request == null || !"PUT".equals(request.method()) || request.url() == null
				|| request.url().contains("?")) {
			return null;
		}
		String[] parts = request.url().split("/");
		return parts.length >= 2 ? parts[parts.length - 1] : null;
	}

	/** Northstar's id for the resource an entry stands for. */
	private Target target(BundleIndex.Entry entry) {
		UUID existing = this.index.existing(entry);
		if (existing != null) {
			return new Target(entry.resourceType(), existing);
		}
		RecordKey key = keyOf(entry);
		if (key == null) {
			throw EntryProblem
				.invalid("entry " + entry.index() + " is referred to, but has neither an id nor a fullUrl");
		}
		return new Target(entry.resourceType(), key.id());
	}

	/**
	 * Resolves {@code element.reference} of a resource; null when the element is absent
	 * or contained.
	 */
	Target resolve(JsonNode resource, String element) {
		return resolveReference(resource.path(element), element);
	}

	Target resolveReference(JsonNode referenceElement, String element) {
		String reference = FhirValues.text(referenceElement, "reference");
		if (reference == null || reference.startsWith("#")) {
			return null;
		}
		BundleIndex.Entry inBundle = this.index.byFullUrl(reference);
		if (inBundle != null) {
			return target(inBundle);
		}
		if (reference.startsWith("urn:")) {
			throw EntryProblem.unresolved(element + " refers to " + reference + ", which is not in this bundle");
		}
		int query = reference.indexOf('?');
		if (query > 0) {
			return resolveConditional(reference, reference.substring(0, query), reference.substring(query + 1),
					element);
		}
		String[] parts = reference.split("/");
		int history = reference.indexOf("/_history/");
		if (history > 0) {
			parts = reference.substring(0, history).split("/");
		}
		if (parts.length < 2) {
			throw EntryProblem.invalid(element + " '" + reference + "' is not a FHIR reference (Type/id)");
		}
		String type = parts[parts.length - 2];
		return new Target(type, new RecordKey(this.source, type, parts[parts.length - 1]).id());
	}

	private Target resolveConditional(String reference, String type, String query, String element) {
		if (!query.startsWith("identifier=")) {
			throw EntryProblem.invalid(element + " '" + reference
					+ "' is a conditional reference Northstar cannot resolve: only identifier=system|value is supported");
		}
		String token = java.net.URLDecoder.decode(query.substring("identifier=".length()),
				java.nio.charset.StandardCharsets.UTF_8);
		int bar = token.indexOf('|');
		if (bar < 0) {
			throw EntryProblem.invalid(element + " '" + reference + "' must name the identifier as system|value");
		}
		String system = token.substring(0, bar);
		String value = token.substring(bar + 1);
		BundleIndex.Entry inBundle = this.index.byIdentifier(type, system, value);
		if (inBundle != null) {
			return target(inBundle);
		}
		Target cached = this.conditionalCache.get(reference);
		if (cached != null) {
			return cached;
		}
		Target found = (this.ownRecordsOnly ? this.records.findFromSourceByIdentifier(type, system, value, this.source)
				: this.records.findByIdentifier(type, system, value, this.source))
			.map(id -> new Target(type, id))
			.orElseThrow(() -> EntryProblem.unresolved(element + " '" + reference + "' matches no resource in this "
					+ "bundle or in Northstar"
					+ (this.ownRecordsOnly ? " from " + this.source + " (a system refers only to what it sent itself)"
							: "; import the bundle that holds it first (Synthea writes those as"
									+ " hospitalInformation*.json and practitionerInformation*.json)")));
		this.conditionalCache.put(reference, found);
		return found;
	}

	static Map<String, Target> newCache() {
		return new ConcurrentHashMap<>();
	}

}
