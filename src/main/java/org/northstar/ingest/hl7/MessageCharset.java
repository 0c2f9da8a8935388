package org.northstar.ingest.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The character set a message is written in: the one its MSH-18 names (HL7 table 0211),
 * else the configured one. MSH is ASCII in every character set MLLP can carry, so MSH-18
 * is read from the bytes before the message is decoded.
 */
final class MessageCharset {

	private static final Logger log = LoggerFactory.getLogger(MessageCharset.class);

	/** HL7 table 0211; the same mapping as HAPI's. */
	private static final Map<String, String> TABLE_0211 = Map.ofEntries(Map.entry("ASCII", "US-ASCII"),
			Map.entry("8859/1", "ISO-8859-1"), Map.entry("8859/2", "ISO-8859-2"), Map.entry("8859/3", "ISO-8859-3"),
			Map.entry("8859/4", "ISO-8859-4"), Map.entry("8859/5", "ISO-8859-5"), Map.entry("8859/6", "ISO-8859-6"),
			Map.entry("8859/7", "ISO-8859-7"), Map.entry("8859/8", "ISO-8859-8"), Map.entry("8859/9", "ISO-8859-9"),
			Map.entry("8859/15", "ISO-8859-15"), Map.entry("ISO IR6", "US-ASCII"), Map.entry("ISO IR14", "JIS_X0201"),
			Map.entry("ISO IR87", "x-JIS0208"), Map.entry("ISO IR159", "JIS_X0212-1990"),
			Map.entry("GB 18030-2000", "GB18030"), Map.entry("KS X 1001", "EUC-KR"),
			Map.entry("CNS 11643-1992", "x-EUC-TW"), Map.entry("BIG-5", "Big5"), Map.entry("UNICODE", "UTF-8"),
			Map.entry("UNICODE UTF-8", "UTF-8"));

	private MessageCharset() {
	}

	static Charset of(byte[] message, Charset fallback) {
		String msh18 = msh18(message);
		if (msh18 == null || msh18.isEmpty()) {
			return fallback;
		}
		String name = TABLE_0211.get(msh18);
		if (name == null || !Charset.isSupported(name)) {
			log.warn("MSH-18 character set '{}' is not one Northstar reads; reading the message as {}", msh18,
					fallback);
			return fallback;
		}
		return Charset.forName(name);
	}

	static String decode(byte[] message, Charset charset) {
		int bom = hasUtf8Bom(message) ? 3 : 0;
		return new String(message, bom, message.length - bom, charset);
	}

	private static String msh18(byte[] message) {
		int start = hasUtf8Bom(message) ? 3 : 0;
		int end = start;
		while (end < message.length && message[end] != '\r' && message[end] != '\n') {
			end++;
		}
		String msh = new String(message, start, end - start, StandardCharsets.ISO_8859_1);
		if (msh.length() < 8 || !msh.startsWith("MSH")) {
			return null;
		}
		String[] fields = msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1);
		if (fields.length < 18 || fields[1].length() < 2) {
			return null;
		}
		String first = fields[17].split(Pattern.quote(String.valueOf(fields[1].charAt(1))), -1)[0];
		return first.replaceAll("[^\\x20-\\x7e]", "").strip();
	}

	private static boolean hasUtf8Bom(byte[] message) {
		return message.length >= 3 && (message[0] & 0xff) == 0xef && (message[1] & 0xff) == 0xbb
				&& (message[2] & 0xff) == 0xbf;
	}

}
