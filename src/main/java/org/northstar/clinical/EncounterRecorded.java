package org.northstar.clinical;

import java.time.Instant;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * An encounter was created or changed by a feed. Published inside the transaction that
 * stored it, so a listener that runs after commit never misses one and never sees one
 * that was rolled back.
 *
 * <p>
 * Listeners are {@code @ApplicationModuleListener}s: the event is stored with the
 * encounter (the event publication registry), and each listener runs after the commit in
 * a transaction of its own, so it can neither refuse nor roll back the encounter. A
 * listener may run again for the same event (a retry after a failure, a resubmission
 * after a restart), and the reactions to two messages about one patient may run in either
 * order or at once: a listener must be idempotent, and must not assume it has seen the
 * events before this one.
 *
 * @param encounter Northstar's id of the encounter
 * @param previousStatus the status before, or {@code null} when the encounter is new
 * @param previousClassCode the class before (an ED visit becomes an inpatient stay with
 * an A06), or {@code null} when the encounter is new
 * @param previousAdmittedAt when the encounter began before, or {@code null} when new or
 * not known then (a corrected admission time moves what it counts towards)
 * @param status the status now: planned, in-progress, finished or cancelled
 * @param dischargeDisposition where the patient went, as the source coded it (HL7 PV1-36,
 * e.g. 01 = home)
 * @param whereaboutsOnly whether the message changed no more than where the patient is
 * and who attends them (a transfer, an update of the bed or the doctor): the patient,
 * status, class, times, priority, admit source, service and disposition are as they were;
 * false when the encounter is new, {@code null} in a reaction stored before this was
 * recorded
 */
public record EncounterRecorded(UUID encounter, PatientId patient, String source, String visitNumber,
		String previousStatus, String previousClassCode, Instant previousAdmittedAt, String status, String classCode,
		String location, Instant admittedAt, Instant dischargedAt, String dischargeDisposition,
		Boolean whereaboutsOnly) {

	/** The patient is in hospital now and was not before: an admission to follow up. */
	public boolean admitted() {
		return "in-progress".equals(this.status) && !"in-progress".equals(this.previousStatus);
	}

	/**
	 * The patient is an inpatient now and was not before: admitted directly, or from the
	 * emergency department or observation (A06).
	 */
	public boolean admittedAsInpatient() {
		return "IMP".equals(this.classCode) && "in-progress".equals(this.status)
				&& !("IMP".equals(this.previousClassCode) && "in-progress".equals(this.previousStatus));
	}

	/**
	 * The encounter has just finished: a discharge, the start of a transition of care.
	 */
	public boolean discharged() {
		return "finished".equals(this.status) && !"finished".equals(this.previousStatus);
	}

}
