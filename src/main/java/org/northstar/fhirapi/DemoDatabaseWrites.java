package org.northstar.fhirapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.northstar.database.DatabaseKind;
import org.northstar.database.DemoDatabaseException;

import org.springframework.stereotype.Component;

/**
 * A demo database takes no data through the FHIR API: a transaction or batch, a create,
 * an update or a patch is answered 403 with an OperationOutcome that says how to start a
 * real database, before anything is read from the body or stored.
 */
@Component
class DemoDatabaseWrites {

	private final DatabaseKind databaseKind;

	DemoDatabaseWrites(DatabaseKind databaseKind) {
		this.databaseKind = databaseKind;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public boolean refuseWritesToADemo(RequestDetails request) {
		RequestTypeEnum method = request.getRequestType();
		// A POST with an operation is a search (_search) or an operation ($everything).
		boolean write = method == RequestTypeEnum.PUT || method == RequestTypeEnum.PATCH
				|| (method == RequestTypeEnum.POST && request.getOperation() == null);
		if (!write) {
			return true;
		}
		try {
			this.databaseKind.refuseRealData("Writes through the FHIR API are");
			return true;
		}
		catch (DemoDatabaseException ex) {
			OperationOutcome outcome = new OperationOutcome();
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.BUSINESSRULE)
				.setDiagnostics(ex.getMessage());
			throw new ForbiddenOperationException(ex.getMessage(), outcome);
		}
	}

}
