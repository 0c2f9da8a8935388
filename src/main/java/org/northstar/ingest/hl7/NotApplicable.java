package org.northstar.ingest.hl7;

/**
 * A well-formed message that cannot be applied as it stands: answered AE, kept as a dead
 * letter until someone fixes the cause and reprocesses it.
 */
final class NotApplicable extends RuntimeException {

	private final Hl7Error error;

	NotApplicable(Hl7Error error) {
		super(error.text(), null, false, false);
		this.error = error;
	}

	Hl7Error error() {
		return this.error;
	}

}
