package org.northstar.ingest;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition.ChildTypeEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;

/**
 * Refuses a resource that is not well-formed FHIR R4 before anything of its bundle is
 * stored, the same for files and {@code POST /fhir}: an element R4 does not define, a
 * value of the wrong JSON type, a code outside a required binding ({@code telecom.use:
 * "HOME"}), a malformed date or decimal, a contained resource without an id or a
 * reference to a contained one that is not there; and what FHIR's JSON format forbids and
 * a FHIR parser drops, so it could never be served back: {@code null}, {@code ""},
 * {@code {}}, {@code []} and control characters in strings.
 *
 * <p>
 * It walks R4's definitions (as HAPI holds them) for elements, arrays and JSON types,
 * then parses the resource with HAPI's parser and a strict error handler for codes and
 * formats, both on the tree the import already holds, so the JSON is not read twice: tens
 * of microseconds a resource, where HAPI's instance validator takes milliseconds.
 * Cardinality, invariants, profiles and terminology beyond the codes of required bindings
 * are not checked.
 */
final class ResourceValidator {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final Set<String> RESOURCE_TYPES = FHIR.getResourceTypes();

	private static final BaseRuntimeElementCompositeDefinition<?> EXTENSION = (BaseRuntimeElementCompositeDefinition<?>) FHIR
		.getElementDefinition("Extension");

	private ResourceValidator() {
	}

	/**
	 * @throws EntryProblem naming the element, as a path from the resource type
	 * ({@code Patient.telecom[0].use}), and what is wrong with it
	 */
	static void check(ObjectNode resource) {
		String type = resource.path("resourceType").asText();
		checkResource(type, resource);
		JacksonStructure structure = new JacksonStructure();
		structure.setNativeObject(resource);
		IJsonLikeParser parser = (IJsonLikeParser) FHIR.newJsonParser()
			.setParserErrorHandler(new Refusals(type, resource));
		try {
			parser.parseResource(structure);
		}
		catch (DataFormatException ex) {
			// The handler throws for every problem it is told of; what HAPI refuses
			// on its own is described by HAPI.
			throw EntryProblem.invalid(type + " is not valid FHIR R4: " + ex.getMessage());
		}
	}

	/**
	 * Checks the JSON against R4's definition of the resource: every key an element R4
	 * defines here, an array exactly where the element repeats, each primitive of its
	 * JSON type (a boolean, an integer, a number or a string), no empty or null values,
	 * no control characters. HAPI's parser would take {@code "gender": ["male"]},
	 * {@code "family": 7} or {@code "active": "true"} and serve something else than was
	 * sent.
	 */
	private static void checkResource(String path, JsonNode resource) {
		if (!resource.isObject()) {
			throw EntryProblem.invalid(path + " should be a resource (an object) but is " + kind(resource));
		}
		String type = resource.path("resourceType").asText(null);
		if (type == null || !RESOURCE_TYPES.contains(type)) {
			throw EntryProblem.invalid(path + (type == null ? " has no resourceType"
					: " is a '" + type + "', which is not an R4 resource type"));
		}
		checkElement(path, (ObjectNode) resource, FHIR.getResourceDefinition(type), true);
	}

	private static void checkElement(String path, ObjectNode element,
			BaseRuntimeElementCompositeDefinition<?> definition, boolean resource) {
		if (element.isEmpty()) {
			throw EntryProblem.invalid(path + " is an empty object: FHIR elements have a value or children");
		}
		if (!resource && element.size() == 1 && element.has("id")) {
			throw EntryProblem.invalid(path + " has only an id: FHIR elements have a value or children");
		}
		for (Iterator<Map.Entry<String, JsonNode>> fields = element.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String name = field.getKey();
			JsonNode value = field.getValue();
			String here = path + "." + name;
			if (resource && "resourceType".equals(name)) {
				continue;
			}
			if (value.isNull()) {
				throw EntryProblem.invalid(here + " is null: FHIR JSON leaves out an element with no value");
			}
			boolean primitiveExtension = name.startsWith("_");
			String elementName = primitiveExtension ? name.substring(1) : name;
			BaseRuntimeChildDefinition child = definition.getChildByName(elementName);
			if (child == null) {
				throw EntryProblem.invalid(here + " is not an element R4 defines here");
			}
			BaseRuntimeElementDefinition<?> type = "extension".equals(elementName)
					|| "modifierExtension".equals(elementName) ? EXTENSION : child.getChildByName(elementName);
			boolean repeats = child.getMax() != 1;
			if (value.isArray() != repeats) {
				throw EntryProblem.invalid(here + (repeats ? " repeats in R4, so it is an array, but is " + kind(value)
						: " is an array, but R4 allows it once"));
			}
			if (primitiveExtension) {
				checkPrimitiveExtensions(here, value, type);
				continue;
			}
			if (!repeats) {
				checkValue(here, value, type);
				continue;
			}
			if (value.isEmpty()) {
				throw EntryProblem.invalid(here + " is an empty array: FHIR JSON leaves out an element with no value");
			}
			JsonNode extensions = element.get("_" + name);
			for (int i = 0; i < value.size(); i++) {
				JsonNode item = value.get(i);
				if (item.isNull()) {
					// null holds the place of an item that has only an extension.
					if (extensions == null || !extensions.path(i).isObject()) {
						throw EntryProblem.invalid(
								here + "[" + i + "] is null, and _" + name + "[" + i + "] holds no extension for it");
					}
					continue;
				}
				checkValue(here + "[" + i + "]", item, type);
			}
		}
	}

