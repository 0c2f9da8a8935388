package org.northstar.caseload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * The choke point for patient data: every screen and API asks here before it reads or
 * writes a patient's record, and every answer is written to the audit trail, refusals
 * included.
 */
@Service
public class PatientAccess {

	/** How long breaking the glass opens a record for. */
	public static final Duration EMERGENCY_ACCESS = Duration.ofHours(4);

	private final Caseloads caseloads;

	private final AuditTrail audit;

	private final RecordLinkage linkage;

	private final Clock clock;

	PatientAccess(Caseloads caseloads, AuditTrail audit, RecordLinkage linkage, Clock clock) {
		this.caseloads = caseloads;
		this.audit = audit;
		this.linkage = linkage;
		this.clock = clock;
	}

	/**
	 * Decides whether the user may do {@code action} on the patient's record and audits
	 * it.
	 * @param what what is touched, for the audit trail (e.g. "patient page", "Observation
	 * search")
	 * @param address the client's network address
	 */
	public AccessDecision check(UserAccount user, PatientId patient, AuditAction action, String what, String address) {
		Instant now = this.clock.instant();
		AccessDecision decision = this.caseloads.decide(user, patient, now);
		String reason = decision == AccessDecision.EMERGENCY ? this.caseloads.emergencyReason(user, patient, now)
				: null;
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what, address,
				decision.allowed() ? Outcome.SUCCESS : Outcome.DENIED, decision == AccessDecision.EMERGENCY, reason));
		return decision;
	}

	/**
	 * Decides access under a system-wide grant, such as an administrator's
	 * {@code system/*.read} API token, and audits it: permitted for administrators,
	 * refused to anyone else. Caseloads do not apply; the audit record says it was system
	 * access.
	 */
	public AccessDecision checkSystemAccess(UserAccount user, PatientId patient, AuditAction action, String what,
			String address) {
		boolean allowed = user.has(Role.ADMINISTRATOR);
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what + " (system access)",
				address, allowed ? Outcome.SUCCESS : Outcome.DENIED, false, null));
		return allowed ? AccessDecision.PERMITTED : AccessDecision.REFUSED;
	}

	/**
	 * Decides whether the user may see or decide on a record the matcher proposed as the
	 * same person as one they may see, and audits it under the candidate record. Only
	 * coordinators and supervisors decide on linkage, and only for pairs the matcher
	 * compared: to say whether two records are one person, they must see both.
	 * @param known the record the user may see (on their caseload, or linked to one that
	 * is)
	 */
	public AccessDecision checkLinkCandidate(UserAccount user, PatientId candidate, PatientId known, AuditAction action,
			String what, String address) {
		Instant now = this.clock.instant();
		boolean mayDecide = user.has(Role.COORDINATOR) || user.has(Role.SUPERVISOR);
		AccessDecision decision = mayDecide && this.linkage.candidate(known, candidate).isPresent()
				? this.caseloads.decide(user, known, now) : AccessDecision.REFUSED;
		if (decision == AccessDecision.EMERGENCY) {
			// Breaking the glass opens one person's record, not the records of others.
			decision = AccessDecision.REFUSED;
		}
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, candidate,
				what + " (candidate for " + known.value() + ")", address,
				decision.allowed() ? Outcome.SUCCESS : Outcome.DENIED, false, null));
		return decision;
	}

	/**
	 * Opens a record outside the user's caseloads for {@link #EMERGENCY_ACCESS}, flagged
	 * in the audit trail with the reason given.
	 * @throws IllegalArgumentException if no reason is given
	 */
	public void breakTheGlass(UserAccount user, PatientId patient, String reason, String address) {
		if (reason == null || reason.strip().length() < 10) {
			throw new IllegalArgumentException("Say why you need this record (at least 10 characters)");
		}
		Instant now = this.clock.instant();
		this.caseloads.grantEmergencyAccess(user, patient, reason.strip(), now, EMERGENCY_ACCESS);
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.BREAK_THE_GLASS, patient,
				"emergency access for " + EMERGENCY_ACCESS.toHours() + " h", address, Outcome.SUCCESS, true,
				reason.strip()));
	}

}
