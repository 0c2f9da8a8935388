package org.northstar.ingest;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildPrimitiveEnumerationDatatypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.EnumFactory;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Refuses a resource that is not well-formed FHIR R4 before anything of its bundle is
 * stored, the same for files and {@code POST /fhir}: an element R4 does not define there,
 * a single value where R4 repeats the element or an array where it does not, a primitive
 * of the wrong JSON type ({@code "family": 7}, {@code "value": "0.40"}), a code outside a
 * required binding ({@code telecom.use: "HOME"}), a malformed date, decimal, base64 or
 * XHTML, a contained resource without an id or a reference to a contained one that is not
 * there, an extension with both a value and extensions; and what FHIR's JSON format
 * forbids, which a FHIR parser drops, so it could never be served back: {@code null},
 * {@code ""}, {@code {}}, {@code []} and control characters.
 *
 * <p>
 * It walks the tree the import already holds along R4's definitions as HAPI holds them,
 * and reads each primitive that HAPI's type for it would judge (codes of required
 * bindings, dates and times, narratives) with that type, so a value is judged as HAPI's
 * parser judges it when the resource is served. HAPI's parser itself, with a strict error
 * handler, would take {@code "gender": ["male"]} or {@code "family": 7} without a word,
 * and builds the whole model, which costs several times as much. Cardinality, invariants,
 * profiles and terminology beyond the codes of required bindings are not checked.
 */
final class ResourceValidator {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final Set<String> RESOURCE_TYPES = FHIR.getResourceTypes();

	private static final BaseRuntimeElementCompositeDefinition<?> EXTENSION = (BaseRuntimeElementCompositeDefinition<?>) FHIR
		.getElementDefinition("Extension");

	/**
	 * The codes of each required binding. HAPI looks its factory up by class name on
	 * every call.
	 */
	private static final Map<BaseRuntimeChildDefinition, EnumFactory<?>> ENUMERATIONS = new ConcurrentHashMap<>();

	/** The resource being checked, to name where a problem is. */
	private final ObjectNode root;

	/** The ids of the resource's contained resources, which {@code #id} may name. */
	private final Set<String> contained = new HashSet<>();

	private ResourceValidator(ObjectNode root) {
		this.root = root;
	}

	/**
	 * @throws EntryProblem naming the element, as a path from the resource type
	 * ({@code Patient.telecom[0].use}), and what is wrong with it
	 */
	static void check(ObjectNode resource) {
		ResourceValidator validator = new ResourceValidator(resource);
		try {
			validator.containedIds(resource);
			validator.resource(resource);
		}
		catch (Problem problem) {
			throw EntryProblem.invalid(problem.describe(resource));
		}
	}

	private void containedIds(ObjectNode resource) {
		JsonNode contained = resource.get("contained");
		if (contained == null || !contained.isArray()) {
			return;
		}
		for (int i = 0; i < contained.size(); i++) {
			JsonNode id = contained.get(i).get("id");
			if (id == null || !id.isTextual()) {
				throw new Problem(contained, null, i, "holds a resource without an id, which nothing can refer to");
			}
			this.contained.add(id.textValue());
		}
	}

	private void resource(ObjectNode resource) {
		JsonNode type = resource.get("resourceType");
		if (type == null || !type.isTextual() || !RESOURCE_TYPES.contains(type.textValue())) {
			throw new Problem(resource, "resourceType", -1,
					type == null ? "is missing" : "'" + type.asText() + "' is not an R4 resource type");
		}
		element(resource, FHIR.getResourceDefinition(type.textValue()), true);
	}

