package org.northstar.ingest.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a sender means by an ADT message, read the way docs/hl7-interface.md says it is
 * read, without HAPI and without Northstar's mapping code: the corpus tests' oracle. It
 * splits the ER7 text itself (segments on CR, LF or CR LF; the delimiters MSH-1 and MSH-2
 * name), undoes the escape sequences, and states what the served Patient and Encounter
 * must say.
 */
final class SentMessage {

	private final List<String[]> segments = new ArrayList<>();

	private final char field;

	private final char component;

	private final char repetition;

	private final char escape;

	private final char subcomponent;

	private SentMessage(String text) {
		List<String> lines = new ArrayList<>();
		for (String segment : text.split("\r\n|\r|\n")) {
			if (!segment.isBlank()) {
				lines.add(segment);
			}
		}
		String msh = lines.get(0);
		this.field = msh.charAt(3);
		String encoding = msh.substring(4, msh.indexOf(this.field, 4));
		this.component = encoding.charAt(0);
		this.repetition = encoding.charAt(1);
		this.escape = encoding.charAt(2);
		this.subcomponent = encoding.charAt(3);
		for (int i = 0; i < lines.size(); i++) {
			String[] fields = split(lines.get(i), this.field);
			if (i == 0) {
				// MSH-1 is the field separator itself: shift so that fields[n] is MSH-n.
				String[] shifted = new String[fields.length + 1];
				shifted[0] = "MSH";
				shifted[1] = String.valueOf(this.field);
				System.arraycopy(fields, 1, shifted, 2, fields.length - 1);
				fields = shifted;
			}
			this.segments.add(fields);
		}
	}

	/** Decodes the bytes as MSH-18 says, else as UTF-8 (Northstar's default). */
	static SentMessage read(byte[] bytes) {
		return new SentMessage(new String(bytes, charsetOf(bytes)));
	}

	static Charset charsetOf(byte[] bytes) {
		SentMessage latin = new SentMessage(new String(bytes, StandardCharsets.ISO_8859_1));
		String declared = latin.value("MSH", 0, 18, 0, 1, 1);
		if (declared == null) {
			return StandardCharsets.UTF_8;
		}
		return switch (declared) {
			case "8859/1" -> StandardCharsets.ISO_8859_1;
			case "UNICODE UTF-8" -> StandardCharsets.UTF_8;
			default -> throw new IllegalArgumentException("The corpus does not use MSH-18 " + declared);
		};
	}

	String facility() {
		return value("MSH", 0, 4, 0, 1, 1);
	}

	String source() {
		String facility = facility();
		return "hl7:" + (facility != null ? facility : value("MSH", 0, 3, 0, 1, 1));
	}

	String controlId() {
		return value("MSH", 0, 10, 0, 1, 1);
	}

	String event() {
		return value("MSH", 0, 9, 0, 2, 1);
	}

	boolean has(String segment) {
		return count(segment) > 0;
	}

	int count(String segment) {
		return (int) this.segments.stream().filter(s -> s[0].equals(segment)).count();
	}

	/**
	 * One value, unescaped; {@code null} when empty or HL7's explicit null {@code ""}.
	 * @param occurrence which segment of that name, from 0
	 * @param rep the field repetition, from 0
	 */
	String value(String segment, int occurrence, int field, int rep, int component, int subcomponent) {
		String[] fields = segment(segment, occurrence);
		if (fields == null || fields.length <= field) {
			return null;
		}
		String raw = fields[field];
		if (!segment.equals("MSH") || field > 2) {
			String[] reps = split(raw, this.repetition);
			raw = rep < reps.length ? reps[rep] : "";
			String[] components = split(raw, this.component);
			raw = component <= components.length ? components[component - 1] : "";
			String[] subs = split(raw, this.subcomponent);
			raw = subcomponent <= subs.length ? subs[subcomponent - 1] : "";
		}
		String value = unescape(raw).strip();
		return value.isEmpty() || value.equals("\"\"") ? null : value;
	}

	String value(String segment, int field) {
		return value(segment, 0, field, 0, 1, 1);
	}

	int repetitions(String segment, int occurrence, int field) {
		String[] fields = segment(segment, occurrence);
		if (fields == null || fields.length <= field || fields[field].isEmpty()) {
			return 0;
		}
		return split(fields[field], this.repetition).length;
	}

	private String[] segment(String name, int occurrence) {
		int seen = 0;
		for (String[] fields : this.segments) {
			if (fields[0].equals(name) && seen++ == occurrence) {
				return fields;
			}
		}
		return null;
	}

