package org.northstar.api;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.caseload.Caseloads;
import org.northstar.caseload.PatientAccess;
import org.northstar.patient.People;
import org.northstar.security.ApiScope;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Who may do what to documentation and billing through {@code /api}, as through
 * {@code /fhir}: the token's scopes narrow what its user may do, one patient's record is
 * opened through {@link PatientAccess} (a coordinator her people, a supervisor her
 * team's, breaking the glass audited as such), an administrator's {@code system/*.read}
 * token reads everyone's. Every decision is audited, refusals included.
 */
@Component
class CareAccess {

	private final UserAccounts accounts;

	private final PatientAccess patientAccess;

	private final Caseloads caseloads;

	private final People people;

	private final AuditTrail audit;

	CareAccess(UserAccounts accounts, PatientAccess patientAccess, Caseloads caseloads, People people,
			AuditTrail audit) {
		this.accounts = accounts;
		this.patientAccess = patientAccess;
		this.caseloads = caseloads;
		this.people = people;
		this.audit = audit;
	}

	Caller caller(HttpServletRequest request) {
		UserAccount user = this.accounts.signedIn().orElseThrow(() -> new Refused("The token's user has no account"));
		return new Caller(user, ApiScope.granted(), request.getRemoteAddr());
	}

	/**
	 * Opens one patient's record to read, audited; refuses (403, audited) a token without
	 * a read scope or a patient outside the user's reach.
	 * @return every record of the person, for reads that show the whole person
	 */
	List<PatientId> openToRead(Caller caller, String id, String what) {
		PatientId patient = patientId(id);
		boolean system = caller.scopes().contains(ApiScope.SYSTEM_READ) && caller.user().has(Role.ADMINISTRATOR);
		if (!system && !caller.scopes().contains(ApiScope.USER_READ)
				&& !caller.scopes().contains(ApiScope.PATIENT_READ)) {
			throw refuse(caller, AuditAction.READ, what, "This token has no read scope (patient/*.read, user/*.read)");
		}
		boolean allowed = system
				? this.patientAccess.checkSystemAccess(caller.user(), patient, AuditAction.READ, what, caller.address())
					.allowed()
				: this.patientAccess.check(caller.user(), patient, AuditAction.READ, what, caller.address()).allowed();
		if (!allowed) {
			throw notYours(patient);
		}
		return this.people.recordsOf(patient);
	}

	/**
	 * Opens one patient's record to write, audited; refuses (403, audited) a token
	 * without {@code user/*.write} or a patient outside the user's reach.
	 */
	PatientId openToWrite(Caller caller, String id, AuditAction action, String what) {
		PatientId patient = patientId(id);
		if (!caller.scopes().contains(ApiScope.USER_WRITE)) {
			throw refuse(caller, action, what, "This token has no user/*.write scope");
		}
		if (!this.patientAccess.check(caller.user(), patient, action, what, caller.address()).allowed()) {
			throw notYours(patient);
		}
		return patient;
	}

	/**
	 * The records a report across patients may cover: the user's people (null: everyone,
	 * under an administrator's {@code system/*.read}); refused (403, audited) to a token
	 * without {@code user/*.read} or {@code system/*.read}.
	 */
	Collection<PatientId> reportReach(Caller caller, String what) {
		if (caller.scopes().contains(ApiScope.SYSTEM_READ) && caller.user().has(Role.ADMINISTRATOR)) {
			return null;
		}
		if (caller.scopes().contains(ApiScope.USER_READ)) {
			return this.caseloads.recordsVisibleTo(caller.user());
		}
		throw refuse(caller, AuditAction.EXPORT, what,
				"A report across patients needs user/*.read (your people) or an administrator's system/*.read");
	}

	/** Audits an export across patients: one record for it, one per patient in it. */
	void auditExport(Caller caller, String what, Set<PatientId> patients, boolean system) {
		List<AuditRecord> records = new java.util.ArrayList<>();
		String suffix = system ? " (system access)" : "";
		records.add(new AuditRecord(caller.user().username(), caller.user().roleNames(), AuditAction.EXPORT, null,
				what + " (" + patients.size() + " people)" + suffix, caller.address(), Outcome.SUCCESS, false, null));
		for (PatientId patient : patients) {
			records.add(new AuditRecord(caller.user().username(), caller.user().roleNames(), AuditAction.EXPORT,
					patient, what + suffix, caller.address(), Outcome.SUCCESS, false, null));
		}
		this.audit.recordAll(records);
	}

	/**
	 * Admits a gateway's callback (the SMS gateway reporting a reply): an integration
	 * account's token with {@code system/*.write}; refuses (403, audited) anything else.
	 */
	Caller gateway(Caller caller, String what) {
		if (!caller.user().isIntegration() || !caller.scopes().contains(ApiScope.SYSTEM_WRITE)) {
			throw refuse(caller, AuditAction.UPDATE, what,
					"A gateway's callback needs an integration account's token with system/*.write");
		}
		return caller;
	}

	private Refused refuse(Caller caller, AuditAction action, String what, String why) {
		this.audit.record(new AuditRecord(caller.user().username(), caller.user().roleNames(), action, null,
				what + ": " + why, caller.address(), Outcome.DENIED, false, null));
		return new Refused(why);
	}

	private static Refused notYours(PatientId patient) {
		return new Refused("Patient " + patient
				+ " is not on your caseload, your team's or a care team you are on. Break the glass in Northstar"
				+ " to open the record in an emergency.");
	}

	static PatientId patientId(String id) {
		try {
			return new PatientId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("There is no patient " + id + ": a patient's id is a UUID");
		}
	}

	record Caller(UserAccount user, Set<ApiScope> scopes, String address) {

		String username() {
			return this.user.username();
		}

	}

	/** 403: the caller may not do this. */
	static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

	/** 404. */
	static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}

	}

}
