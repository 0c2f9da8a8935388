package org.northstar.caseload;

import java.time.Clock;
import java.time.Instant;

import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.patient.DecisionConflictException;
import org.northstar.patient.LinkCandidate;
import org.northstar.patient.People;
import org.northstar.patient.RecordLinkage;
import org.northstar.patient.Unlink;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * Who may decide which records are one person, and the audit of each decision. A link is
 * a disclosure: everyone who may open one of the person's records may then open all of
 * them. So:
 * <ul>
 * <li>only coordinators and supervisors decide;</li>
 * <li>a coordinator decides only on records she may already open, on her caseloads or her
 * team's: both records of a pair, the person of an unlink;</li>
 * <li>a supervisor decides on any pair the matcher proposed, and any linked person;</li>
 * <li>only a supervisor re-opens a pair marked as different people;</li>
 * <li>breaking the glass opens a record to read, never to change its links;</li>
 * <li>an unlink takes a reason, and whoever made it, or a supervisor, can undo it.</li>
 * </ul>
 * Every decision and every refusal is audited under each record it concerns. Decisions
 * that contradict earlier ones are refused by {@link RecordLinkage}, with the reason.
 */
@Service
public class LinkageDecisions {

	private final Caseloads caseloads;

	private final RecordLinkage linkage;

	private final People people;

	private final AuditTrail audit;

	private final Clock clock;

	LinkageDecisions(Caseloads caseloads, RecordLinkage linkage, People people, AuditTrail audit, Clock clock) {
		this.caseloads = caseloads;
		this.linkage = linkage;
		this.people = people;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Whether the user may say whether two proposed records are one person; nothing is
	 * audited (for showing or hiding the buttons).
	 */
	public boolean mayDecide(UserAccount user, PatientId one, PatientId other) {
		return refusal(user, one, other) == null;
	}

	/**
	 * Links a pair the matcher proposed.
	 * @throws LinkageRefusedException if the user may not decide on the pair
	 * @throws DecisionConflictException if it contradicts an earlier decision
	 */
	public void link(UserAccount user, PatientId one, PatientId other, String address) {
		checkPair(user, one, other, AuditAction.LINK, "linked as the same person", address);
		decided(user, AuditAction.LINK, "linked as the same person", address,
				() -> this.linkage.link(one, other, user.username()), one, other);
	}

	/**
	 * Marks a pair the matcher proposed as different people.
	 * @throws LinkageRefusedException if the user may not decide on the pair
	 * @throws DecisionConflictException if the two are linked as one person
	 */
	public void reject(UserAccount user, PatientId one, PatientId other, String address) {
		checkPair(user, one, other, AuditAction.UNLINK, "marked as different people", address);
		decided(user, AuditAction.UNLINK, "marked as different people", address,
				() -> this.linkage.reject(one, other, user.username()), one, other);
	}

	/**
	 * Puts a pair marked as different people back in the review queue: supervisors only.
	 * @throws LinkageRefusedException if the user is not a supervisor
	 */
	public void reopen(UserAccount user, PatientId one, PatientId other, String address) {
		String what = "re-opened for review after being marked as different people";
		if (!user.has(Role.SUPERVISOR)) {
			refuse(user, AuditAction.LINK, what, address,
					"Only a supervisor can re-open a pair marked as different people.", one, other);
		}
		decided(user, AuditAction.LINK, what, address, () -> this.linkage.reopen(one, other, user.username()), one,
				other);
	}

	/**
	 * Takes a record out of the person the user is looking at.
	 * @param person any record of the person
	 * @param reason why, required
	 * @throws LinkageRefusedException if the user may not change the person's links
	 * @throws IllegalArgumentException if no reason is given
	 */
	public Unlink unlink(UserAccount user, PatientId person, PatientId record, String reason, String address) {
		String what = "unlinked from its person: " + (reason == null ? "" : reason.strip());
		if (!this.people.samePerson(person, record)) {
			refuse(user, AuditAction.UNLINK, what, address, "That record is not linked to this patient.", record);
		}
		String refusal = user.has(Role.SUPERVISOR) ? null : refusal(user, person, person);
		if (refusal != null) {
			refuse(user, AuditAction.UNLINK, what, address, refusal, record);
		}
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("Say why this record is someone else's.");
		}
		Unlink[] unlink = new Unlink[1];
		decided(user, AuditAction.UNLINK, what, address,
				() -> unlink[0] = this.linkage.unlink(record, user.username(), reason)
					.orElseThrow(() -> new DecisionConflictException("That record is not linked to another.")),
				person.equals(record) ? new PatientId[] { record } : new PatientId[] { record, person });
		return unlink[0];
	}