	private String unescape(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int end = c == this.escape ? text.indexOf(this.escape, i + 1) : -1;
			if (end < 0) {
				out.append(c);
				continue;
			}
			switch (text.substring(i + 1, end)) {
				case "F" -> out.append(this.field);
				case "S" -> out.append(this.component);
				case "T" -> out.append(this.subcomponent);
				case "R" -> out.append(this.repetition);
				case "E" -> out.append(this.escape);
				default -> out.append(text, i, end + 1);
			}
			i = end;
		}
		return out.toString();
	}

	private static String[] split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == separator) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(text.substring(start));
		return parts.toArray(String[]::new);
	}

	// What the served resources must say.

	/** The patient one PID segment describes. */
	record ExpectedPatient(Set<String> identifiers, String family, String given, String birthDate, String gender,
			List<ExpectedAddress> addresses, String phone, boolean deceased) {
	}

	/** One PID-11 repetition, as FHIR Address holds it. */
	record ExpectedAddress(String use, String type, List<String> lines, String city, String district, String state,
			String postalCode, String country, String periodStart, String periodEnd) {
	}

	/** The visit PV1 describes after this one event. */
	record ExpectedEncounter(String visitNumber, String status, String classCode, Instant start, Instant end,
			String location, String attending, String admitSource, String disposition) {
	}

	/** {@code system|value} of each CX repetition of a PID-3 or MRG-1. */
	Set<String> identifiers(String segment, int occurrence, int field) {
		Set<String> identifiers = new LinkedHashSet<>();
		for (int rep = 0; rep < repetitions(segment, occurrence, field); rep++) {
			String value = value(segment, occurrence, field, rep, 1, 1);
			if (value == null) {
				continue;
			}
			String system = value(segment, occurrence, field, rep, 4, 1);
			if (system == null) {
				system = value(segment, occurrence, field, rep, 4, 2);
			}
			identifiers.add((system == null ? source() : system) + "|" + value);
		}
		return identifiers;
	}

	ExpectedPatient patient(int occurrence) {
		String given = join(" ", value("PID", occurrence, 5, 0, 2, 1), value("PID", occurrence, 5, 0, 3, 1));
		String phone = value("PID", occurrence, 13, 0, 1, 1);
		if (phone == null) {
			phone = value("PID", occurrence, 13, 0, 12, 1);
		}
		if (phone == null && value("PID", occurrence, 13, 0, 7, 1) != null) {
			phone = join(" ", value("PID", occurrence, 13, 0, 6, 1), value("PID", occurrence, 13, 0, 7, 1));
		}
		List<ExpectedAddress> addresses = new ArrayList<>();
		for (int rep = 0; rep < repetitions("PID", occurrence, 11); rep++) {
			ExpectedAddress address = address(occurrence, rep);
			if (address != null) {
				addresses.add(address);
			}
		}
		return new ExpectedPatient(identifiers("PID", occurrence, 3), value("PID", occurrence, 5, 0, 1, 1),
				given.isEmpty() ? null : given, birthDate(value("PID", occurrence, 7, 0, 1, 1)),
				gender(value("PID", occurrence, 8, 0, 1, 1)), addresses, phone,
				"Y".equalsIgnoreCase(value("PID", occurrence, 30, 0, 1, 1)));
	}

	private ExpectedAddress address(int occurrence, int rep) {
		String street = value("PID", occurrence, 11, rep, 1, 1);
		if (street == null) {
			street = join(" ", value("PID", occurrence, 11, rep, 1, 3), value("PID", occurrence, 11, rep, 1, 2));
		}
		List<String> lines = new ArrayList<>();
		if (!street.isEmpty()) {
			lines.add(street);
		}
		String second = value("PID", occurrence, 11, rep, 2, 1);
		if (second != null) {
			lines.add(second);
		}
		String type = value("PID", occurrence, 11, rep, 7, 1);
		String start = value("PID", occurrence, 11, rep, 13, 1);
		String end = value("PID", occurrence, 11, rep, 14, 1);
		if (start == null && end == null) {
			start = value("PID", occurrence, 11, rep, 12, 1);
			end = value("PID", occurrence, 11, rep, 12, 2);
		}
		ExpectedAddress address = new ExpectedAddress(addressUse(type), addressType(type), lines,
				value("PID", occurrence, 11, rep, 3, 1), value("PID", occurrence, 11, rep, 9, 1),
				value("PID", occurrence, 11, rep, 4, 1), value("PID", occurrence, 11, rep, 5, 1),
				value("PID", occurrence, 11, rep, 6, 1), birthDate(start), birthDate(end));
		boolean empty = lines.isEmpty() && address.city() == null && address.district() == null
				&& address.state() == null && address.postalCode() == null && address.country() == null;
		return empty ? null : address;
	}

	/** HL7 table 0190 as the HL7 v2-to-FHIR concept maps read it. */
	private static String addressUse(String type) {
		if (type == null) {
			return null;
		}
		return switch (type) {
			case "H" -> "home";
			case "B", "O" -> "work";
			case "C" -> "temp";
			case "BA" -> "old";
			case "BI" -> "billing";
			default -> null;
		};
	}

	private static String addressType(String type) {
		return "M".equals(type) || "SH".equals(type) ? "postal" : null;
	}

	/**
	 * A date as sent, to the precision sent: {@code 1985}, {@code 1985-03},
	 * {@code 1985-03-12}.
	 */
	static String birthDate(String hl7) {
		if (hl7 == null) {
			return null;
		}
		String digits = hl7.replaceAll("[^0-9].*$", "");
		return switch (Math.min(digits.length(), 8)) {
			case 4 -> digits;
			case 6 -> digits.substring(0, 4) + "-" + digits.substring(4, 6);
			case 8 -> digits.substring(0, 4) + "-" + digits.substring(4, 6) + "-" + digits.substring(6, 8);
			default -> throw new IllegalArgumentException("not a date: " + hl7);
		};
	}

	private static String gender(String sex) {
		if (sex == null) {
			return null;
		}
		return switch (sex.toUpperCase(Locale.ROOT)) {
			case "M" -> "male";
			case "F" -> "female";
			case "O", "A" -> "other";
			default -> "unknown";
		};
	}

	/** The event time: EVN-6, else EVN-2, else MSH-7. */
	Instant eventAt(ZoneId zone) {
		Instant at = time(value("EVN", 6), zone);
		if (at == null) {
			at = time(value("EVN", 2), zone);
		}
		return at != null ? at : time(value("MSH", 7), zone);
	}

	/** The encounter as one event leaves a visit Northstar had not seen before. */
	ExpectedEncounter encounter(ZoneId zone) {
		String event = event();
		Instant admitted = time(value("PV1", 44), zone);
		Instant discharged = time(value("PV1", 45), zone);
		if (event.equals("A01") || event.equals("A04")) {
			admitted = admitted != null ? admitted : eventAt(zone);
		}
		String status = switch (event) {
			case "A01", "A02", "A04", "A13" -> "in-progress";
			case "A03" -> "finished";
			case "A05" -> "planned";
			case "A11" -> "cancelled";
			default -> null;
		};
		if (event.equals("A03")) {
			discharged = discharged != null ? discharged : eventAt(zone);
		}
		else if ("in-progress".equals(status)) {
			discharged = null;
		}
		if (status == null) {
			status = discharged != null ? "finished" : admitted != null ? "in-progress" : "planned";
		}
		List<String> location = new ArrayList<>();
		for (int component = 1; component <= 3; component++) {
			String part = value("PV1", 0, 3, 0, component, 1);
			if (part != null) {
				location.add(part);
			}
		}
		String family = value("PV1", 0, 7, 0, 2, 1);
		String attending = family == null ? value("PV1", 0, 7, 0, 1, 1)
				: join(" ", value("PV1", 0, 7, 0, 3, 1), family);
		return new ExpectedEncounter(value("PV1", 19), status, classCode(event, value("PV1", 2)), admitted, discharged,
				location.isEmpty() ? null : String.join("/", location), attending, value("PV1", 14), value("PV1", 36));
	}

	private static String classCode(String event, String patientClass) {
		String code = patientClass == null ? "" : patientClass.toUpperCase(Locale.ROOT);
		return switch (code) {
			case "I", "B" -> "IMP";
			case "E" -> "EMER";
			case "O", "R" -> "AMB";
			case "P" -> "PRENC";
			default -> event.equals("A06") ? "IMP" : event.equals("A07") ? "AMB" : null;
		};
	}

	/**
	 * An HL7 timestamp: the offset it carries, else the feed's zone; parts not sent are
	 * their first moment.
	 */
	static Instant time(String hl7, ZoneId zone) {
		if (hl7 == null) {
			return null;
		}
		ZoneId at = zone;
		String text = hl7;
		int sign = Math.max(text.indexOf('+'), text.indexOf('-'));
		if (sign > 0) {
			at = ZoneOffset.of(text.substring(sign, sign + 3) + ":" + text.substring(sign + 3));
			text = text.substring(0, sign);
		}
		int nanos = 0;
		if (text.contains(".")) {
			nanos = Integer.parseInt((text.substring(text.indexOf('.') + 1) + "000000000").substring(0, 9));
			text = text.substring(0, text.indexOf('.'));
		}
		String padded = text + "0101000000".substring(Math.max(0, text.length() - 4));
		return LocalDateTime
			.of(Integer.parseInt(padded.substring(0, 4)), Integer.parseInt(padded.substring(4, 6)),
					Integer.parseInt(padded.substring(6, 8)), Integer.parseInt(padded.substring(8, 10)),
					Integer.parseInt(padded.substring(10, 12)), Integer.parseInt(padded.substring(12, 14)), nanos)
			.atZone(at)
			.toInstant();
	}

	private static String join(String separator, String... parts) {
		List<String> present = new ArrayList<>();
		for (String part : parts) {
			if (part != null && !part.isEmpty()) {
				present.add(part);
			}
		}
		return String.join(separator, present);
	}

}
