package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.BundleOutcome;
import org.northstar.ingest.BundleRejectedException;
import org.northstar.ingest.FhirImport;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir} with a transaction or batch Bundle: the same import as files,
 * all-or-nothing for the whole bundle (a batch too: see docs/fhir-conformance.md).
 */
@Component
class TransactionProvider {

	private final FhirImport fhirImport;

	private final AuditTrail audit;

	private final FhirAccess access;

	TransactionProvider(FhirImport fhirImport, AuditTrail audit, FhirAccess access) {
		this.fhirImport = fhirImport;
		this.audit = audit;
		this.access = access;
	}

	@Transaction
	public Bundle transaction(@TransactionParam Bundle bundle, HttpServletRequest request) {
		if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
			throw new InvalidRequestException("POST /fhir takes a Bundle of type transaction or batch, not "
					+ (bundle.getType() == null ? "one without a type" : bundle.getType().toCode()));
		}
		FhirAccess.Caller caller = this.access.caller(request);
		this.access.requireWrite(caller, AuditAction.CREATE, "POST /fhir " + bundle.getType().toCode());
		String user = caller.user().username();
		String source = bundle.getMeta().hasSource() ? bundle.getMeta().getSource() : "api:" + user;
		byte[] json = FhirServerConfiguration.FHIR.newJsonParser()
			.encodeResourceToString(bundle)
			.getBytes(StandardCharsets.UTF_8);
		String roles = caller.user().roleNames();
		BundleOutcome outcome;
		try {
			outcome = this.fhirImport.importBundle(json, source, "POST /fhir by " + user);
		}
		catch (BundleRejectedException ex) {
			this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, null,
					"POST /fhir " + bundle.getType().toCode() + " refused: " + ex.getMessage(), request.getRemoteAddr(),
					Outcome.FAILURE, false, null));
			OperationOutcome operationOutcome = new OperationOutcome();
			operationOutcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(ex.getMessage())
				.addExpression(ex.entryIndex() == null ? "Bundle" : "Bundle.entry[" + ex.entryIndex() + "]");
			throw new UnprocessableEntityException("Bundle refused, nothing was stored: " + ex.getMessage(),
					operationOutcome);
		}
		// One record per patient whose record the bundle created or changed; one more if
		// none did.
		String what = "POST /fhir " + bundle.getType().toCode() + ": " + outcome.resources() + " resources from "
				+ source + " " + outcome.outcomes();
		for (PatientId patient : outcome.patientsTouched()) {
			this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, patient, what, request.getRemoteAddr(),
					Outcome.SUCCESS, false, null));
		}
		if (outcome.patientsTouched().isEmpty()) {
			this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, null, what, request.getRemoteAddr(),
					Outcome.SUCCESS, false, null));
		}
		Bundle response = new Bundle();
		response.setType(bundle.getType() == Bundle.BundleType.BATCH ? Bundle.BundleType.BATCHRESPONSE
				: Bundle.BundleType.TRANSACTIONRESPONSE);
		for (BundleOutcome.Entry entry : outcome.entries()) {
			Bundle.BundleEntryResponseComponent entryResponse = response.addEntry().getResponse();
			entryResponse.setLocation(entry.resourceType() + "/" + entry.id());
			entryResponse.setStatus(switch (entry.outcome()) {
				case CREATED -> "201 Created";
				case UPDATED, UNCHANGED -> "200 OK";
			});
		}
		return response;
	}

}