	/**
	 * Undoes an unlink: whoever made it, or a supervisor.
	 * @throws LinkageRefusedException if the user may not
	 * @throws DecisionConflictException if later decisions stand in the way
	 */
	public void undo(UserAccount user, long unlinkId, String address) {
		Unlink unlink = this.linkage.findUnlink(unlinkId)
			.orElseThrow(() -> new LinkageRefusedException("There is no such unlink."));
		String what = "unlink undone (" + unlink.reason() + ")";
		if (!user.has(Role.SUPERVISOR) && !user.username().equals(unlink.unlinkedBy())) {
			refuse(user, AuditAction.LINK, what, address,
					"Only whoever unlinked the record, or a supervisor, can undo it.", unlink.record());
		}
		decided(user, AuditAction.LINK, what, address, () -> this.linkage.undoUnlink(unlinkId, user.username()),
				unlink.record());
	}

	private void checkPair(UserAccount user, PatientId one, PatientId other, AuditAction action, String what,
			String address) {
		String refusal = refusal(user, one, other);
		if (refusal != null) {
			refuse(user, action, what, address, refusal, one, other);
		}
	}

	/** Why the user may not decide on the pair, or null if they may. */
	private String refusal(UserAccount user, PatientId one, PatientId other) {
		if (!user.has(Role.COORDINATOR) && !user.has(Role.SUPERVISOR)) {
			return "Only coordinators and supervisors decide which records are one person.";
		}
		if (!one.equals(other) && this.linkage.candidate(one, other).isEmpty()) {
			return "These two records were never proposed as one person.";
		}
		if (user.has(Role.SUPERVISOR)) {
			return null;
		}
		Instant now = this.clock.instant();
		// PERMITTED only: a record opened by breaking the glass is read, never relinked.
		if (this.caseloads.decide(user, one, now) != AccessDecision.PERMITTED
				|| this.caseloads.decide(user, other, now) != AccessDecision.PERMITTED) {
			return "You may decide only on records you may already open; a supervisor decides on the others.";
		}
		if (!one.equals(other) && this.linkage.candidate(one, other)
			.map(LinkCandidate::status)
			.orElse(null) == LinkCandidate.Status.REJECTED) {
			return "Only a supervisor can re-open a pair marked as different people.";
		}
		return null;
	}

	private void refuse(UserAccount user, AuditAction action, String what, String address, String why,
			PatientId... records) {
		for (PatientId record : records) {
			this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, record,
					what + " (refused: " + why + ")", address, Outcome.DENIED, false, null));
		}
		throw new LinkageRefusedException(why);
	}

	/**
	 * Runs the decision and audits it under each record: a success, or a refusal that
	 * contradicts an earlier decision.
	 */
	private void decided(UserAccount user, AuditAction action, String what, String address, Runnable decision,
			PatientId... records) {
		Outcome outcome = Outcome.SUCCESS;
		String detail = what;
		try {
			decision.run();
		}
		catch (DecisionConflictException ex) {
			outcome = Outcome.DENIED;
			detail = what + " (refused: contradicts an earlier decision)";
			throw ex;
		}
		catch (RuntimeException ex) {
			outcome = Outcome.FAILURE;
			detail = what + " (failed)";
			throw ex;
		}
		finally {
			for (PatientId record : records) {
				if (record != null) {
					this.audit.record(new AuditRecord(user.username(), user.roleNames(), action, record, detail,
							address, outcome, false, null));
				}
			}
		}
	}

}
