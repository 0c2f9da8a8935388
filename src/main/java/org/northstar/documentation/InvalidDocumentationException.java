package org.northstar.documentation;

/**
 * Documentation that was refused as sent, naming the field that was wrong. Nothing of it
 * was recorded.
 */
public class InvalidDocumentationException extends RuntimeException {

	private final String field;

	public InvalidDocumentationException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/** The field as the JSON API names it, e.g. {@code minutes}. */
	public String field() {
		return this.field;
	}

}
