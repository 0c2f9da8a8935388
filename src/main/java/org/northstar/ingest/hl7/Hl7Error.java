package org.northstar.ingest.hl7;

/**
 * Why a message was refused, as the ACK's MSA-3 and ERR segment say it.
 *
 * @param code the HL7 error code (table 0357): 100 segment sequence error, 101 required
 * field missing, 102 data type error, 103 table value not found (MSH-4 is a value of the
 * facility table, 0362), 200 unsupported message type, 203 unsupported version id, 207
 * application internal error
 * @param location the segment and field at fault, as {@code PID^1^3}, or {@code null}
 * @param text the reason in words
 */
record Hl7Error(int code, String location, String text) {

	static Hl7Error requiredFieldMissing(String location, String text) {
		return new Hl7Error(101, location, text);
	}

	static Hl7Error dataTypeError(String location, String text) {
		return new Hl7Error(102, location, text);
	}

	String codeText() {
		return switch (this.code) {
			case 100 -> "Segment sequence error";
			case 101 -> "Required field missing";
			case 102 -> "Data type error";
			case 103 -> "Table value not found";
			case 200 -> "Unsupported message type";
			case 203 -> "Unsupported version id";
			default -> "Application internal error";
		};
	}

}
