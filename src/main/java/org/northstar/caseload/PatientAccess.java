package org.northstar.caseload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.patient.RecordLinkage;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.beans.factory.annotation.Value;
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

	/**
	 * The roles that may ever break the glass: those who care for patients. An
	 * administrator manages accounts and the audit trail, and must not also be able to
	 * open any record they like.
	 */
	public static final Set<Role> CLINICAL_ROLES = EnumSet.of(Role.COORDINATOR, Role.SUPERVISOR, Role.CARE_TEAM_MEMBER);

	private final Caseloads caseloads;

	private final AuditTrail audit;

	private final RecordLinkage linkage;

	private final Clock clock;

	private final Set<Role> breakTheGlassRoles;

	/**
	 * @param breakTheGlassRoles the roles that may break the glass, some of
	 * {@link #CLINICAL_ROLES}
	 * @throws IllegalStateException if a role that is not clinical is named
	 */
	PatientAccess(Caseloads caseloads, AuditTrail audit, RecordLinkage linkage, Clock clock,
			@Value("${northstar.access.break-the-glass-roles:COORDINATOR,SUPERVISOR,CARE_TEAM_MEMBER}") Set<Role> breakTheGlassRoles) {
		this.caseloads = caseloads;
		this.audit = audit;
		this.linkage = linkage;
		this.clock = clock;
		Set<Role> notClinical = EnumSet.noneOf(Role.class);
		notClinical.addAll(breakTheGlassRoles);
		notClinical.removeAll(CLINICAL_ROLES);
		if (!notClinical.isEmpty()) {
			throw new IllegalStateException("northstar.access.break-the-glass-roles may name only clinical roles ("
					+ names(CLINICAL_ROLES) + "), not " + names(notClinical));
		}
		this.breakTheGlassRoles = breakTheGlassRoles.isEmpty() ? EnumSet.noneOf(Role.class)
				: EnumSet.copyOf(breakTheGlassRoles);
	}

	private static String names(Set<Role> roles) {
		return roles.stream().map(Role::name).collect(Collectors.joining(", "));
	}

	/**
	 * Whether the user holds a role that may break the glass
	 * ({@code northstar.access.break-the-glass-roles}).
	 */
	public boolean mayBreakTheGlass(UserAccount user) {
		return this.breakTheGlassRoles.stream().anyMatch(user::has);
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
		if (decision == AccessDecision.EMERGENCY && !mayBreakTheGlass(user)) {
			// Granted under a role the user no longer has.
			decision = AccessDecision.REFUSED;
		}
		String reason = decision == AccessDecision.EMERGENCY ? this.caseloads.emergencyReason(user, patient, now)
				: null;
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what, address,
				decision.allowed() ? Outcome.SUCCESS : Outcome.DENIED, decision == AccessDecision.EMERGENCY, reason));
		return decision;
	}

	/**
	 * Decides whether the user may change what the person's care team agreed (the care
	 * plan, the care team, handoffs) and audits it. Permitted to a clinical role with
	 * access from a caseload or the care team. Emergency access reads and does not write:
	 * the glass is broken to look in an emergency, not to change a plan others keep, so a
	 * change under it is refused and audited as refused under emergency access.
	 */
	public AccessDecision checkChange(UserAccount user, PatientId patient, AuditAction action, String what,
			String address) {
		Instant now = this.clock.instant();
		AccessDecision decision = this.caseloads.decide(user, patient, now);
		boolean emergency = decision == AccessDecision.EMERGENCY;
		String reason = emergency ? this.caseloads.emergencyReason(user, patient, now) : null;
		boolean allowed = decision == AccessDecision.PERMITTED && CLINICAL_ROLES.stream().anyMatch(user::has);
		String refusal = allowed ? "" : emergency ? " (refused: emergency access may read, not change)" : "";
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, patient, what + refusal, address,
				allowed ? Outcome.SUCCESS : Outcome.DENIED, emergency, reason));
		return allowed ? AccessDecision.PERMITTED : AccessDecision.REFUSED;
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
	 * @throws EmergencyAccessRefusedException if the user's roles may not break the glass
	 * (audited as refused)
	 */
	public void breakTheGlass(UserAccount user, PatientId patient, EmergencyReason reason, String address) {
		if (!mayBreakTheGlass(user)) {
			this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.BREAK_THE_GLASS, patient,
					"emergency access refused: role may not break the glass", address, Outcome.DENIED, true,
					reason.text()));
			throw new EmergencyAccessRefusedException("Your role may not break the glass"
					+ (this.breakTheGlassRoles.isEmpty() ? "" : " (only " + names(this.breakTheGlassRoles) + " may)")
					+ ". Ask the patient's coordinator or a supervisor.");
		}
		Instant now = this.clock.instant();
		this.caseloads.grantEmergencyAccess(user, patient, reason.text(), now, EMERGENCY_ACCESS);
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.BREAK_THE_GLASS, patient,
				"emergency access for " + EMERGENCY_ACCESS.toHours() + " h", address, Outcome.SUCCESS, true,
				reason.text()));
	}

}
