package org.northstar.worklist;

import java.util.Locale;

/** How soon a task must be done, as FHIR Task.priority (request-priority) says it. */
public enum TaskPriority {

	ROUTINE, URGENT, ASAP, STAT;

	/** The FHIR code, and the label on the pages: routine, urgent, asap, stat. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The priority a name or FHIR code stands for.
	 * @throws IllegalArgumentException naming the priorities there are
	 */
	public static TaskPriority of(String name) {
		try {
			return valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("A task's priority is routine, urgent, asap or stat, not " + name);
		}
	}

}
