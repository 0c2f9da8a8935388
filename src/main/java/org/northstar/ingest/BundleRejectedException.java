package org.northstar.ingest;

/**
 * A bundle, or an entry of it, that cannot be taken in; nothing of the bundle was kept.
 * The message names the input, the entry (index and fullUrl) and what is wrong with it.
 */
public class BundleRejectedException extends RuntimeException {

	private final String input;

	private final Integer entryIndex;

	private final String fullUrl;

	private final String reason;

	private final boolean unresolvedReference;

	BundleRejectedException(String input, Integer entryIndex, String fullUrl, String reason,
			boolean unresolvedReference, Throwable cause) {
		super(describe(input, entryIndex, fullUrl, reason), cause);
		this.input = input;
		this.entryIndex = entryIndex;
		this.fullUrl = fullUrl;
		this.reason = reason;
		this.unresolvedReference = unresolvedReference;
	}

	private static String describe(String input, Integer entryIndex, String fullUrl, String reason) {
		StringBuilder text = new StringBuilder(input);
		if (entryIndex != null) {
			text.append(": entry ").append(entryIndex);
			if (fullUrl != null) {
				text.append(" (").append(fullUrl).append(')');
			}
		}
		return text.append(": ").append(reason).toString();
	}

	public String input() {
		return this.input;
	}

	/**
	 * The zero-based index of the entry at fault, or {@code null} when the whole input
	 * is.
	 */
	public Integer entryIndex() {
		return this.entryIndex;
	}

	public String fullUrl() {
		return this.fullUrl;
	}

	public String reason() {
		return this.reason;
	}

	/** Whether importing other bundles first might let this one through. */
	boolean unresolvedReference() {
		return this.unresolvedReference;
	}

}
