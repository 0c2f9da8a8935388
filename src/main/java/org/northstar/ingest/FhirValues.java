package org.northstar.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.ClinicalFact.Code;

/**
 * Reading FHIR JSON primitives and common datatypes. A value of the wrong shape is an
 * {@link EntryProblem} naming the element, never a silent null.
 */
final class FhirValues {

	private FhirValues() {
	}

	static String text(JsonNode node, String path) {
		JsonNode value = node.path(path);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw EntryProblem.invalid(path + " should be a primitive value but is " + value.getNodeType());
		}
		return value.asText();
	}

	/**
	 * A FHIR date, dateTime or instant; partial dates stand for their first moment, in
	 * UTC.
	 */
	static Instant instant(JsonNode node, String element) {
		String value = text(node, element);
		if (value == null) {
			return null;
		}
		try {
			return switch (value.length()) {
				case 4 -> LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
				case 7 -> YearMonth.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
				case 10 -> LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
				default -> OffsetDateTime.parse(value).toInstant();
			};
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw EntryProblem.invalid(element + " '" + value + "' is not a valid FHIR date or dateTime");
		}
	}

	static LocalDate date(JsonNode node, String element) {
		String value = text(node, element);
		if (value == null) {
			return null;
		}
		try {
			return switch (value.length()) {
				case 4 -> LocalDate.of(Integer.parseInt(value), 1, 1);
				case 7 -> YearMonth.parse(value).atDay(1);
				default -> LocalDate.parse(value);
			};
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw EntryProblem.invalid(element + " '" + value + "' is not a valid FHIR date");
		}
	}

	static BigDecimal decimal(JsonNode node, String element) {
		JsonNode value = node.path(element);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw EntryProblem.invalid(element + " should be a JSON number but is '" + value.asText() + "'");
		}
		return value.decimalValue();
	}

	/**
	 * The first coding of a CodeableConcept, with the concept's text as the fallback
	 * display.
	 */
	static Code code(JsonNode concept) {
		if (concept == null || concept.isMissingNode() || concept.isNull()) {
			return Code.NONE;
		}
		JsonNode coding = concept.path("coding").path(0);
		String display = text(coding, "display");
		return new Code(text(coding, "system"), text(coding, "code"),
				display != null ? display : text(concept, "text"));
	}

	/**
	 * The first code of a CodeableConcept ({@code clinicalStatus}, {@code category}...).
	 */
	static String firstCode(JsonNode concept) {
		return code(concept).code();
	}

	/**
	 * The words a person reads for a CodeableConcept: its text, or its first coding's
	 * display.
	 */
	static String words(JsonNode concept) {
		if (concept == null || concept.isMissingNode()) {
			return null;
		}
		String text = text(concept, "text");
		return text != null ? text : code(concept).display();
	}

}
