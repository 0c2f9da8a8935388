package org.northstar.ingest.hl7;

import java.util.Set;

/**
 * The MSH fields the inbox needs before, and even without, a full parse: who sent the
 * message, its control id, type and version. Read by hand so that a message HAPI refuses
 * can still be stored, deduplicated and answered.
 */
record Header(String sendingApplication, String sendingFacility, String controlId, String messageType, String event,
		String version, String processingId, String problem) {

	static final Set<String> SUPPORTED_VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1",
			"2.8", "2.8.1", "2.8.2");

	/** Reads MSH; {@code problem} says what is wrong with it, if anything. */
	static Header read(String raw) {
		if (raw == null || raw.length() < 8 || !raw.startsWith("MSH")) {
			return broken("the message does not start with an MSH segment");
		}
		char field = raw.charAt(3);
		int end = segmentEnd(raw);
		String[] fields = raw.substring(0, end).split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
		String encoding = fields.length > 1 ? fields[1] : "";
		boolean encodingValid = !Character.isLetterOrDigit(field) && encoding.length() >= 4 && encoding.length() <= 5
				&& encoding.chars().distinct().count() == encoding.length() && encoding.indexOf(field) < 0
				&& encoding.chars().noneMatch(Character::isLetterOrDigit);
		if (!encodingValid) {
			// Still name the sender and control id, so the AR reaches the right message
			// and
			// a resend is recognised; fields are taken whole, components cannot be
			// trusted.
			return new Header(whole(fields, 3), whole(fields, 4), whole(fields, 10), whole(fields, 9), null,
					whole(fields, 12), whole(fields, 11), "MSH-1/MSH-2 encoding characters '" + field + encoding
							+ "' are not a field separator and four distinct delimiters");
		}
		char component = encoding.charAt(0);
		String application = component(fields, 3, component);
		String facility = component(fields, 4, component);
		String controlId = component(fields, 10, component);
		String type = component(fields, 9, component);
		String event = nthComponent(fields, 9, component, 1);
		String version = component(fields, 12, component);
		String processingId = component(fields, 11, component);
		String problem = null;
		if (controlId == null) {
			problem = "MSH-10 message control id is missing";
		}
		else if (type == null) {
			problem = "MSH-9 message type is missing";
		}
		else if (version == null || !SUPPORTED_VERSIONS.contains(version)) {
			problem = "MSH-12 version '" + (version == null ? "" : version) + "' is not supported; send v2.3 to v2.8";
		}
		return new Header(application, facility, controlId, type, event, version, processingId, problem);
	}

	private static String whole(String[] fields, int msh) {
		if (fields.length < msh || fields[msh - 1].isBlank()) {
			return null;
		}
		return fields[msh - 1].trim();
	}

	private static Header broken(String problem) {
		return new Header(null, null, null, null, null, null, null, problem);
	}

	private static int segmentEnd(String raw) {
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '\r' || c == '\n') {
				return i;
			}
		}
		return raw.length();
	}

	/**
	 * MSH-n's first component; MSH-1 is the separator itself, so MSH-n is fields[n-1].
	 */
	private static String component(String[] fields, int msh, char separator) {
		return nthComponent(fields, msh, separator, 0);
	}

	private static String nthComponent(String[] fields, int msh, char separator, int n) {
		if (fields.length < msh) {
			return null;
		}
		String[] components = fields[msh - 1].split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
		if (components.length <= n) {
			return null;
		}
		String value = components[n].trim();
		return value.isEmpty() ? null : value;
	}

	/** The inbox's key for who sent it: {@code MSH-3|MSH-4}. */
	String sender() {
		if (this.sendingApplication == null && this.sendingFacility == null) {
			return null;
		}
		return nullToEmpty(this.sendingApplication) + "|" + nullToEmpty(this.sendingFacility);
	}

	/** The source name of records from this feed: {@code hl7:} and the facility. */
	String source() {
		return "hl7:" + (this.sendingFacility != null ? this.sendingFacility
				: this.sendingApplication != null ? this.sendingApplication : "unknown");
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

}
