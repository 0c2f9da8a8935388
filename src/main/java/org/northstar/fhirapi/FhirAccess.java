package org.northstar.fhirapi;

import java.util.Collection;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.IdType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.security.ApiScope;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Who may do what through {@code /fhir}: the token's scopes narrow what its user may do,
 * and every patient's record is opened through {@link PatientAccess}, which decides and
 * audits. Everything else a call touches is audited here.
 */
@Component
class FhirAccess {

	private final UserAccounts accounts;

	private final PatientAccess patientAccess;

	private final Caseloads caseloads;

	private final AuditTrail audit;

	FhirAccess(UserAccounts accounts, PatientAccess patientAccess, Caseloads caseloads, AuditTrail audit) {
		this.accounts = accounts;
		this.patientAccess = patientAccess;
		this.caseloads = caseloads;
		this.audit = audit;
	}

	/** The user and token behind the current request. */
	Caller caller(HttpServletRequest request) {
		UserAccount user = this.accounts.signedIn()
			.orElseThrow(() -> new ForbiddenOperationException("The token's user has no account"));
		return new Caller(user, ApiScope.granted(), request.getRemoteAddr());
	}

	/**
	 * How far a read may reach; refuses (403, audited) a token without a read scope.
	 */
	Reach readReach(Caller caller, String what) {
		Set<ApiScope> scopes = caller.scopes();
		if (scopes.contains(ApiScope.SYSTEM_READ) && caller.user().has(Role.ADMINISTRATOR)) {
			return Reach.SYSTEM;
		}
		if (scopes.contains(ApiScope.USER_READ)) {
			return Reach.USER;
		}
		if (scopes.contains(ApiScope.PATIENT_READ)) {
			return Reach.PATIENT;
		}
		throw refuse(caller, AuditAction.READ, what, "This token has no read scope (patient/*.read, user/*.read"
				+ (caller.user().has(Role.ADMINISTRATOR) ? " or system/*.read)" : ")"));
	}

	/**
	 * Refuses (403, audited) a write of source records by anyone but a system: a
	 * {@code system/*.write} token of an {@link Role#INTEGRATION} account, whose source
	 * the records are kept under.
	 * @return the source the caller writes as
	 */
	String requireSystemWrite(Caller caller, String what) {
		UserAccount user = caller.user();
		if (!caller.scopes().contains(ApiScope.SYSTEM_WRITE) || !user.isIntegration() || user.source() == null) {
			throw refuse(caller, AuditAction.CREATE, what, "Sending records with POST /fhir needs a system/*.write "
					+ "token of an INTEGRATION account, whose source the records are kept under" + (user.isIntegration()
							? "" : "; a person's user/*.write covers Northstar's own resources (Task)"));
		}
		return user.source();
	}

	/** Refuses (403, audited) a token without {@code user/*.write}. */
	void requireWrite(Caller caller, AuditAction action, String what) {
		if (!caller.scopes().contains(ApiScope.USER_WRITE)) {
			throw refuse(caller, action, what, "This token has no user/*.write scope");
		}
	}

	/**
	 * Opens one patient's record for the call, audited as one record; a patient outside
	 * the user's reach is answered as
	 * {@link #openPatient(Caller, PatientId, AuditAction, String, IdType) there}, as
	 * {@code Patient/<id>} not known.
	 */
	void openPatient(Caller caller, PatientId patient, AuditAction action, String what) {
		openPatient(caller, patient, action, what, new IdType("Patient", patient.toString()));
	}

	/**
	 * Opens one patient's record for the call, audited as one record (a refusal too). A
	 * patient outside the user's reach is answered 404, exactly as a missing
	 * {@code asked} is, so that an answer never tells whether a patient exists.
	 * @param asked what the call named, as its 404 names it when it is missing
	 */
	void openPatient(Caller caller, PatientId patient, AuditAction action, String what, IdType asked) {
		Reach reach = action == AuditAction.READ || action == AuditAction.SEARCH || action == AuditAction.EXPORT
				? readReach(caller, what) : Reach.USER;
		boolean allowed = reach == Reach.SYSTEM
				? this.patientAccess.checkSystemAccess(caller.user(), patient, action, what, caller.address()).allowed()
				: this.patientAccess.check(caller.user(), patient, action, what, caller.address()).allowed();
		if (!allowed) {
			// A 403 here would tell anyone with a token which patients exist.
			throw new ResourceNotFoundException(asked);
		}
	}

	/**
	 * Opens one patient's record for a change to what their care team agreed (plan,
	 * goals, care team), audited: a clinical role with access from a caseload or the care
	 * team; emergency access reads and does not write. A refusal is answered as
	 * {@link #openPatient(Caller, PatientId, AuditAction, String, IdType)} answers one.
	 */
	void openPatientToChange(Caller caller, PatientId patient, AuditAction action, String what, IdType asked) {
		if (!this.patientAccess.checkChange(caller.user(), patient, action, what, caller.address()).allowed()) {
			throw new ResourceNotFoundException(asked);
		}
	}

	/**
	 * The patients a search without a patient filter may return: the user's (null: any,
	 * under a system scope). A {@code patient/*.read} token must name the patient.
	 */
	Collection<PatientId> searchablePatients(Caller caller, String what) {
		Reach reach = readReach(caller, what);
		return switch (reach) {
			case SYSTEM -> null;
			case USER -> this.caseloads.visibleTo(caller.user());
			case PATIENT -> throw refuse(caller, AuditAction.SEARCH, what,
					"A patient/*.read token searches one patient's record at a time: give the patient parameter");
		};
	}

	/**
	 * Audits a search that was not limited to one patient: one record for the search, one
	 * per patient whose data it returned.
	 */
	void auditSearch(Caller caller, String what, int total, Collection<PatientId> patientsReturned) {
		this.audit.record(new AuditRecord(caller.user().username(), caller.user().roleNames(), AuditAction.SEARCH, null,
				what + " (" + total + " found)", caller.address(), Outcome.SUCCESS, false, null));
		boolean system = readReach(caller, what) == Reach.SYSTEM;
		for (PatientId patient : patientsReturned) {
			if (system) {
				this.patientAccess.checkSystemAccess(caller.user(), patient, AuditAction.READ, what, caller.address());
			}
			else {
				this.patientAccess.check(caller.user(), patient, AuditAction.READ, what, caller.address());
			}
		}
	}

	/** Audits a read of something that is no patient's record (a practitioner...). */
	void auditOther(Caller caller, AuditAction action, String what, Outcome outcome) {
		this.audit.record(new AuditRecord(caller.user().username(), caller.user().roleNames(), action, null, what,
				caller.address(), outcome, false, null));
	}

	ForbiddenOperationException refuse(Caller caller, AuditAction action, String what, String why) {
		auditOther(caller, action, what + ": " + why, Outcome.DENIED);
		return new ForbiddenOperationException(why);
	}

	/** The user a call acts for, with its token's scopes. */
	record Caller(UserAccount user, Set<ApiScope> scopes, String address) {
	}

	/** How far a token reads. */
	enum Reach {

		/** Every patient: an administrator's system/*.read token. */
		SYSTEM,

		/** The patients the user may see. */
		USER,

		/** One named patient at a time, of those the user may see. */
		PATIENT

	}

}
