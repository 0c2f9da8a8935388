package org.northstar.ingest.hl7;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MSH read by hand, so that even a message HAPI refuses is stored and answered. */
class HeaderTests {

	@Test
	void readsSenderControlIdTypeAndVersion() {
		Header header = Header.read("MSH|^~\\&|EPIC|GENHOSP|NS|NS|20260101||ADT^A01^ADT_A01|C-1|P|2.5.1\rEVN|A01\r");

		assertThat(header.problem()).isNull();
		assertThat(header.sender()).isEqualTo("EPIC|GENHOSP");
		assertThat(header.source()).isEqualTo("hl7:GENHOSP");
		assertThat(header.controlId()).isEqualTo("C-1");
		assertThat(header.messageType()).isEqualTo("ADT");
		assertThat(header.event()).isEqualTo("A01");
		assertThat(header.version()).isEqualTo("2.5.1");
	}

	@Test
	void namesTheSenderOfAMessageWithWrongEncodingCharacters() {
		Header header = Header.read("MSH|^^\\&|EPIC|GENHOSP|NS|NS|20260101||ADT^A01|C-2|P|2.5\r");

		assertThat(header.problem()).contains("encoding characters");
		assertThat(header.controlId()).isEqualTo("C-2");
		assertThat(header.sender()).isEqualTo("EPIC|GENHOSP");
	}

	@Test
	void refusesVersionsOutsideTwoThreeToTwoEight() {
		assertThat(Header.read("MSH|^~\\&|A|F|||2026||ADT^A01|1|P|2.2\r").problem()).contains("'2.2' is not supported");
		assertThat(Header.read("MSH|^~\\&|A|F|||2026||ADT^A01|1|P|2.9\r").problem()).contains("'2.9'");
		assertThat(Header.read("MSH|^~\\&|A|F|||2026||ADT^A01|1|P|2.3\r").problem()).isNull();
		assertThat(Header.read("MSH|^~\\&|A|F|||2026||ADT^A01|1|P|2.8\r").problem()).isNull();
	}

	@Test
	void refusesWhatIsNotAnHl7Message() {
		assertThat(Header.read("PID|1||X\r").problem()).contains("MSH");
		assertThat(Header.read("MSH|^~\\&|A|F|||2026||ADT^A01||P|2.5\r").problem()).contains("MSH-10");
	}

	@Test
	void acknowledgesInTheVersionOfTheMessage() {
		Header v23 = Header.read("MSH|^~\\&|A|F|||2026||ADT^A03|C-3|P|2.3\r");

		String ack = Acks.error(v23, Hl7Error.requiredFieldMissing("PID^1^3", "no | pipes ^ here"));

		assertThat(ack).startsWith("MSH|^~\\&|NORTHSTAR|NORTHSTAR|A|F|")
			.contains("||ACK^A03|")
			.contains("|P|2.3\r")
			.contains("MSA|AE|C-3|no \\F\\ pipes \\S\\ here\r")
			.contains("ERR|PID^1^3^101&Required field missing\r");
	}

}
