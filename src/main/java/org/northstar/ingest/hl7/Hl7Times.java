package org.northstar.ingest.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * HL7 v2 timestamps ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}). Without an
 * offset a time is in the feed's zone; missing parts stand for their first moment.
 */
final class Hl7Times {

	private Hl7Times() {
	}

	/**
	 * @throws IllegalArgumentException naming the value when it is not an HL7 timestamp
	 */
	static Instant parse(String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		ZoneId offsetZone = zone;
		int sign = Math.max(text.indexOf('+'), text.indexOf('-'));
		if (sign > 0) {
			String offset = text.substring(sign);
			text = text.substring(0, sign);
			if (offset.length() != 5) {
				throw new IllegalArgumentException("'" + value + "' has an offset that is not +/-HHMM");
			}
			offsetZone = ZoneOffset.of(offset.substring(0, 3) + ":" + offset.substring(3));
		}
		String digits = text;
		int nanos = 0;
		int dot = text.indexOf('.');
		if (dot > 0) {
			digits = text.substring(0, dot);
			String fraction = (text.substring(dot + 1) + "000000000").substring(0, 9);
			nanos = parseInt(fraction, value);
		}
		if (digits.length() < 4 || digits.length() > 14 || digits.length() % 2 != 0) {
			throw new IllegalArgumentException("'" + value + "' is not an HL7 timestamp (YYYYMMDDHHMMSS)");
		}
		int year = parseInt(digits.substring(0, 4), value);
		int month = digits.length() >= 6 ? parseInt(digits.substring(4, 6), value) : 1;
		int day = digits.length() >= 8 ? parseInt(digits.substring(6, 8), value) : 1;
		int hour = digits.length() >= 10 ? parseInt(digits.substring(8, 10), value) : 0;
		int minute = digits.length() >= 12 ? parseInt(digits.substring(10, 12), value) : 0;
		int second = digits.length() >= 14 ? parseInt(digits.substring(12, 14), value) : 0;
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(offsetZone).toInstant();
		}
		catch (java.time.DateTimeException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a valid date and time: " + ex.getMessage());
		}
	}

	private static int parseInt(String digits, String value) {
		for (int i = 0; i < digits.length(); i++) {
			if (!Character.isDigit(digits.charAt(i))) {
				throw new IllegalArgumentException("'" + value + "' is not an HL7 timestamp (YYYYMMDDHHMMSS)");
			}
		}
		return Integer.parseInt(digits);
	}

}
