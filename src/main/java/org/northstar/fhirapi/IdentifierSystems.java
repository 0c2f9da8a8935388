package org.northstar.fhirapi;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Identifier systems as the API shows them. FHIR wants {@code Identifier.system} to be an
 * absolute URI (http, https, urn or file); some sources, and Northstar's own HL7 feed
 * ({@code hl7:<facility>/visit-number}), use other names. Those are served as
 * {@code urn:northstar:system:<the name, URL-encoded>}, and searches accept either form.
 */
final class IdentifierSystems {

	static final String PREFIX = "urn:northstar:system:";

	private IdentifierSystems() {
	}

	/** The system as served. */
	static String served(String stored) {
		if (stored == null || stored.isEmpty() || absolute(stored)) {
			return stored;
		}
		return PREFIX + URLEncoder.encode(stored, StandardCharsets.UTF_8);
	}

	/** The system as stored, from either form a client may send. */
	static String stored(String requested) {
		if (requested != null && requested.startsWith(PREFIX)) {
			return URLDecoder.decode(requested.substring(PREFIX.length()), StandardCharsets.UTF_8);
		}
		return requested;
	}

	private static boolean absolute(String system) {
		int colon = system.indexOf(':');
		if (colon < 0 || system.contains(" ")) {
			return false;
		}
		String scheme = system.substring(0, colon).toLowerCase(Locale.ROOT);
		return scheme.equals("http") || scheme.equals("https") || scheme.equals("urn") || scheme.equals("file");
	}

}
