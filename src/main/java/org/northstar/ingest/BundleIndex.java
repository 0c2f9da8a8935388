package org.northstar.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass over an input learned: each entry's fullUrl, type and id, and the
 * identifiers of each resource, so that the second pass can resolve {@code urn:uuid:} and
 * conditional references to entries that come later in the same bundle.
 */
final class BundleIndex {

	/**
	 * One entry as the first pass saw it; {@code id} is null when the resource has none.
	 */
	record Entry(String fullUrl, String resourceType, String id) {
	}

	private final List<Entry> entries = new ArrayList<>();

	private final Map<String, Entry> byFullUrl = new HashMap<>();

	private final Map<String, Entry> byIdentifier = new HashMap<>();

	private String bundleType;

	private boolean bundle;

	private byte[] sha256;

	void add(Entry entry) {
		this.entries.add(entry);
		if (entry.fullUrl() != null) {
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

	Entry byFullUrl(String fullUrl) {
		return this.byFullUrl.get(fullUrl);
	}

	Entry byIdentifier(String resourceType, String system, String value) {
		return this.byIdentifier.get(identifierKey(resourceType, system, value));
	}

	private static String identifierKey(String resourceType, String system, String value) {
		return resourceType + '|' + system + '|' + value;
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
