package org.northstar.ingest.hl7;

import java.time.Instant;

/**
 * One message in the inbox.
 *
 * @param sender the sending application and facility, {@code MSH-3|MSH-4}
 * @param controlId MSH-10; with the sender, what makes a resend a duplicate
 * @param raw the message exactly as received; {@code null} in lists
 * @param ackText the acknowledgement sent, returned again for a duplicate; {@code null}
 * in lists
 * @param errorReason why it was rejected or could not be applied
 * @param patientKey the identifier the message was serialised on, {@code system|value}
 * @param attempts 1, plus one per reprocess
 */
public record Hl7Message(long id, String sender, String controlId, String messageType, String eventType, String version,
		Hl7MessageStatus status, String ackCode, String errorReason, String patientKey, Instant receivedAt,
		Instant processedAt, int attempts, String raw, String ackText) {

}