	private static void checkValue(String path, JsonNode value, BaseRuntimeElementDefinition<?> type) {
		if (type == null) {
			return; // HAPI's parser decides
		}
		switch (type.getChildType()) {
			case PRIMITIVE_DATATYPE, ID_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG ->
				checkPrimitive(path, value, type.getImplementingClass());
			case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> {
				if (!value.isObject()) {
					throw EntryProblem.invalid(path + " should be an object but is " + kind(value));
				}
				checkElement(path, (ObjectNode) value, (BaseRuntimeElementCompositeDefinition<?>) type, false);
			}
			case RESOURCE, CONTAINED_RESOURCE_LIST, CONTAINED_RESOURCES -> checkResource(path, value);
			default -> {
				// Other kinds do not occur in R4 JSON; HAPI's parser decides.
			}
		}
	}

	private static void checkPrimitive(String path, JsonNode value, Class<?> type) {
		if (BooleanType.class.isAssignableFrom(type)) {
			if (!value.isBoolean()) {
				throw EntryProblem.invalid(path + " should be a boolean but is " + kind(value));
			}
		}
		else if (IntegerType.class.isAssignableFrom(type)) {
			if (!value.isIntegralNumber()) {
				throw EntryProblem.invalid(path + " should be an integer but is " + kind(value));
			}
		}
		else if (DecimalType.class.isAssignableFrom(type)) {
			if (!value.isNumber()) {
				throw EntryProblem.invalid(path + " should be a number but is " + kind(value));
			}
		}
		else if (!value.isTextual()) {
			throw EntryProblem.invalid(path + " should be a string but is " + kind(value));
		}
		else {
			checkText(path, value.textValue());
		}
	}

