package org.northstar.documentation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parsing of the fields clients send, each refusal naming the field and what it takes.
 */
final class Fields {

	private Fields() {
	}

	static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
		String allowed = Arrays.toString(type.getEnumConstants());
		if (value == null || value.isBlank()) {
			throw new InvalidDocumentationException(field, "is required, one of " + allowed);
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDocumentationException(field, "'" + value + "' is not one of " + allowed);
		}
	}

	/** An instant with its offset: a time without one would be read in some zone. */
	static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDocumentationException(field,
					"is required, a time with its offset such as 2026-11-03T10:00:00Z");
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeException ex) {
			throw new InvalidDocumentationException(field,
					"'" + value + "' is not a time with its offset such as 2026-11-03T10:00:00Z");
		}
	}

	static LocalDate day(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDocumentationException(field, "is required, a day such as 2026-11-02");
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidDocumentationException(field, "'" + value + "' is not a day such as 2026-11-02");
		}
	}

	static String text(String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new InvalidDocumentationException(field, "is required");
		}
		if (value.length() > maxLength) {
			throw new InvalidDocumentationException(field,
					"is " + value.length() + " characters long, more than " + maxLength);
		}
		return value.strip();
	}

}
