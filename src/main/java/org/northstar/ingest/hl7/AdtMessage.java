package org.northstar.ingest.hl7;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *
 * @param patient the first PID; {@code null} when there is none
 * @param merges for an A40, each PID with the MRG that follows it, in order (an ADT_A39
 * structure may carry several); empty for other events
 */
record AdtMessage(Header header, AdtEvent event, Instant eventAt, PatientPart patient, VisitPart visit,
		List<Merge> merges) {

	/** PID: who the message is about. */
	record PatientPart(List<PatientRecord.Identifier> identifiers, String familyName, String givenNames,
			LocalDate birthDate, ChronoUnit birthDatePrecision, String sex, boolean deceased, String language,
			String phone, List<PatientRecord.Address> addresses) {
	}

	/**
	 * PV1: the visit. {@code null} in the message when PV1 is missing.
	 *
	 * @param admissionType PV1-4 (HL7 table 0007: E emergency, U urgent, C elective, R
	 * routine...)
	 * @param hospitalService PV1-10 (a table each hospital defines: MED, SUR, ONC...)
	 */
	record VisitPart(String visitNumber, String patientClass, String location, String attending, String admitSource,
			String dischargeDisposition, Instant admittedAt, Instant dischargedAt, String admissionType,
			String hospitalService) {
	}

	/**
	 * One pair of an A40: the patient in PID survives, the records MRG-1 names are merged
	 * into it.
	 *
	 * @param survivor {@code null} when an MRG has no PID before it
	 * @param pair the pair's number, from 1, as the ACK's ERR names the segment
	 */
	record Merge(int pair, PatientPart survivor, List<PatientRecord.Identifier> prior) {
	}

	/**
	 * @throws NotApplicable when a field holds a value of the wrong type (a date that is
	 * not one), or cannot be read; the error names the segment and field
	 */
	static AdtMessage read(Header header, AdtEvent event, Message message, ZoneId zone) throws HL7Exception {
		Segment msh = find(message, "MSH");
		Segment evn = find(message, "EVN");
		Segment pid = find(message, "PID");
		Segment pv1 = find(message, "PV1");
		Instant eventAt = null;
		if (evn != null) {
			eventAt = time(evn, 6, zone);
			if (eventAt == null) {
				eventAt = time(evn, 2, zone);
			}
		}
		if (eventAt == null) {
			eventAt = time(msh, 7, zone);
		}
		if (eventAt == null) {
			eventAt = Instant.now();
		}
		String source = header.source();
		List<Merge> merges = event == AdtEvent.A40 ? merges(message, source, zone) : List.of();
		return new AdtMessage(header, event, eventAt, pid == null ? null : patient(pid, source, zone),
				pv1 == null ? null : visit(pv1, zone), merges);
	}

	/**
	 * Each PID with the MRG after it, in message order. HAPI puts every PID/MRG pair of
	 * an ADT_A39 into its own PATIENT group, whatever version it was sent in.
	 */
	private static List<Merge> merges(Message message, String source, ZoneId zone) throws HL7Exception {
		List<Segment> segments = new ArrayList<>();
		collect(message, segments);
		List<Merge> merges = new ArrayList<>();
		PatientPart survivor = null;
		boolean paired = true;
		for (Segment segment : segments) {
			if (segment.getName().equals("PID")) {
				if (!paired) {
					merges.add(new Merge(merges.size() + 1, survivor, List.of()));
				}
				survivor = patient(segment, source, zone);
				paired = false;
			}
			else if (segment.getName().equals("MRG")) {
				merges.add(new Merge(merges.size() + 1, paired ? null : survivor, identifiers(segment, 1, source)));
				paired = true;
			}
		}
		if (!paired) {
			merges.add(new Merge(merges.size() + 1, survivor, List.of()));
		}
		return merges;
	}

	private static PatientPart patient(Segment pid, String source, ZoneId zone) throws HL7Exception {
		StringJoiner given = new StringJoiner(" ");
		for (int component : new int[] { 2, 3 }) {
			String name = value(pid, 5, component, 1);
			if (name != null) {
				given.add(name);
			}
		}
		String phone = firstNonNull(value(pid, 13, 1, 1), value(pid, 13, 12, 1));
		if (phone == null && value(pid, 13, 7, 1) != null) {
			phone = (value(pid, 13, 6, 1) == null ? "" : value(pid, 13, 6, 1) + " ") + value(pid, 13, 7, 1);
		}
		String birth = value(pid, 7, 1, 1);
		return new PatientPart(identifiers(pid, 3, source), value(pid, 5, 1, 1),
				given.length() == 0 ? null : given.toString(), date(pid, 7, birth, zone), precision(birth),
				sex(value(pid, 8, 1, 1)), "Y".equalsIgnoreCase(value(pid, 30, 1, 1)), value(pid, 15, 1, 1), phone,
				addresses(pid, zone));
	}

	/**
	 * Every PID-11 repetition with each XAD component FHIR's Address can hold: the street
	 * (SAD-1, else dwelling number and street name) and other designation as lines, city,
	 * state, postal code, country, county (as district), the address type (as use or
	 * type) and the validity dates (XAD-13 and XAD-14, else the XAD-12 range).
	 */
	private static List<PatientRecord.Address> addresses(Segment pid, ZoneId zone) throws HL7Exception {
		List<PatientRecord.Address> addresses = new ArrayList<>();
		for (int rep = 0; rep < pid.getField(11).length; rep++) {
			List<String> lines = new ArrayList<>();
			String street = value(pid, 11, rep, 1, 1);
			if (street == null) {
				StringJoiner parts = new StringJoiner(" ");
				for (String part : new String[] { value(pid, 11, rep, 1, 3), value(pid, 11, rep, 1, 2) }) {
					if (part != null) {
						parts.add(part);
					}
				}
				street = parts.length() == 0 ? null : parts.toString();
			}
			if (street != null) {
				lines.add(street);
			}
			String otherDesignation = value(pid, 11, rep, 2, 1);
			if (otherDesignation != null) {
				lines.add(otherDesignation);
			}
			String start = value(pid, 11, rep, 13, 1);
			String end = value(pid, 11, rep, 14, 1);
			if (start == null && end == null) {
				start = value(pid, 11, rep, 12, 1);
				end = value(pid, 11, rep, 12, 2);
			}
			String type = value(pid, 11, rep, 7, 1);
			PatientRecord.Address address = new PatientRecord.Address(addressUse(type), addressType(type), lines,
					value(pid, 11, rep, 3, 1), value(pid, 11, rep, 9, 1), value(pid, 11, rep, 4, 1),
					value(pid, 11, rep, 5, 1), value(pid, 11, rep, 6, 1), isoDate(pid, 11, start, zone),
					isoDate(pid, 11, end, zone));
			if (!lines.isEmpty() || address.city() != null || address.district() != null || address.state() != null
					|| address.postalCode() != null || address.country() != null) {
				addresses.add(address);
			}
		}
		return addresses;
	}

	/** HL7 table 0190 as FHIR address use, after the HL7 v2-to-FHIR concept map. */
	private static String addressUse(String type) {
		if (type == null) {
			return null;
		}
		return switch (type.toUpperCase(Locale.ROOT)) {
			case "H" -> "home";
			case "B", "O" -> "work";
			case "C" -> "temp";
			case "BA" -> "old";
			case "BI" -> "billing";
			default -> null;
		};
	}

	/** HL7 table 0190 as FHIR address type: mailing and shipping addresses are postal. */
	private static String addressType(String type) {
		return type != null && (type.equalsIgnoreCase("M") || type.equalsIgnoreCase("SH")) ? "postal" : null;
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
				value(pv1, 36, 1, 1), time(pv1, 44, zone), time(pv1, 45, zone), value(pv1, 4, 1, 1),
				value(pv1, 10, 1, 1));
	}

	/**
	 * Every repetition of a CX field; the assigning authority names the system, and an
	 * identifier without one belongs to the sending facility.
	 */
	private static List<PatientRecord.Identifier> identifiers(Segment segment, int field, String source)
			throws HL7Exception {
		List<PatientRecord.Identifier> identifiers = new ArrayList<>();
		for (int rep = 0; rep < segment.getField(field).length; rep++) {
			String value = value(segment, field, rep, 1, 1);
			if (value == null) {
				continue;
			}
			String system = firstNonNull(value(segment, field, rep, 4, 1), value(segment, field, rep, 4, 2), source);
			identifiers.add(new PatientRecord.Identifier(system, value, value(segment, field, rep, 5, 1)));
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
		return switch (code.toUpperCase(Locale.ROOT)) {
			case "M" -> "male";
			case "F" -> "female";
			case "O", "A" -> "other";
			default -> "unknown";
		};
	}

	private static Instant time(Segment segment, int field, ZoneId zone) throws HL7Exception {
		String value = value(segment, field, 1, 1);
		try {
			return Hl7Times.parse(value, zone);
		}
		catch (IllegalArgumentException ex) {
			throw dataTypeError(segment, field, ex.getMessage());
		}
	}

	/**
	 * A date as sent: the digits of the day it names, whatever time and offset follow. A
	 * birth date is a date, not an instant: {@code 19850101000000+0700} was born on
	 * 1985-01-01, wherever the reader is. A year, or a year and month, stands for its
	 * first day; {@link #precision} says how much was sent.
	 */
	private static LocalDate date(Segment segment, int field, String value, ZoneId zone) throws HL7Exception {
		if (value == null) {
			return null;
		}
		try {
			// The whole value must be a timestamp, even though only its date is kept.
			Hl7Times.parse(value, zone);
			String digits = dateDigits(value);
			return LocalDate.of(Integer.parseInt(digits.substring(0, 4)),
					digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 1,
					digits.length() >= 8 ? Integer.parseInt(digits.substring(6, 8)) : 1);
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw dataTypeError(segment, field, ex.getMessage());
		}
	}

	/** A date as sent, in ISO 8601 to the precision sent: 2024, 2024-06, 2024-06-01. */
	private static String isoDate(Segment segment, int field, String value, ZoneId zone) throws HL7Exception {
		LocalDate date = date(segment, field, value, zone);
		if (date == null) {
			return null;
		}
		return switch (precision(value)) {
			case YEARS -> date.toString().substring(0, 4);
			case MONTHS -> date.toString().substring(0, 7);
			default -> date.toString();
		};
	}

	private static ChronoUnit precision(String value) {
		if (value == null) {
			return null;
		}
		return switch (dateDigits(value).length()) {
			case 4 -> ChronoUnit.YEARS;
			case 6 -> ChronoUnit.MONTHS;
			default -> ChronoUnit.DAYS;
		};
	}

	private static String dateDigits(String value) {
		int end = 0;
		while (end < value.length() && end < 8 && Character.isDigit(value.charAt(end))) {
			end++;
		}
		return value.substring(0, end);
	}

	private static NotApplicable dataTypeError(Segment segment, int field, String problem) {
		return new NotApplicable(Hl7Error.dataTypeError(segment.getName() + "^1^" + field,
				segment.getName() + "-" + field + " " + problem));
	}

	private static String value(Segment segment, int field, int component, int subcomponent) throws HL7Exception {
		return value(segment, field, 0, component, subcomponent);
	}

	/**
	 * One value, trimmed; {@code null} when empty. A value HAPI cannot give is refused
	 * naming its segment and field, never with a bare exception.
	 */
	private static String value(Segment segment, int field, int rep, int component, int subcomponent)
			throws HL7Exception {
		try {
			if (segment.getField(field).length <= rep) {
				return null;
			}
			return clean(Terser.get(segment, field, rep, component, subcomponent));
		}
		catch (RuntimeException ex) {
			String where = segment.getName() + "-" + field + "." + component;
			throw new NotApplicable(new Hl7Error(207, segment.getName() + "^1^" + field,
					where + " cannot be read: " + Hl7Inbox.describe(ex)));
		}
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

	/** Every non-empty segment, in message order. */
	private static void collect(Group group, List<Segment> segments) throws HL7Exception {
		for (String child : group.getNames()) {
			for (Structure structure : group.getAll(child)) {
				if (structure instanceof Segment segment) {
					if (!segment.isEmpty()) {
						segments.add(segment);
					}
				}
				else if (structure instanceof Group nested) {
					collect(nested, segments);
				}
			}
		}
	}

}
