package org.northstar.patient.linkage;

import java.time.LocalDate;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Soundex;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Field comparators. String similarity is Commons Text's (Jaro-Winkler, Levenshtein) and
 * phonetic codes are Commons Codec's (Double Metaphone, Soundex); the rules of what
 * counts as a partial agreement for dates, phones and identifiers are our own.
 */
final class Comparators {

	private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

	private static final LevenshteinDistance LEVENSHTEIN_1 = new LevenshteinDistance(1);

	private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

	private static final Soundex SOUNDEX = Soundex.US_ENGLISH;

	private Comparators() {
	}

	static Agreement familyName(String a, String b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		if (a.equals(b)) {
			return Agreement.AGREE;
		}
		if (shareAWord(a, b) || similar(a, b)) {
			return Agreement.PARTIAL;
		}
		return Agreement.DISAGREE;
	}

	/**
	 * First given names: equal, or a nickname, a typo, a sound-alike, a name cut short,
	 * an initial, or the middle name used as the first.
	 */
	static Agreement givenName(String a, String b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		String firstA = first(a);
		String firstB = first(b);
		if (firstA.equals(firstB)) {
			return Agreement.AGREE;
		}
		if (Nicknames.same(firstA, firstB) || similar(firstA, firstB) || isShortFormOf(firstA, firstB)
				|| isShortFormOf(firstB, firstA) || isInitialOf(firstA, firstB) || isInitialOf(firstB, firstA)
				|| shareAWord(a, b)) {
			return Agreement.PARTIAL;
		}
		return Agreement.DISAGREE;
	}

	/**
	 * Birth dates: equal, or day and month swapped, or one digit mistyped, or two
	 * adjacent digits transposed.
	 */
	static Agreement birthDate(LocalDate a, LocalDate b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		if (a.equals(b)) {
			return Agreement.AGREE;
		}
		if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
				&& a.getDayOfMonth() == b.getMonthValue()) {
			return Agreement.PARTIAL;
		}
		String da = a.toString();
		String db = b.toString();
		return oneEditOrTransposition(da, db) ? Agreement.PARTIAL : Agreement.DISAGREE;
	}

	static Agreement sex(String a, String b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		return a.equals(b) ? Agreement.AGREE : Agreement.DISAGREE;
	}

	/**
	 * Street address: the same line (allowing a typo) agrees; another line in the same
	 * postal code agrees partly.
	 */
	static Agreement address(String lineA, String postalA, String lineB, String postalB) {
		boolean samePostal = postalA != null && postalA.equals(postalB);
		boolean postalKnown = postalA != null && postalB != null;
		if (lineA != null && lineB != null) {
			if ((lineA.equals(lineB) || JARO_WINKLER.apply(lineA, lineB) >= 0.93) && (samePostal || !postalKnown)) {
				return Agreement.AGREE;
			}
			return samePostal ? Agreement.PARTIAL : Agreement.DISAGREE;
		}
		if (!postalKnown) {
			return Agreement.MISSING;
		}
		return samePostal ? Agreement.PARTIAL : Agreement.DISAGREE;
	}

	/** Phone numbers, e-mail addresses and identifiers: equal, or one slip of the key. */
	static Agreement exactOrTypo(String a, String b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		if (a.equals(b)) {
			return Agreement.AGREE;
		}
		return oneEditOrTransposition(a, b) ? Agreement.PARTIAL : Agreement.DISAGREE;
	}

	static Agreement email(String a, String b) {
		if (a == null || b == null) {
			return Agreement.MISSING;
		}
		if (a.equals(b)) {
			return Agreement.AGREE;
		}
		int at = a.indexOf('@');
		if (at > 0 && b.startsWith(a.substring(0, at + 1)) || oneEditOrTransposition(a, b)) {
			return Agreement.PARTIAL;
		}
		return Agreement.DISAGREE;
	}

	static String soundex(String name) {
		if (name == null) {
			return null;
		}
		try {
			return SOUNDEX.soundex(first(name));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean similar(String a, String b) {
		if (a.length() < 2 || b.length() < 2) {
			return false;
		}
		return JARO_WINKLER.apply(a, b) >= 0.9
				|| LEVENSHTEIN_1.apply(a, b) == 1 && Math.min(a.length(), b.length()) >= 4
				|| METAPHONE.isDoubleMetaphoneEqual(a, b) && a.charAt(0) == b.charAt(0);
	}

	/**
	 * Bart for Bartholomew, Chris for Christopher: a name cut short, of three letters or
	 * more.
	 */
	private static boolean isShortFormOf(String shortForm, String name) {
		return shortForm.length() >= 3 && name.length() > shortForm.length() && name.startsWith(shortForm);
	}

	private static boolean isInitialOf(String initial, String name) {
		return initial.length() == 1 && name.charAt(0) == initial.charAt(0);
	}

	private static boolean shareAWord(String a, String b) {
		if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) {
			return false;
		}
		for (String wordA : a.split(" ")) {
			if (wordA.length() < 3) {
				continue;
			}
			for (String wordB : b.split(" ")) {
				if (wordA.equals(wordB)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String first(String names) {
		int space = names.indexOf(' ');
		return space < 0 ? names : names.substring(0, space);
	}

	static boolean oneEditOrTransposition(String a, String b) {
		if (LEVENSHTEIN_1.apply(a, b) == 1) {
			return true;
		}
		if (a.length() != b.length()) {
			return false;
		}
		int first = -1;
		for (int i = 0; i < a.length(); i++) {
			if (a.charAt(i) != b.charAt(i)) {
				if (first < 0) {
					first = i;
				}
				else {
					return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
							&& a.substring(i + 1).equals(b.substring(i + 1));
				}
			}
		}
		return false;
	}

}
