package org.northstar.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an audit record's detail may say about a request. A query string carries what the
 * user searched for ({@code name=Chen&birthdate=1948-03-02}): that is protected health
 * information, and the audit trail, read by administrators and exported to spreadsheets,
 * must not spread it. The detail keeps the parameters' names, and the values only of
 * parameters that cannot carry PHI: paging and formatting controls, and Northstar's own
 * patient ids.
 */
public final class AuditDetails {

	private static final Set<String> HARMLESS = Set.of("_count", "_offset", "_sort", "_summary", "_include",
			"_revinclude", "_total", "_format", "_pretty", "_elements", "page", "sort", "dir");

	private static final Set<String> PATIENT_REFERENCES = Set.of("patient", "subject", "_id");

	private static final Pattern NORTHSTAR_ID = Pattern
		.compile("(Patient/)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * What a parameter's name looks like; anything else (text typed where a name goes) is
	 * recorded as {@code ?}.
	 */
	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,63}");

	private AuditDetails() {
	}

	/**
	 * The request as an audit detail: {@code GET /fhir/Patient?name&birthdate&_count=20}.
	 * @param queryString the raw query string, or null
	 */
	public static String request(String method, String path, String queryString) {
		String parameters = parameters(queryString);
		return method + " " + path + (parameters.isEmpty() ? "" : "?" + parameters);
	}

	/**
	 * The query string's parameter names, each with its value only when it cannot carry
	 * PHI; empty for none.
	 */
	public static String parameters(String queryString) {
		if (queryString == null || queryString.isBlank()) {
			return "";
		}
		Set<String> kept = new LinkedHashSet<>();
		for (String pair : queryString.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? null : decode(pair.substring(equals + 1));
			if (!NAME.matcher(name).matches()) {
				kept.add("?");
				continue;
			}
			String bare = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
			if (value != null && (HARMLESS.contains(bare) && value.length() <= 100
					|| PATIENT_REFERENCES.contains(bare) && NORTHSTAR_ID.matcher(value).matches())) {
				kept.add(name + "=" + value);
			}
			else {
				kept.add(name);
			}
		}
		return String.join("&", new ArrayList<>(kept));
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