	private void element(ObjectNode element, BaseRuntimeElementCompositeDefinition<?> definition, boolean resource) {
		if (element.isEmpty()) {
			throw new Problem(element, null, -1, "is an empty object: FHIR elements have a value or children");
		}
		if (!resource && element.size() == 1 && element.has("id")) {
			throw new Problem(element, null, -1, "has only an id: FHIR elements have a value or children");
		}
		boolean hasValue = false;
		for (Iterator<Map.Entry<String, JsonNode>> fields = element.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (resource && "resourceType".equals(name)) {
				continue;
			}
			if (value.isNull()) {
				throw new Problem(element, name, -1, "is null: FHIR JSON leaves out an element with no value");
			}
			boolean primitiveElement = name.charAt(0) == '_';
			String elementName = primitiveElement ? name.substring(1) : name;
			BaseRuntimeChildDefinition child = definition.getChildByName(elementName);
			if (child == null) {
				throw new Problem(element, name, -1, "is not an element R4 defines here");
			}
			boolean extension = "extension".equals(elementName) || "modifierExtension".equals(elementName);
			BaseRuntimeElementDefinition<?> type = extension ? EXTENSION : child.getChildByName(elementName);
			hasValue |= definition == EXTENSION && elementName.startsWith("value");
			boolean repeats = child.getMax() != 1;
			if (value.isArray() != repeats) {
				throw new Problem(element, name, -1, repeats ? "repeats in R4, so it is an array, but is " + kind(value)
						: "is an array, but R4 allows it once");
			}
			if (primitiveElement) {
				primitiveElements(element, name, value, type);
			}
			else if (!repeats) {
				value(element, name, -1, value, child, type);
			}
			else {
				if (value.isEmpty()) {
					throw new Problem(element, name, -1,
							"is an empty array: FHIR JSON leaves out an element with no value");
				}
				for (int i = 0; i < value.size(); i++) {
					JsonNode item = value.get(i);
					if (!item.isNull()) {
						value(value, name, i, item, child, type);
					}
					else if (!element.path("_" + name).path(i).isObject()) {
						// null holds the place of an item that has only an extension.
						throw new Problem(value, name, i, "is null, and _" + name + " holds no extension for it");
					}
				}
			}
		}
		if (hasValue && element.has("extension")) {
			throw new Problem(element, null, -1, "has both a value and extensions, which R4 forbids");
		}
	}

	private void value(JsonNode container, String name, int index, JsonNode value, BaseRuntimeChildDefinition child,
			BaseRuntimeElementDefinition<?> type) {
		if (type == null) {
			throw new Problem(container, name, index, "is of no type R4 defines here");
		}
		switch (type.getChildType()) {
			case PRIMITIVE_DATATYPE, ID_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG -> {
				primitive(container, name, index, value, child, type);
				if ("reference".equals(name) && value.textValue().startsWith("#")) {
					String id = value.textValue().substring(1);
					if (!id.isEmpty() && !this.contained.contains(id)) {
						throw new Problem(container, name, index,
								"'" + value.textValue() + "' names no contained resource");
					}
				}
			}
			case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> {
				if (!value.isObject()) {
					throw new Problem(container, name, index, "should be an object but is " + kind(value));
				}
				element((ObjectNode) value, (BaseRuntimeElementCompositeDefinition<?>) type, false);
			}
			case RESOURCE, CONTAINED_RESOURCE_LIST, CONTAINED_RESOURCES -> {
				if (!value.isObject()) {
					throw new Problem(container, name, index, "should be a resource but is " + kind(value));
				}
				resource((ObjectNode) value);
			}
			default -> throw new Problem(container, name, index, "is of a kind R4 JSON does not hold");
		}
	}

	/**
	 * A primitive has its JSON type, and what HAPI's type for it would refuse is refused:
	 * a code outside its required binding, a malformed date, time or narrative, an
	 * integer out of range. The other types (strings, codes of other bindings, URIs, ids,
	 * base64) take any text, and are not built, which would cost more than all the rest.
	 */
	private static void primitive(JsonNode container, String name, int index, JsonNode value,
			BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> type) {
		Class<?> implementation = type.getImplementingClass();
		if (BooleanType.class.isAssignableFrom(implementation)) {
			if (!value.isBoolean()) {
				throw new Problem(container, name, index, "should be a boolean but is " + kind(value));
			}
			return;
		}
		if (IntegerType.class.isAssignableFrom(implementation)) {
			if (!value.isIntegralNumber()) {
				throw new Problem(container, name, index, "should be an integer but is " + kind(value));
			}
			if (!value.canConvertToInt()) {
				throw new Problem(container, name, index, value.asText() + " is out of the range of an R4 integer");
			}
			return;
		}
		if (DecimalType.class.isAssignableFrom(implementation)) {
			if (!value.isNumber()) {
				throw new Problem(container, name, index, "should be a number but is " + kind(value));
			}
			return;
		}
		if (!value.isTextual()) {
			throw new Problem(container, name, index, "should be a string but is " + kind(value));
		}
		String text = value.textValue();
		text(container, name, index, text);
		try {
			if (child instanceof RuntimeChildPrimitiveEnumerationDatatypeDefinition enumerated) {
				ENUMERATIONS.computeIfAbsent(enumerated, e -> (EnumFactory<?>) e.getInstanceConstructorArguments())
					.fromCode(text);
			}
			else if (BaseDateTimeType.class.isAssignableFrom(implementation)
					|| XhtmlNode.class.isAssignableFrom(implementation)) {
				((IPrimitiveType<?>) type.newInstance()).setValueAsString(text);
			}
		}
		catch (RuntimeException ex) {
			String reason = ex.getCause() != null && ex.getMessage() != null && ex.getMessage().contains("Exception:")
					? ex.getCause().getMessage() : ex.getMessage();
			throw new Problem(container, name, index, "'" + text + "' is not valid: " + reason);
		}
	}

