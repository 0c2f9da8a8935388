package org.northstar.ingest.hl7;

import java.time.Instant;

import org.northstar.clinical.FeedEncounter;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * How an ADT event changes a visit, whatever order the events arrive in.
 *
 * <p>
 * Feeds deliver late and out of order: an A03 can come before its A01. Each event is
 * applied at the time it happened, not the time it arrived. The status follows the newest
 * event that sets one; an older event fills in what is still missing (the A01's admit
 * time and source) but never undoes a newer one (it does not reopen a finished visit).
 * Details follow the same rule: a newer message replaces them, an older one only fills
 * gaps.
 */
final class VisitEvents {

	private VisitEvents() {
	}

	static FeedEncounter apply(FeedEncounter current, RecordKey key, PatientId patient, AdtEvent event, Instant eventAt,
			AdtMessage.VisitPart visit) {
		Instant when = switch (event) {
			case A01, A04 -> visit.admittedAt() != null ? visit.admittedAt() : eventAt;
			case A03 -> visit.dischargedAt() != null ? visit.dischargedAt() : eventAt;
			default -> eventAt;
		};
		String status = current == null ? null : current.status();
		Instant statusAt = current == null ? null : current.statusEventAt();
		Instant detailsAt = current == null ? null : current.detailsEventAt();
		Instant admitted = current == null ? null : current.admittedAt();
		Instant discharged = current == null ? null : current.dischargedAt();

		boolean statusIsNewer = statusAt == null || !when.isBefore(statusAt);
		if (event.status != null && statusIsNewer) {
			status = event.status;
			statusAt = when;
			if (event == AdtEvent.A03) {
				discharged = when;
			}
			else if (event == AdtEvent.A13 || event == AdtEvent.A01) {
				discharged = null;
			}
		}
		boolean detailsAreNewer = detailsAt == null || !when.isBefore(detailsAt);
		if (event == AdtEvent.A01 || event == AdtEvent.A04) {
			admitted = pick(admitted, when, detailsAreNewer);
		}
		else if (visit.admittedAt() != null) {
			admitted = pick(admitted, visit.admittedAt(), detailsAreNewer);
		}
		if (visit.dischargedAt() != null && event != AdtEvent.A13 && !"in-progress".equals(status)) {
			discharged = pick(discharged, visit.dischargedAt(), detailsAreNewer);
		}
		String classCode = classCode(event, visit.patientClass());
		FeedEncounter previous = current;
		String location = pick(previous == null ? null : previous.location(), visit.location(), detailsAreNewer);
		String attending = pick(previous == null ? null : previous.attending(), visit.attending(), detailsAreNewer);
		String admitSource = pick(previous == null ? null : previous.admitSource(), visit.admitSource(),
				detailsAreNewer);
		String disposition = pick(previous == null ? null : previous.dischargeDisposition(),
				visit.dischargeDisposition(), detailsAreNewer);
		String priority = pick(previous == null ? null : previous.priority(), priority(visit.admissionType()),
				detailsAreNewer);
		String service = pick(previous == null ? null : previous.service(), visit.hospitalService(), detailsAreNewer);
		String cls = pick(previous == null ? null : previous.classCode(), classCode,
				detailsAreNewer || event == AdtEvent.A06 || event == AdtEvent.A07);
		if (status == null) {
			// An event that sets no status (A08, A06...) for a visit not seen before.
			status = discharged != null ? "finished" : admitted != null ? "in-progress" : "planned";
			statusAt = when;
		}
		return new FeedEncounter(key, patient, key.sourceId(), status, cls, location, attending, admitSource,
				disposition, admitted, discharged, statusAt, detailsAreNewer ? when : detailsAt, priority, service);
	}

	/**
	 * PV1-4 admission type (HL7 table 0007) as a v3 ActPriority code, the codes imported
	 * encounters use; the types with no priority of their own (accident, labour and
	 * delivery, newborn) are left out rather than guessed.
	 */
	static String priority(String admissionType) {
		if (admissionType == null) {
			return null;
		}
		return switch (admissionType.strip().toUpperCase(java.util.Locale.ROOT)) {
			case "E" -> "EM";
			case "U" -> "UR";
			case "C" -> "EL";
			case "R" -> "R";
			default -> null;
		};
	}

	/**
	 * The new value when the event is newer or nothing is known yet; else the old one.
	 */
	private static <T> T pick(T current, T offered, boolean newer) {
		if (offered == null) {
			return current;
		}
		return (newer || current == null) ? offered : current;
	}

	/**
	 * PV1-2 patient class as a FHIR v3 ActCode, the codes the imported encounters use.
	 * A06 and A07 imply the class when PV1-2 is empty.
	 */
	static String classCode(AdtEvent event, String patientClass) {
		if (patientClass != null) {
			switch (patientClass.toUpperCase(java.util.Locale.ROOT)) {
				case "I", "B" -> {
					return "IMP";
				}
				case "E" -> {
					return "EMER";
				}
				case "O", "R" -> {
					return "AMB";
				}
				case "P" -> {
					return "PRENC";
				}
				default -> {
				}
			}
		}
		return switch (event) {
			case A06 -> "IMP";
			case A07 -> "AMB";
			default -> null;
		};
	}

}
