package org.northstar.patient.linkage;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys: only records that share at least one key are compared, so finding
 * candidates grows with the number of records, not its square. Each key is a value two
 * records of one person usually still share after one field went wrong: an identifier,
 * the phone, the e-mail, the birth date (and its day-month swap), Soundex of the family
 * name with the birth year, the postal code with the initials, Soundex of the first name
 * with the birth day and month (for a changed family name).
 */
public final class Blocking {

	/**
	 * Blocks larger than this are skipped: a key that common (a default birth date, a
	 * shared switchboard number) says nothing, and comparing all its pairs would be
	 * quadratic.
	 */
	public static final int MAX_BLOCK = 1000;

	private Blocking() {
	}

	public static Set<String> keys(LinkageRecord r) {
		Set<String> keys = new LinkedHashSet<>();
		for (String identifier : r.identifiers()) {
			keys.add("id:" + identifier);
		}
		if (r.ssn() != null) {
			keys.add("ssn:" + r.ssn());
		}
		if (r.phone() != null) {
			keys.add("ph:" + r.phone());
		}
		if (r.email() != null) {
			keys.add("em:" + r.email());
		}
		LocalDate born = r.birthDate();
		if (born != null) {
			keys.add("dob:" + born);
			if (born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue()) {
				keys.add("dob:" + LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue()));
			}
			String family = Comparators.soundex(r.family());
			if (family != null) {
				keys.add("fy:" + family + born.getYear());
			}
			String given = Comparators.soundex(r.firstGiven());
			if (given != null) {
				keys.add("gmd:" + given + born.toString().substring(4));
			}
		}
		if (r.postalCode() != null && r.firstGiven() != null && r.family() != null) {
			keys.add("pz:" + r.postalCode() + r.firstGiven().charAt(0) + r.family().charAt(0));
		}
		return keys;
	}

}
