package org.northstar.ingest.hl7;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the inbox makes of a message's text and of failures, before any database. */
class Hl7InboxTests {

	private static final String ADMIT = "MSH|^~\\&|EPIC|GENHOSP|NS|NS|20260101||ADT^A01^ADT_A01|C-1|P|2.8.2\r"
			+ "EVN|A01|20260101\rPID|1||MRN-1^^^GENHOSP^MR\r";

	@Test
	void describesAnExceptionWithoutAMessageByItsClassAndTheCodeItCameFrom() {
		String reason = Hl7Inbox.describe(new NullPointerException());

		assertThat(reason).startsWith("NullPointerException at ingest.hl7.Hl7InboxTests.").doesNotContain("null");
	}

	@Test
	void describesAWrappedFailureByItsCauseFirst() {
		RuntimeException wrapped = new IllegalStateException("a long wrapper message",
				new java.sql.SQLException("ERROR: value too long"));

		assertThat(Hl7Inbox.describe(wrapped))
			.startsWith(
					"IllegalStateException caused by SQLException: ERROR: value too long at ingest.hl7.Hl7InboxTests.")
			.endsWith(": a long wrapper message");
	}

	@Test
	void readsSegmentsEndingInLfOrCrLfAsEndingInCr() {
		Header header = Header.read(ADMIT);

		assertThat(Hl7Inbox.parseable(ADMIT.replace("\r", "\n"), header)).isEqualTo(Hl7Inbox.parseable(ADMIT, header));
		assertThat(Hl7Inbox.parseable(ADMIT.replace("\r", "\r\n"), header))
			.isEqualTo(Hl7Inbox.parseable(ADMIT, header));
	}

	@Test
	void readsVersion282AsTheNewestVersionHapiKnows() {
		assertThat(Hl7Inbox.parseable(ADMIT, Header.read(ADMIT))).startsWith(
				"MSH|^~\\&|EPIC|GENHOSP|NS|NS|20260101||ADT^A01^ADT_A01|C-1|P|2.8.1\rEVN|A01|20260101\rPID|1||MRN-1");
	}

}