	private static void text(JsonNode container, String name, int index, String text) {
		if (text.isEmpty()) {
			throw new Problem(container, name, index, "is an empty string: FHIR strings have at least one character");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				throw new Problem(container, name, index, "contains the control character U+"
						+ String.format("%04X", (int) c) + ", which FHIR strings may not");
			}
		}
	}

	/**
	 * {@code _element}: the id and extensions of a primitive, one per item (or null) if
	 * it repeats.
	 */
	private void primitiveElements(ObjectNode element, String name, JsonNode value,
			BaseRuntimeElementDefinition<?> type) {
		if (type == null || !(type.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.PRIMITIVE_DATATYPE
				|| type.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.ID_DATATYPE)) {
			throw new Problem(element, name, -1, "extends a primitive, but " + name.substring(1) + " is not one");
		}
		if (value.isObject()) {
			primitiveElement(element, name, -1, (ObjectNode) value);
			return;
		}
		if (value.isEmpty()) {
			throw new Problem(element, name, -1, "is an empty array: FHIR JSON leaves out an element with no value");
		}
		for (int i = 0; i < value.size(); i++) {
			JsonNode item = value.get(i);
			if (item.isObject()) {
				primitiveElement(value, name, i, (ObjectNode) item);
			}
			else if (!item.isNull()) {
				throw new Problem(value, name, i, "should be an object or null but is " + kind(item));
			}
		}
	}

	private void primitiveElement(JsonNode container, String name, int index, ObjectNode element) {
		if (!element.has("extension")) {
			throw new Problem(container, name, index, "has no extension: FHIR elements have a value or children");
		}
		for (Iterator<Map.Entry<String, JsonNode>> fields = element.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode value = field.getValue();
			if ("id".equals(field.getKey())) {
				if (!value.isTextual()) {
					throw new Problem(element, "id", -1, "should be a string but is " + kind(value));
				}
				text(element, "id", -1, value.textValue());
			}
			else if ("extension".equals(field.getKey())) {
				if (!value.isArray() || value.isEmpty()) {
					throw new Problem(element, "extension", -1,
							"should be an array of extensions but is " + kind(value));
				}
				for (int i = 0; i < value.size(); i++) {
					JsonNode extension = value.get(i);
					if (!extension.isObject()) {
						throw new Problem(value, "extension", i, "should be an object but is " + kind(extension));
					}
					element((ObjectNode) extension, EXTENSION, false);
				}
			}
			else {
				throw new Problem(element, field.getKey(), -1, "is not an element R4 defines here");
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
	 * What is wrong and where: the node holding the element, its name and, in an array,
	 * the index. The path is worked out only when there is a problem, so checking a valid
	 * resource builds no strings.
	 */
	private static final class Problem extends RuntimeException {

		private final JsonNode container;

		private final String name;

		private final int index;

		Problem(JsonNode container, String name, int index, String message) {
			super(message, null, false, false);
			this.container = container;
			this.name = name;
			this.index = index;
		}

		String describe(ObjectNode resource) {
			String path = pathTo(resource.path("resourceType").asText(), resource, this.container);
			if (path == null) {
				path = resource.path("resourceType").asText();
			}
			if (this.container.isArray()) {
				// The container is the array itself: its path already ends in the name.
				path += "[" + this.index + "]";
			}
			else if (this.name != null) {
				path += "." + this.name + (this.index >= 0 ? "[" + this.index + "]" : "");
			}
			return path + " " + getMessage();
		}

		/** The path of a node, found by identity, depth first. */
		private static String pathTo(String path, JsonNode node, JsonNode target) {
			if (node == target) {
				return path;
			}
			if (node.isObject()) {
				for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
					Map.Entry<String, JsonNode> field = fields.next();
					String found = pathTo(path + "." + field.getKey(), field.getValue(), target);
					if (found != null) {
						return found;
					}
				}
			}
			else if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					String found = pathTo(path + "[" + i + "]", node.get(i), target);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}

	}

}
