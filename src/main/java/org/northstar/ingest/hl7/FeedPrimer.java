package org.northstar.ingest.hl7;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.hl7v2.HL7Exception;
import org.northstar.clinical.FeedEncounter;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * Reads synthetic admissions, transfers, updates and discharges the way the feed reads
 * them, storing nothing, before the MLLP port opens.
 *
 * <p>
 * After a restart an interface engine sends everything it queued at once, and the first
 * thousands of messages would be read by a JVM that still interprets HAPI's parser and
 * the mapping: measured, the first 2,000 messages after a start cost five times the CPU
 * of later ones. Reading made-up messages for a moment first lets the JIT compile that
 * code while nobody waits. {@link #prime} writes nothing and looks no patient up: the
 * messages are parsed, read, turned into an encounter and its FHIR JSON, and acknowledged
 * in memory. {@link #visit} makes the visits {@link Hl7Inbox} then applies, each in a
 * transaction it rolls back, to compile the database half of a message too.
 */
final class FeedPrimer {

	private static final List<String> EVENTS = List.of("A01", "A02", "A08", "A03", "A04", "A08", "A03");

	private FeedPrimer() {
	}

	/**
	 * @return how many messages were read, at most {@code limit}, within about
	 * {@code budget}
	 */
	static int prime(Hl7Parser parser, ZoneId zone, int limit, Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		int read = 0;
		FeedEncounter current = null;
		PatientId patient = new PatientId(UUID.nameUUIDFromBytes("northstar feed primer".getBytes()));
		while (read < limit && System.nanoTime() < deadline) {
			String event = EVENTS.get(read % EVENTS.size());
			if (event.equals("A01") || event.equals("A04")) {
				current = null;
			}
			String raw = message("", event, read);
			Header header = Header.read(raw);
			try {
				AdtMessage adt = AdtMessage.read(header,
						AdtEvent.of(header.messageType(), header.event()).orElseThrow(),
						parser.parse(Hl7Inbox.parseable(raw, header)), zone);
				RecordKey key = new RecordKey(header.source(), "Encounter", adt.visit().visitNumber());
				current = VisitEvents.apply(current, key, patient, adt.event(), adt.eventAt(), adt.visit());
				FhirEncounters.toJson(current);
				Acks.accept(header);
			}
			catch (HL7Exception ex) {
				throw new IllegalStateException("The feed primer's own message " + event + " could not be read", ex);
			}
			read++;
		}
		return read;
	}

	/**
	 * The messages of one made-up visit, an inpatient stay or an ED visit by turns, of a
	 * made-up patient of the primer's own assigning authority; {@code thread} keeps one
	 * thread's patients and visits apart from another's.
	 */
	static List<String> visit(String thread, int visit) {
		int first = (visit % 2 == 0) ? 0 : 4;
		int last = (visit % 2 == 0) ? 4 : EVENTS.size();
		List<String> messages = new ArrayList<>(last - first);
		for (int i = first; i < last; i++) {
			messages.add(message(thread, EVENTS.get(i), visit / 2 * EVENTS.size() + i));
		}
		return messages;
	}

	private static String message(String thread, String event, int n) {
		int visit = n / EVENTS.size();
		String at = "2026010" + (1 + n % 9) + "08" + String.format("%02d", n % 60) + "00";
		String inpatient = event.equals("A04") ? "E" : "I";
		String[] pv1 = new String[46];
		java.util.Arrays.fill(pv1, "");
		pv1[0] = "PV1";
		pv1[1] = "1";
		pv1[2] = inpatient;
		pv1[3] = "4W^40" + (n % 10) + "^1^PRIMER";
		pv1[4] = inpatient.equals("E") ? "E" : "U";
		pv1[7] = "1234^Attending^Ann";
		pv1[10] = "MED";
		pv1[14] = "7";
		pv1[19] = "PRIMER-V" + thread + visit;
		pv1[36] = event.equals("A03") ? "01" : "";
		pv1[44] = at;
		pv1[45] = event.equals("A03") ? at : "";
		return "MSH|^~\\&|PRIMER|PRIMER|NORTHSTAR|NORTHSTAR|" + at + "||ADT^" + event + "|PRIMER" + thread + n
				+ "|P|2.5.1\r" + "EVN|" + event + "|" + at + "\r" + "PID|1||PRIMER" + thread + visit
				+ "^^^PRIMER^MR||Primer^Pat^" + (char) ('A' + n % 26)
				+ "||19600101|F|||1 Test Street^^Springfield^IL^62701||^PRN^PH^^^217^5550100\r" + String.join("|", pv1)
				+ "\r";
	}

}
