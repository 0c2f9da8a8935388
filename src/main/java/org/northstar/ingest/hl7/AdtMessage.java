package org.northstar.ingest.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;

import org.northstar.patient.PatientRecord;

/**
 * What an ADT message says, read out of HAPI's model into plain values. Segments are
 * found wherever the message structure puts them, so the same code reads every version
 * and every ADT structure.
 */
record AdtMessage(Header header, AdtEvent event, Instant eventAt, PatientPart patient, VisitPart visit,
		List<PatientRecord.Identifier> priorIdentifiers) {

	/** PID: who the message is about. {@code null} in the message when PID is missing. */
	record PatientPart(List<PatientRecord.Identifier> identifiers, String familyName, String givenNames,
			LocalDate birthDate, String sex, boolean deceased, String language, String phone, String addressLine,
			String city, String state, String postalCode) {
	}

	/** PV1: the visit. {@code null} in the message when PV1 is missing. */
	record VisitPart(String visitNumber, String patientClass, String location, String attending, String admitSource,
			String dischargeDisposition, Instant admittedAt, Instant dischargedAt) {
	}

	/**
	 * @throws NotApplicable when a field holds a value of the wrong type (a date that is
	 * not one)
	 */
	static AdtMessage read(Header header, AdtEvent event, Message message, ZoneId zone) throws HL7Exception {
		Segment msh = find(message, "MSH");
		Segment evn = find(message, "EVN");
		Segment pid = find(message, "PID");
		Segment pv1 = find(message, "PV1");
		Segment mrg = find(message, "MRG");
		Instant eventAt = null;
		if (evn != null) {
			eventAt = time(evn, 6, "EVN^1^6", zone);
			if (eventAt == null) {
				eventAt = time(evn, 2, "EVN^1^2", zone);
			}
		}
		if (eventAt == null) {
			eventAt = time(msh, 7, "MSH^1^7", zone);
		}
		if (eventAt == null) {
			eventAt = Instant.now();
		}
		String source = header.source();
		return new AdtMessage(header, event, eventAt, pid == null ? null : patient(pid, source, zone),
				pv1 == null ? null : visit(pv1, zone), mrg == null ? List.of() : identifiers(mrg, 1, source));
	}

	private static PatientPart patient(Segment pid, String source, ZoneId zone) throws HL7Exception {
		StringJoiner given = new StringJoiner(" ");
		for (int component : new int[] { 2, 3 }) {
			String name = value(pid, 5, component, 1);
			if (name != null) {
				given.add(name);
			}
		}
		Instant birth = time(pid, 7, "PID^1^7", zone);
		String phone = firstNonNull(value(pid, 13, 1, 1), value(pid, 13, 12, 1));
		if (phone == null && value(pid, 13, 7, 1) != null) {
			phone = (value(pid, 13, 6, 1) == null ? "" : value(pid, 13, 6, 1) + " ") + value(pid, 13, 7, 1);
		}
		return new PatientPart(identifiers(pid, 3, source), value(pid, 5, 1, 1),
				given.length() == 0 ? null : given.toString(), birth == null ? null : LocalDate.ofInstant(birth, zone),
				sex(value(pid, 8, 1, 1)), "Y".equalsIgnoreCase(value(pid, 30, 1, 1)), value(pid, 15, 1, 1), phone,
				value(pid, 11, 1, 1), value(pid, 11, 3, 1), value(pid, 11, 4, 1), value(pid, 11, 5, 1));
	}

	private static VisitPart visit(Segment pv1, ZoneId zone) throws HL7Exception {
		StringJoiner location = new StringJoiner("/");
		for (int component = 1; component <= 3; component++) {
			String part = value(pv1, 3, component, 1);
			if (part != null) {
				location.add(part);
			}
		}
		String family = value(pv1, 7, 2, 1);
		String givenName = value(pv1, 7, 3, 1);
		String attending = family == null ? value(pv1, 7, 1, 1) : (givenName == null ? "" : givenName + " ") + family;
		return new VisitPart(value(pv1, 19, 1, 1), value(pv1, 2, 1, 1),
				location.length() == 0 ? null : location.toString(), attending, value(pv1, 14, 1, 1),
				value(pv1, 36, 1, 1), time(pv1, 44, "PV1^1^44", zone), time(pv1, 45, "PV1^1^45", zone));
	}

	/**
	 * Every repetition of a CX field; the assigning authority names the system, and an
	 * identifier without one belongs to the sending facility.
	 */
	private static List<PatientRecord.Identifier> identifiers(Segment segment, int field, String source)
			throws HL7Exception {
		List<PatientRecord.Identifier> identifiers = new ArrayList<>();
		int repetitions = segment.getField(field).length;
		for (int rep = 0; rep < repetitions; rep++) {
			String value = clean(Terser.get(segment, field, rep, 1, 1));
			if (value == null) {
				continue;
			}
			String system = firstNonNull(clean(Terser.get(segment, field, rep, 4, 1)),
					clean(Terser.get(segment, field, rep, 4, 2)), source);
			identifiers.add(new PatientRecord.Identifier(system, value, clean(Terser.get(segment, field, rep, 5, 1))));
		}
		return identifiers;
	}

	/**
	 * The PID-3 identifiers of a message that may not be readable as a whole (a dead
	 * letter), with the systems {@link #read} would give them; empty without PID.
	 */
	static List<PatientRecord.Identifier> patientIdentifiers(Header header, Message message) throws HL7Exception {
		Segment pid = find(message, "PID");
		return pid == null ? List.of() : identifiers(pid, 3, header.source());
	}

	private static String sex(String code) {
		if (code == null) {
			return null;
		}
		return switch (code.toUpperCase(java.util.Locale.ROOT)) {
			case "M" -> "male";
			case "F" -> "female";
			case "O", "A" -> "other";
			default -> "unknown";
		};
	}

	private static Instant time(Segment segment, int field, String location, ZoneId zone) throws HL7Exception {
		String value = value(segment, field, 1, 1);
		try {
			return Hl7Times.parse(value, zone);
		}
		catch (IllegalArgumentException ex) {
			throw new NotApplicable(
					Hl7Error.dataTypeError(location, location.replaceFirst("\\^1\\^", "-") + " " + ex.getMessage()));
		}
	}

	private static String value(Segment segment, int field, int component, int subcomponent) throws HL7Exception {
		if (segment.getField(field).length == 0) {
			return null;
		}
		return clean(Terser.get(segment, field, 0, component, subcomponent));
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		// "" is HL7's explicit null: treat it like an empty field.
		return trimmed.isEmpty() || "\"\"".equals(trimmed) ? null : trimmed;
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/** The first non-empty segment of that name anywhere in the message. */
	static Segment find(Group group, String name) throws HL7Exception {
		for (String child : group.getNames()) {
			for (Structure structure : group.getAll(child)) {
				if (structure instanceof Segment segment) {
					if (segment.getName().equals(name) && !segment.isEmpty()) {
						return segment;
					}
				}
				else if (structure instanceof Group nested) {
					Segment found = find(nested, name);
					if (found != null) {
						return found;
					}
				}
			}
		}
		return null;
	}

}
