package org.northstar.patient.linkage;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.northstar.patient.PatientRecord;

/**
 * A patient record reduced to what linkage compares, normalised once: names in upper-case
 * letters without accents or digits, the phone as its last ten digits, the e-mail in
 * lower case, the street line with its common abbreviations, and identifiers as
 * {@code system|value}.
 *
 * @param given every given name, first name first, separated by single spaces
 * @param ssn the US Social Security number's nine digits, if a source gave one
 * @param identifiers every other identifier with a system, as {@code system|value}
 */
public record LinkageRecord(UUID id, String source, String family, String given, LocalDate birthDate, String sex,
		String addressLine, String postalCode, String phone, String email, String ssn, Set<String> identifiers) {

	private static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

	public LinkageRecord {
		identifiers = Set.copyOf(identifiers);
	}

	/** Normalises a patient record as one source described it. */
	public static LinkageRecord of(PatientRecord p) {
		// A birth year, or year and month, is no evidence for or against a day.
		LocalDate birthDate = p.birthDatePrecision() == ChronoUnit.DAYS ? p.birthDate() : null;
		return of(p.id().value(), p.key().source(), p.familyName(), p.givenNames(), birthDate, p.sex(), p.addressLine(),
				p.postalCode(), p.phone(), p.email(), p.identifiers());
	}

	public static LinkageRecord of(UUID id, String source, String family, String given, LocalDate birthDate, String sex,
			String addressLine, String postalCode, String phone, String email,
			List<PatientRecord.Identifier> identifiers) {
		String ssn = null;
		Set<String> keys = new LinkedHashSet<>();
		for (PatientRecord.Identifier identifier : identifiers) {
			if (identifier.value() == null || identifier.value().isBlank()) {
				continue;
			}
			if (SSN_SYSTEM.equals(identifier.system()) || "SS".equals(identifier.typeCode())) {
				String digits = digits(identifier.value());
				ssn = digits.length() == 9 ? digits : ssn;
			}
			else if (identifier.system() != null && !identifier.system().isBlank()) {
				keys.add(identifier.system() + "|" + identifier.value().strip());
			}
		}
		String phoneDigits = phone == null ? null : digits(phone);
		if (phoneDigits != null && phoneDigits.length() > 10) {
			phoneDigits = phoneDigits.substring(phoneDigits.length() - 10);
		}
		return new LinkageRecord(id, source, name(family), name(given), birthDate, sex(sex), street(addressLine),
				postalCode == null || postalCode.isBlank() ? null
						: postalCode.strip().substring(0, Math.min(5, postalCode.strip().length())),
				phoneDigits == null || phoneDigits.length() < 7 ? null : phoneDigits,
				email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT), ssn, keys);
	}

	/** The first given name, or null. */
	public String firstGiven() {
		if (this.given == null) {
			return null;
		}
		int space = this.given.indexOf(' ');
		return space < 0 ? this.given : this.given.substring(0, space);
	}

	/**
	 * Upper-case letters only, words separated by one space: "O'Connell" becomes
	 * "OCONNELL", "María-José" becomes "MARIA JOSE", Synthea's "Alda400" becomes "ALDA".
	 */
	static String name(String raw) {
		if (raw == null) {
			return null;
		}
		String plain = Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		StringBuilder out = new StringBuilder(plain.length());
		boolean space = false;
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				if (space && out.length() > 0) {
					out.append(' ');
				}
				space = false;
				out.append(Character.toUpperCase(c));
			}
			else if (c == ' ' || c == '-' || c == ',') {
				space = true;
			}
		}
		return out.length() == 0 ? null : out.toString();
	}

	private static final String[][] STREET_WORDS = { { "STREET", "ST" }, { "AVENUE", "AVE" }, { "ROAD", "RD" },
			{ "DRIVE", "DR" }, { "BOULEVARD", "BLVD" }, { "LANE", "LN" }, { "COURT", "CT" }, { "PLACE", "PL" },
			{ "TERRACE", "TER" }, { "APARTMENT", "APT" }, { "SUITE", "STE" }, { "UNIT", "APT" }, { "NORTH", "N" },
			{ "SOUTH", "S" }, { "EAST", "E" }, { "WEST", "W" } };

	static String street(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String plain = Normalizer.normalize(raw, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toUpperCase(Locale.ROOT)
			.replaceAll("[^A-Z0-9 ]", " ");
		StringBuilder out = new StringBuilder();
		for (String word : plain.split(" +")) {
			if (word.isEmpty()) {
				continue;
			}
			String w = word;
			for (String[] abbreviation : STREET_WORDS) {
				if (abbreviation[0].equals(word)) {
					w = abbreviation[1];
				}
			}
			out.append(out.length() == 0 ? "" : " ").append(w);
		}
		return out.length() == 0 ? null : out.toString();
	}

	private static String sex(String raw) {
		if (raw == null) {
			return null;
		}
		String s = raw.strip().toLowerCase(Locale.ROOT);
		return s.equals("male") || s.equals("female") ? s : null;
	}

	static String digits(String raw) {
		StringBuilder out = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				out.append(c);
			}
		}
		return out.toString();
	}

}
