package org.northstar.ingest;

/**
 * What is wrong with one resource, raised while mapping it; the bundle reader adds the
 * input and the entry before it leaves the module as a {@link BundleRejectedException}.
 */
final class EntryProblem extends RuntimeException {

	private final boolean unresolvedReference;

	private EntryProblem(String message, boolean unresolvedReference) {
		super(message, null, false, false);
		this.unresolvedReference = unresolvedReference;
	}

	static EntryProblem invalid(String message) {
		return new EntryProblem(message, false);
	}

	static EntryProblem unresolved(String message) {
		return new EntryProblem(message, true);
	}

	boolean unresolvedReference() {
		return this.unresolvedReference;
	}

}
