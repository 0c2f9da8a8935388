package org.northstar.web;

/**
 * The user may not see or change this section of the patient page: answered by
 * {@link ErrorPages} with the section's own fragment saying so, in place, and a 403.
 */
class SectionRefusedException extends RuntimeException {

	private final String fragment;

	/**
	 * @param fragment the section's template fragment, which reads {@code refused}
	 */
	SectionRefusedException(String fragment) {
		super("Refused: " + fragment);
		this.fragment = fragment;
	}

	String fragment() {
		return this.fragment;
	}

}
