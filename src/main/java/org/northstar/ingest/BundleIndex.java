package org.northstar.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.northstar.shared.RecordKey;

/**
 * What the first pass over an input learned: each entry's fullUrl, type, id and request,
 * and the identifiers of each resource, so that the second pass can resolve
 * {@code urn:uuid:} and conditional references to entries that come later in the same
 * bundle. Conditional requests resolved against the database before the second pass are
 * kept here too.
 */
final class BundleIndex {

	/**
	 * One entry as the first pass saw it. {@code id} is null when the resource has none;
	 * {@code resourceType} is null for an entry without a resource (a {@code GET}).
	 * {@code request} is null when the entry has none (files, collections).
	 */
	record Entry(int index, String fullUrl, String resourceType, String id, Request request) {

		boolean hasResource() {
			return this.resourceType != null;
		}

		/** A {@code GET} (or {@code HEAD}) entry: a read, answered by the API. */
		boolean isRead() {
			return this.request != null && this.request.isRead();
		}

	}

	/**
	 * {@code Bundle.entry.request}: what the sender asks to be done with the entry.
	 *
	 * @param method upper case ({@code POST}, {@code PUT}, {@code PATCH}, {@code GET}...)
	 */
	record Request(String method, String url, String ifNoneExist) {

		Request {
			method = method == null ? null : method.toUpperCase(Locale.ROOT);
		}

		boolean isRead() {
			return "GET".equals(this.method) || "HEAD".equals(this.method);
		}

		/** {@code PUT Type?identifier=...}: update the one resource that matches. */
		boolean isConditionalUpdate() {
			return "PUT".equals(this.method) && this.url != null && this.url.contains("?");
		}

		/** {@code POST} with {@code ifNoneExist}: create unless a match exists. */
		boolean isConditionalCreate() {
			return "POST".equals(this.method) && this.ifNoneExist != null && !this.ifNoneExist.isBlank();
		}

	}

	private final List<Entry> entries = new ArrayList<>();

	private final Map<String, Entry> byFullUrl = new HashMap<>();

	private final Map<String, Entry> byIdentifier = new HashMap<>();

	/** Conditional updates that matched: the entry replaces the resource it matched. */
	private final Map<Integer, RecordKey> replaces = new HashMap<>();

	/**
	 * Conditional creates that matched: nothing is stored, and references to the entry
	 * mean the resource that exists.
	 */
	private final Map<Integer, UUID> existing = new HashMap<>();

	private String bundleType;

	private boolean bundle;

	private byte[] sha256;

	void add(Entry entry) {
		this.entries.add(entry);
		if (entry.fullUrl() != null && entry.hasResource()) {
			this.byFullUrl.putIfAbsent(entry.fullUrl(), entry);
		}
	}

	void addIdentifier(Entry entry, String system, String value) {
		this.byIdentifier.putIfAbsent(identifierKey(entry.resourceType(), system, value), entry);
	}

	List<Entry> entries() {
		return this.entries;
	}

	Entry entry(int index) {
		return this.entries.get(index);
	}

	/** The entries that carry a resource to store. */
	long resourceCount() {
		return this.entries.stream().filter(Entry::hasResource).count();
	}

	Entry byFullUrl(String fullUrl) {
		return this.byFullUrl.get(fullUrl);
	}

	Entry byIdentifier(String resourceType, String system, String value) {
		return this.byIdentifier.get(identifierKey(resourceType, system, value));
	}

	private static String identifierKey(String resourceType, String system, String value) {
		return resourceType + '|' + system + '|' + value;
	}

	/** Forgets what conditional requests resolved to, before they are resolved again. */
	void clearResolutions() {
		this.replaces.clear();
		this.existing.clear();
	}

	void replaces(Entry entry, RecordKey key) {
		this.replaces.put(entry.index(), key);
	}

	/** The stored resource a conditional update replaces; null when it creates. */
	RecordKey replaced(Entry entry) {
		return this.replaces.get(entry.index());
	}

	void exists(Entry entry, UUID id) {
		this.existing.put(entry.index(), id);
	}

	/** The resource a conditional create found instead of creating one; null if none. */
	UUID existing(Entry entry) {
		return this.existing.get(entry.index());
	}

	boolean isBundle() {
		return this.bundle;
	}

	void markBundle(String type) {
		this.bundle = true;
		this.bundleType = type;
	}

	/**
	 * {@code transaction}, {@code batch}, {@code collection}...; null when the input is
	 * not a bundle.
	 */
	String bundleType() {
		return this.bundleType;
	}

	byte[] sha256() {
		return this.sha256;
	}

	void sha256(byte[] digest) {
		this.sha256 = digest;
	}

}
