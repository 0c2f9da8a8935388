package org.northstar.ingest.hl7;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Acknowledgements in original mode. Written out rather than built with HAPI's
 * {@code generateACK}, because an ACK is also owed to a message HAPI could not parse; one
 * writer for all keeps them alike. The ACK takes the version of the message it answers,
 * so a v2.3 sender gets a v2.3 ACK, and uses the standard delimiters.
 */
final class Acks {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

	private Acks() {
	}

	static String accept(Header header) {
		return build(header, "AA", null);
	}

	static String error(Header header, Hl7Error error) {
		return build(header, "AE", error);
	}

	static String reject(Header header, Hl7Error error) {
		return build(header, "AR", error);
	}

	private static String build(Header h, String code, Hl7Error error) {
		String version = h.version() == null || !Header.SUPPORTED_VERSIONS.contains(h.version()) ? "2.5.1"
				: h.version();
		StringBuilder ack = new StringBuilder(256);
		ack.append("MSH|^~\\&|NORTHSTAR|NORTHSTAR|")
			.append(escape(h.sendingApplication()))
			.append('|')
			.append(escape(h.sendingFacility()))
			.append('|')
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP))
			.append("||ACK");
		if (h.event() != null) {
			ack.append('^').append(escape(h.event()));
			if (!version.startsWith("2.3")) {
				ack.append("^ACK");
			}
		}
		ack.append('|')
			.append("NS")
			.append(Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36))
			.append('|')
			.append(h.processingId() == null ? "P" : escape(h.processingId()))
			.append('|')
			.append(version)
			.append('\r');
		ack.append("MSA|").append(code).append('|').append(escape(h.controlId()));
		if (error != null) {
			ack.append('|').append(escape(error.text()));
		}
		ack.append('\r');
		if (error != null) {
			ack.append("ERR|");
			if (version.startsWith("2.3") || version.startsWith("2.4")) {
				// Before 2.5, ERR-1 carries segment^sequence^field^code&text.
				ack.append(location(error)).append('^').append(error.code()).append('&').append(error.codeText());
			}
			else {
				ack.append('|')
					.append(location(error))
					.append('|')
					.append(error.code())
					.append('^')
					.append(error.codeText())
					.append("^HL70357|E||||")
					.append(escape(error.text()));
			}
			ack.append('\r');
		}
		return ack.toString();
	}

	private static String location(Hl7Error error) {
		return error.location() == null ? "" : error.location();
	}

	/** Keeps text from breaking the ACK's structure. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\E\\");
				case '|' -> escaped.append("\\F\\");
				case '^' -> escaped.append("\\S\\");
				case '&' -> escaped.append("\\T\\");
				case '~' -> escaped.append("\\R\\");
				case '\r', '\n' -> escaped.append(' ');
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
