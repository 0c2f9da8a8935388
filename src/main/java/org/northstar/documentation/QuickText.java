package org.northstar.documentation;

import java.time.Instant;

import org.northstar.documentation.Interaction.Activity;

/**
 * Reusable words for notes, kept per program: a phrase is inserted where the cursor is, a
 * template is the skeleton of a whole note.
 */
public record QuickText(long id, Activity program, Kind kind, String title, String body, String createdBy,
		Instant createdAt) {

	public enum Kind {

		PHRASE, TEMPLATE

	}

}
