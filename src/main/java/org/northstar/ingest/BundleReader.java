package org.northstar.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads FHIR JSON as a stream, never holding more than one entry in memory: a Bundle, a
 * single resource, or NDJSON (one resource per line). The first pass ({@link #index})
 * only skims each entry; the second ({@link #read}) hands each entry's resource to a
 * consumer.
 */
final class BundleReader {

	/**
	 * Streams are closed by whoever opened them: the first pass reads on after the JSON
	 * ends. FHIR decimals keep their precision, trailing zeros included ({@code 0.40} is
	 * not {@code 0.4}): numbers are read as {@link java.math.BigDecimal}, never as
	 * doubles, and kept as written.
	 */
	static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

	private static final Set<String> RESOURCE_TYPES = FhirContext.forR4Cached().getResourceTypes();

	/**
	 * Receives each entry of the second pass, in order: its index entry and its resource
	 * (null for a read).
	 */
	interface EntryConsumer {

		void accept(BundleIndex.Entry entry, ObjectNode resource);

	}

	private BundleReader() {
	}

	static BundleIndex index(ImportInput input) {
		BundleIndex index = new BundleIndex();
		MessageDigest digest = sha256();
		Position position = new Position();
		boolean entriesBeforeType;
		try (InputStream in = new DigestInputStream(input.open(), digest); JsonParser parser = JSON.createParser(in)) {
			if (input.ndjson()) {
				while (parser.nextToken() != null) {
					expectObject(parser, "a resource");
					position.entry(index.entries().size(), null);
					skimResource(parser).addTo(index, null, null);
				}
				entriesBeforeType = false;
			}
			else {
				entriesBeforeType = indexDocument(parser, index, position);
			}
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (JsonProcessingException ex) {
			throw position.rejected(input, invalidJson(ex), ex);
		}
		catch (EntryProblem ex) {
			throw position.rejected(input, ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new BundleRejectedException(input.name(), null, null, "cannot be read: " + ex.getMessage(), false,
					ex);
		}
		if (entriesBeforeType) {
			indexEntriesAgain(input, index, position);
		}
		if (index.entries().isEmpty()) {
			throw new BundleRejectedException(input.name(), null, null, "contains no resources", false, null);
		}
		index.sha256(digest.digest());
		return index;
	}

	/**
	 * Skims the top-level keys in whatever order they come: JSON key order carries no
	 * meaning. {@code entry} is a Bundle's entries only once {@code resourceType} says it
	 * is a Bundle (a {@code List} has entries too).
	 * @return whether a Bundle's {@code entry} came before its {@code resourceType}, so
	 * the entries still have to be read
	 */
	private static boolean indexDocument(JsonParser parser, BundleIndex index, Position position) throws IOException {
		if (parser.nextToken() == null) {
			throw EntryProblem.invalid("is empty");
		}
		expectObject(parser, "a FHIR resource or Bundle");
		String resourceType = null;
		String id = null;
		String type = null;
		JsonNode identifiers = null;
		boolean entriesSkipped = false;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			parser.nextToken();
			switch (field) {
				case "resourceType" -> resourceType = scalar(parser);
				case "id" -> id = scalar(parser);
				case "type" -> type = scalar(parser);
				case "identifier" -> identifiers = parser.readValueAsTree();
				case "entry" -> {
					if ("Bundle".equals(resourceType)) {
						skimEntries(parser, index, position);
					}
					else {
						// Not (yet) known to be a Bundle: read the entries again once it
						// is, rather than hold them in memory.
						entriesSkipped = resourceType == null;
						parser.skipChildren();
					}
				}
				default -> parser.skipChildren();
			}
		}
		position.entry(null, null);
		if (resourceType == null) {
			throw EntryProblem.invalid("has no resourceType: it is not FHIR JSON");
		}
		if ("Bundle".equals(resourceType)) {
			index.markBundle(type);
			return entriesSkipped;
		}
		if (!RESOURCE_TYPES.contains(resourceType)) {
			throw EntryProblem.invalid("'" + resourceType + "' is not an R4 resource type");
		}
		// A file holding one resource: it is its own single entry.
		new Skimmed(resourceType, id, identifiers).addTo(index, null, null);
		return false;
	}

	/** The entries of a Bundle that named itself only after them. */
	private static void indexEntriesAgain(ImportInput input, BundleIndex index, Position position) {
		try (InputStream in = input.open(); JsonParser parser = JSON.createParser(in)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if ("entry".equals(field)) {
					skimEntries(parser, index, position);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JsonProcessingException ex) {
			throw position.rejected(input, invalidJson(ex), ex);
		}
		catch (EntryProblem ex) {
			throw position.rejected(input, ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new BundleRejectedException(input.name(), null, null, "cannot be read: " + ex.getMessage(), false,
					ex);
		}
	}

	/**
	 * The text of a primitive value; null, with the value skipped, for an object or
	 * array.
	 */
	private static String scalar(JsonParser parser) throws IOException {
		if (parser.currentToken().isStructStart()) {
			parser.skipChildren();
			return null;
		}
		return parser.getValueAsString();
	}

	private static void skimEntries(JsonParser parser, BundleIndex index, Position position) throws IOException {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw EntryProblem.invalid("Bundle.entry is not an array");
		}
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			int entryIndex = index.entries().size();
			position.entry(entryIndex, null);
			expectObject(parser, "a Bundle entry");
			String fullUrl = null;
			Skimmed resource = null;
			BundleIndex.Request request = null;
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				switch (field) {
					case "fullUrl" -> {
						fullUrl = scalar(parser);
						position.entry(entryIndex, fullUrl);
					}
					case "resource" -> {
						expectObject(parser, "a resource");
						resource = skimResource(parser);
					}
					case "request" -> request = request(parser.readValueAsTree());
					default -> parser.skipChildren();
				}
			}
			if (resource != null) {
				resource.addTo(index, fullUrl, request);
			}
			else if (request != null && request.isRead()) {
				index.add(new BundleIndex.Entry(entryIndex, fullUrl, null, null, request));
			}
			else if (request != null && "DELETE".equals(request.method())) {
				throw EntryProblem.invalid("is a DELETE of " + request.url()
						+ ": Northstar keeps what its sources sent and takes no deletions");
			}
			else {
				throw EntryProblem.invalid("has no resource");
			}
		}
	}

	private static BundleIndex.Request request(JsonNode request) {
		if (!request.isObject()) {
			throw EntryProblem.invalid("request is not an object");
		}
		return new BundleIndex.Request(request.path("method").asText(null), request.path("url").asText(null),
				request.path("ifNoneExist").asText(null));
	}

	/** A resource's type, id and identifiers, the rest skipped. */
	private record Skimmed(String resourceType, String id, JsonNode identifiers) {

		void addTo(BundleIndex index, String fullUrl, BundleIndex.Request request) {
			BundleIndex.Entry entry = new BundleIndex.Entry(index.entries().size(), fullUrl, this.resourceType, this.id,
					request);
			index.add(entry);
			indexIdentifiers(index, entry, this.identifiers);
		}

	}

	private static Skimmed skimResource(JsonParser parser) throws IOException {
		String resourceType = null;
		String id = null;
		JsonNode identifiers = null;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			parser.nextToken();
			switch (field) {
				case "resourceType" -> resourceType = scalar(parser);
				case "id" -> id = scalar(parser);
				case "identifier" -> identifiers = parser.readValueAsTree();
				default -> parser.skipChildren();
			}
		}
		if (resourceType == null) {
			throw EntryProblem.invalid("the resource has no resourceType");
		}
		if (!RESOURCE_TYPES.contains(resourceType)) {
			throw EntryProblem.invalid("'" + resourceType + "' is not an R4 resource type");
		}
		return new Skimmed(resourceType, id, identifiers);
	}

	private static void indexIdentifiers(BundleIndex index, BundleIndex.Entry entry, JsonNode identifiers) {
		if (identifiers == null || !identifiers.isArray()) {
			return;
		}
		for (JsonNode identifier : identifiers) {
			String system = identifier.path("system").asText(null);
			String value = identifier.path("value").asText(null);
			if (system != null && value != null) {
				index.addIdentifier(entry, system, value);
			}
		}
	}

	/** Second pass: each resource in full, with its entry's request, in order. */
	static void read(ImportInput input, BundleIndex index, EntryConsumer consumer) {
		Position position = new Position();
		try (InputStream in = input.open(); JsonParser parser = JSON.createParser(in)) {
			if (input.ndjson()) {
				int i = 0;
				while (parser.nextToken() != null) {
					position.entry(i, null);
					consumer.accept(index.entry(i++), parser.readValueAsTree());
				}
				return;
			}
			parser.nextToken();
			if (!index.isBundle()) {
				position.entry(0, null);
				consumer.accept(index.entry(0), parser.readValueAsTree());
				return;
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if (!"entry".equals(field)) {
					parser.skipChildren();
					continue;
				}
				int i = 0;
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					position.entry(i, index.entry(i).fullUrl());
					JsonNode entry = parser.readValueAsTree();
					consumer.accept(index.entry(i++), (ObjectNode) entry.get("resource"));
				}
			}
		}
		catch (JsonProcessingException ex) {
			throw position.rejected(input, invalidJson(ex), ex);
		}
		catch (EntryProblem ex) {
			throw position.rejected(input, ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new BundleRejectedException(input.name(), null, null, "cannot be read: " + ex.getMessage(), false,
					ex);
		}
	}

	private static void expectObject(JsonParser parser, String what) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			JsonLocation at = parser.currentLocation();
			throw EntryProblem.invalid("expected " + what + " (a JSON object) at line " + at.getLineNr() + ", column "
					+ at.getColumnNr() + " but found " + parser.currentToken());
		}
	}

	private static String invalidJson(JsonProcessingException ex) {
		JsonLocation at = ex.getLocation();
		return "invalid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
				+ ex.getOriginalMessage();
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Which entry the reader is in, for error messages. */
	private static final class Position {

		private Integer entry;

		private String fullUrl;

		void entry(Integer index, String fullUrl) {
			this.entry = index;
			this.fullUrl = fullUrl;
		}

		BundleRejectedException rejected(ImportInput input, String reason, Throwable cause) {
			boolean unresolved = cause instanceof EntryProblem problem && problem.unresolvedReference();
			return new BundleRejectedException(input.name(), this.entry, this.fullUrl, reason, unresolved, cause);
		}

	}

}