	private static void checkText(String path, String text) {
		if (text.isEmpty()) {
			throw EntryProblem.invalid(path + " is an empty string: FHIR strings have at least one character");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				throw EntryProblem.invalid(path + " contains the control character U+" + String.format("%04X", (int) c)
						+ ", which FHIR strings may not");
			}
		}
	}

	/**
	 * {@code _element}: the id and extensions of a primitive, one per item if it repeats.
	 */
	private static void checkPrimitiveExtensions(String path, JsonNode value, BaseRuntimeElementDefinition<?> type) {
		if (type == null || type.getChildType() != ChildTypeEnum.PRIMITIVE_DATATYPE
				&& type.getChildType() != ChildTypeEnum.ID_DATATYPE) {
			throw EntryProblem.invalid(
					path + " extends a primitive, but " + path.substring(path.lastIndexOf('_') + 1) + " is not one");
		}
		if (value.isObject()) {
			checkPrimitiveElement(path, (ObjectNode) value);
			return;
		}
		if (value.isEmpty()) {
			throw EntryProblem.invalid(path + " is an empty array: FHIR JSON leaves out an element with no value");
		}
		for (int i = 0; i < value.size(); i++) {
			JsonNode item = value.get(i);
			if (item.isObject()) {
				checkPrimitiveElement(path + "[" + i + "]", (ObjectNode) item);
			}
			else if (!item.isNull()) {
				throw EntryProblem.invalid(path + "[" + i + "] should be an object or null but is " + kind(item));
			}
		}
	}

	/** What {@code _element} of a primitive holds: an id and extensions. */
	private static void checkPrimitiveElement(String path, ObjectNode element) {
		if (element.isEmpty() || !element.has("extension")) {
			throw EntryProblem.invalid(path + " has no extension: FHIR elements have a value or children");
		}
		for (Iterator<Map.Entry<String, JsonNode>> fields = element.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String here = path + "." + field.getKey();
			JsonNode value = field.getValue();
			if ("id".equals(field.getKey())) {
				checkPrimitive(here, value, String.class);
			}
			else if ("extension".equals(field.getKey())) {
				if (!value.isArray() || value.isEmpty()) {
					throw EntryProblem.invalid(here + " should be an array of extensions but is " + kind(value));
				}
				for (int i = 0; i < value.size(); i++) {
					checkValue(here + "[" + i + "]", value.get(i), EXTENSION);
				}
			}
			else {
				throw EntryProblem.invalid(here + " is not an element R4 defines here");
			}
		}
	}

	private static String kind(JsonNode value) {
		if (value.isTextual()) {
			return "a string";
		}
		if (value.isBoolean()) {
			return "a boolean";
		}
		if (value.isNumber()) {
			return "a number";
		}
		if (value.isArray()) {
			return "an array";
		}
		if (value.isObject()) {
			return "an object";
		}
		return "null";
	}

	/**
	 * Turns each problem HAPI's parser reports into an {@link EntryProblem} that names
	 * where it is. HAPI names only the element, so the path is that of the first element
	 * of that name (and value) in the resource.
	 */
	private record Refusals(String type, JsonNode resource) implements IParserErrorHandler {

		@Override
		public void unknownElement(IParseLocation location, String name) {
			throw problem(name, null, "is not an element R4 defines here");
		}

		@Override
		public void unknownAttribute(IParseLocation location, String name) {
			throw problem(name, null, "is not an attribute R4 defines here");
		}

		@Override
		public void unexpectedRepeatingElement(IParseLocation location, String name) {
			throw problem(name, null, "repeats, but R4 allows it once");
		}

		@Override
		public void incorrectJsonType(IParseLocation location, String name, BaseJsonLikeValue.ValueType expected,
				BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
				BaseJsonLikeValue.ScalarType foundScalar) {
			throw problem(name, null,
					"should be " + describe(expected, expectedScalar) + " but is " + describe(found, foundScalar));
		}

		@Override
		public void invalidValue(IParseLocation location, String value, String error) {
			String name = location == null ? null : location.getParentElementName();
			throw problem(name, value, "'" + value + "' is not valid: " + error);
		}

		@Override
		public void missingRequiredElement(IParseLocation location, String name) {
			throw problem(name, null, "is required");
		}

		@Override
		public void containedResourceWithNoId(IParseLocation location) {
			throw problem("contained", null, "holds a resource without an id, which nothing can refer to");
		}

		@Override
		public void unknownReference(IParseLocation location, String reference) {
			throw problem("reference", reference, "'" + reference + "' names no contained resource");
		}

		@Override
		public void invalidInternalReference(IParseLocation location, String reference) {
			throw problem("reference", reference,
					"'" + reference + "' is not a valid reference to a contained resource");
		}

		@Override
		public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
			throw problem("extension", null, "has both a value and extensions, which R4 forbids");
		}

		private EntryProblem problem(String name, String value, String what) {
			String path = name == null ? null : find(this.type, this.resource, (key, node) -> key.equals(name)
					&& (value == null || (node.isValueNode() && value.equals(node.asText()))));
			return EntryProblem
				.invalid((path != null ? path : this.type + (name == null ? "" : " element " + name)) + " " + what);
		}

		private static String describe(BaseJsonLikeValue.ValueType type, BaseJsonLikeValue.ScalarType scalar) {
			if (type == null) {
				return "absent";
			}
			return switch (type) {
				case ARRAY -> "an array";
				case OBJECT -> "an object";
				case NULL -> "null";
				case SCALAR -> scalar == null ? "a primitive" : "a " + scalar.name().toLowerCase(java.util.Locale.ROOT);
			};
		}

	}

	/** The path of the first field, depth first, that matches. */
	private static String find(String path, JsonNode node, BiPredicate<String, JsonNode> matches) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				String here = path + "." + field.getKey();
				if (matches.test(field.getKey(), field.getValue())) {
					return here;
				}
				if (field.getValue().isArray()) {
					for (int i = 0; i < field.getValue().size(); i++) {
						JsonNode item = field.getValue().get(i);
						if (matches.test(field.getKey(), item)) {
							return here + "[" + i + "]";
						}
						String inside = find(here + "[" + i + "]", item, matches);
						if (inside != null) {
							return inside;
						}
					}
				}
				else {
					String inside = find(here, field.getValue(), matches);
					if (inside != null) {
						return inside;
					}
				}
			}
		}
		return null;
	}

}
