package org.northstar.fhirapi;

import java.util.Set;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the FHIR server does around every call: refuses writes to imported resources with
 * a 405, audits calls that fail, and states the security rules in the
 * CapabilityStatement.
 */
@Component
class FhirServerInterceptors {

	/**
	 * The one type clients write through its endpoint. Every other type is served as its
	 * source sent it (or, for AuditEvent, as Northstar recorded it) and never changed.
	 */
	static final String WRITABLE = "Task";

	/**
	 * The types of which Northstar keeps its own, besides the imported ones: a person's
	 * care plan, its goals and its care team, created and updated (never deleted) by
	 * their care team. Their providers refuse a write to an imported one.
	 */
	static final Set<String> CREATED_AND_UPDATED = Set.of("CarePlan", "Goal", "CareTeam");

	/**
	 * The types whose searches take {@code _include=Type:patient}. HAPI would advertise
	 * every reference parameter of every type; these are what the providers do.
	 */
	static final Set<String> PATIENT_INCLUDES = Set.of("Encounter", "Condition", "Observation", "MedicationRequest",
			"Procedure", "AllergyIntolerance", "Immunization", "CarePlan", "CareTeam", "Coverage");

	private final AuditTrail audit;

	private final UserAccounts accounts;

	FhirServerInterceptors(AuditTrail audit, UserAccounts accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public boolean refuseWritesToImportedResources(RequestDetails request) {
		String type = request.getResourceName();
		RequestTypeEnum method = request.getRequestType();
		boolean write = method == RequestTypeEnum.PUT || method == RequestTypeEnum.DELETE
				|| method == RequestTypeEnum.PATCH
				|| (method == RequestTypeEnum.POST && request.getOperation() == null && request.getId() == null);
		boolean ownWrite = type != null && CREATED_AND_UPDATED.contains(type)
				&& (method == RequestTypeEnum.PUT || method == RequestTypeEnum.POST);
		if (type != null && !WRITABLE.equals(type) && !ownWrite && write) {
			OperationOutcome outcome = new OperationOutcome();
			String message = type + " resources are read-only in Northstar: they are kept exactly as their source"
					+ " sent them. Send changes to the source system, or import a new version (POST /fhir with a"
					+ " transaction Bundle).";
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.NOTSUPPORTED)
				.setDiagnostics(message);
			throw new MethodNotAllowedException(message, outcome, RequestTypeEnum.GET);
		}
		return true;
	}

	/**
	 * A chunked body that passed {@code northstar.max-request} while HAPI read it is
	 * answered 413, not with the error the cut-off read caused (the size limit filter
	 * marks the request).
	 */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException tooLarge(HttpServletRequest request) {
		if (request.getAttribute("northstar.request-too-large") == null) {
			return null;
		}
		return new PayloadTooLargeException("The request body is larger than Northstar takes "
				+ "(northstar.max-request, NORTHSTAR_MAX_REQUEST); nothing of it was kept.");
	}

	/**
	 * Audits a call that ended in an error; refusals (403) were audited where they were
	 * decided.
	 */
	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean auditFailure(RequestDetails request, BaseServerResponseException exception) {
		if (exception.getStatusCode() != 403) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			String username = authentication == null ? null : authentication.getName();
			String roles = username == null ? null
					: this.accounts.find(username).map(UserAccount::roleNames).orElse(null);
			// Neither the query's values nor the error's message: both can repeat what
			// was
			// searched for (a name, a birth date), which the trail must not keep.
			String what = AuditDetails.request(String.valueOf(request.getRequestType()),
					"/fhir/" + request.getRequestPath(), queryString(request)) + ": " + exception.getStatusCode() + " "
					+ exception.getClass().getSimpleName();
			this.audit.record(new AuditRecord(username, roles, action(request.getRequestType()), null,
					what.length() > 1000 ? what.substring(0, 1000) : what, remoteAddress(request), Outcome.FAILURE,
					false, null));
		}
		return true;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void describeSecurity(IBaseConformance conformance) {
		CapabilityStatement statement = (CapabilityStatement) conformance;
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
				resource.getSearchInclude().clear();
				resource.getSearchRevInclude().clear();
				if (PATIENT_INCLUDES.contains(resource.getType())) {
					resource.addSearchInclude(resource.getType() + ":patient");
				}
			}
			rest.getSecurity()
				.setCors(false)
				.addService(
						new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service",
								"SMART-on-FHIR", "SMART-on-FHIR")))
				.setDescription("Bearer tokens from 'northstar token --user NAME --scope ...'. Scopes: patient/*.read"
						+ " (one named patient's record at a time), user/*.read, user/*.write (tasks, and the care plan"
						+ " and goals of patients the user may open), system/*.read (administrators only), system/*.write (POST /fhir bundles, for"
						+ " INTEGRATION accounts only, kept under the account's source). A token sees only the"
						+ " patients its user may see, and a patient it may not see is not found (404); every call is"
						+ " audited. Unknown search parameters are refused (400) unless the request says"
						+ " 'Prefer: handling=lenient'.");
		}
	}

	private static AuditAction action(RequestTypeEnum method) {
		if (method == null) {
			return AuditAction.READ;
		}
		return switch (method) {
			case POST -> AuditAction.CREATE;
			case PUT, PATCH -> AuditAction.UPDATE;
			case DELETE -> AuditAction.DELETE;
			default -> AuditAction.READ;
		};
	}

	private static String queryString(RequestDetails request) {
		String url = request.getCompleteUrl();
		return url == null || !url.contains("?") ? null : url.substring(url.indexOf('?') + 1);
	}

	private static String remoteAddress(RequestDetails request) {
		if (request instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails servlet) {
			return servlet.getServletRequest().getRemoteAddr();
		}
		return null;
	}

}
