package org.northstar.clinical;

import java.time.Instant;
import java.util.Objects;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * A visit as a hospital's ADT feed describes it, after every message applied so far.
 *
 * @param key the feed's source, {@code Encounter} and the visit number
 * @param status FHIR Encounter status: planned, in-progress, finished or cancelled
 * @param classCode FHIR v3 ActCode: IMP (inpatient), EMER (emergency), AMB (outpatient),
 * PRENC (pre-admission)
 * @param location where the patient is, as the feed names it (point of care, room, bed)
 * @param attending the attending doctor's name as the feed gives it
 * @param statusEventAt when the event that set the status happened; an older event no
 * longer changes it
 * @param detailsEventAt when the event that last set the details happened
 * @param priority how urgent the admission was, as a v3 ActPriority code (from PV1-4
 * admission type: E emergency → EM, U urgent → UR, C elective → EL, R routine → R), or
 * null
 * @param service the hospital service (PV1-10) as the feed codes it, or null
 */
public record FeedEncounter(RecordKey key, PatientId patient, String visitNumber, String status, String classCode,
		String location, String attending, String admitSource, String dischargeDisposition, Instant admittedAt,
		Instant dischargedAt, Instant statusEventAt, Instant detailsEventAt, String priority, String service) {

	public FeedEncounter {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(patient, "patient");
	}

	/**
	 * Whether this is the visit {@code before} was, but for where the patient is, who
	 * attends them and when the events that said so happened.
	 */
	public boolean sameVisitAs(FeedEncounter before) {
		return this.key.equals(before.key) && this.patient.equals(before.patient)
				&& Objects.equals(this.status, before.status) && Objects.equals(this.classCode, before.classCode)
				&& Objects.equals(this.admitSource, before.admitSource)
				&& Objects.equals(this.dischargeDisposition, before.dischargeDisposition)
				&& Objects.equals(this.admittedAt, before.admittedAt)
				&& Objects.equals(this.dischargedAt, before.dischargedAt)
				&& Objects.equals(this.priority, before.priority) && Objects.equals(this.service, before.service);
	}

}
