package org.northstar.fhirapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.BaseResourceReturningMethodBinding;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import ca.uhn.fhir.rest.server.util.ServletRequestUtil;
import com.google.common.collect.ArrayListMultimap;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.ingest.BundleOutcome;
import org.northstar.ingest.BundleRejectedException;
import org.northstar.ingest.FhirImport;
import org.northstar.ingest.OtherSourcesRecordException;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir} with a transaction or batch Bundle: the same import as files, from
 * the same bytes, all-or-nothing for the whole bundle (a batch too: see
 * docs/fhir-conformance.md); then the answers to its {@code GET} entries. Only a system
 * writes (an INTEGRATION account's {@code system/*.write} token), under its account's
 * source, over its own records only.
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
	public Bundle transaction(@TransactionParam Bundle bundle, ServletRequestDetails details,
			HttpServletRequest request) {
		if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
			throw new InvalidRequestException("POST /fhir takes a Bundle of type transaction or batch, not "
					+ (bundle.getType() == null ? "one without a type" : bundle.getType().toCode()));
		}
		FhirAccess.Caller caller = this.access.caller(request);
		boolean writes = bundle.getEntry().stream().anyMatch(e -> e.hasResource() || !isRead(e));
		String user = caller.user().username();
		// The records' source is the account's, never what the bundle says of itself: a
		// client naming another system's source would otherwise replace its records.
		String source = writes ? this.access.requireSystemWrite(caller, "POST /fhir " + bundle.getType().toCode())
				: "api:" + user;
		String claimed = bundle.getMeta().hasSource() && !bundle.getMeta().getSource().equals(source)
				? " (meta.source '" + bundle.getMeta().getSource() + "' ignored)" : "";
		String roles = caller.user().roleNames();
		BundleOutcome outcome;
		try {
			outcome = this.fhirImport.importBundle(body(bundle, details), source, "POST /fhir by " + user);
		}
		catch (BundleRejectedException ex) {
			boolean othersRecord = ex instanceof OtherSourcesRecordException;
			this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, null,
					"POST /fhir " + bundle.getType().toCode() + " refused: " + ex.getMessage(), request.getRemoteAddr(),
					othersRecord ? Outcome.DENIED : Outcome.FAILURE, false, null));
			OperationOutcome operationOutcome = new OperationOutcome();
			operationOutcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(othersRecord ? OperationOutcome.IssueType.FORBIDDEN : OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(ex.getMessage())
				.addExpression(ex.entryIndex() == null ? "Bundle" : "Bundle.entry[" + ex.entryIndex() + "]");
			String message = "Bundle refused, nothing was stored: " + ex.getMessage();
			if (othersRecord) {
				throw new ForbiddenOperationException(message, operationOutcome);
			}
			throw new UnprocessableEntityException(message, operationOutcome);
		}
		if (writes) {
			// One record per patient whose record the bundle created or changed; one
			// more if none did.
			String what = "POST /fhir " + bundle.getType().toCode() + ": " + outcome.resources() + " resources from "
					+ source + claimed + " " + outcome.outcomes();
			for (PatientId patient : outcome.patientsTouched()) {
				this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, patient, what,
						request.getRemoteAddr(), Outcome.SUCCESS, false, null));
			}
			if (outcome.patientsTouched().isEmpty()) {
				this.audit.record(new AuditRecord(user, roles, AuditAction.CREATE, null, what, request.getRemoteAddr(),
						Outcome.SUCCESS, false, null));
			}
		}
		Bundle response = new Bundle();
		response.setType(bundle.getType() == Bundle.BundleType.BATCH ? Bundle.BundleType.BATCHRESPONSE
				: Bundle.BundleType.TRANSACTIONRESPONSE);
		// Reads come last, as FHIR orders a transaction's work, so they see its writes.
		List<Runnable> reads = new ArrayList<>();
		for (BundleOutcome.Entry entry : outcome.entries()) {
			Bundle.BundleEntryComponent answer = response.addEntry();
			if (entry.isRead()) {
				reads.add(() -> read(details, entry.read(), answer));
				continue;
			}
			answer.getResponse().setLocation(entry.resourceType() + "/" + entry.id());
			answer.getResponse().setStatus(switch (entry.outcome()) {
				case CREATED -> "201 Created";
				case UPDATED, UNCHANGED -> "200 OK";
			});
		}
		reads.forEach(Runnable::run);
		return response;
	}

	private static boolean isRead(Bundle.BundleEntryComponent entry) {
		Bundle.HTTPVerb method = entry.getRequest().getMethod();
		return method == Bundle.HTTPVerb.GET || method == Bundle.HTTPVerb.HEAD;
	}

	/**
	 * The bundle exactly as the client sent it, so the import sees what a file import
	 * would (decimals as written, every key); an XML bundle as JSON.
	 */
	private static byte[] body(Bundle bundle, ServletRequestDetails details) {
		if (RestfulServerUtils.determineRequestEncodingNoDefault(details) == EncodingEnum.JSON) {
			return details.loadRequestContents();
		}
		return FhirServerConfiguration.FHIR.newJsonParser()
			.encodeResourceToString(bundle)
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Answers a {@code GET} entry as the server answers the same GET: through its read or
	 * search, with the same access decisions and audit. A refusal or an error is that
	 * entry's answer alone.
	 */
	private static void read(ServletRequestDetails details, String url, Bundle.BundleEntryComponent answer) {
		try {
			if (url == null || url.isBlank()) {
				throw new InvalidRequestException("A GET entry needs request.url");
			}
			ServletSubRequestDetails read = ServletRequestUtil.getServletSubRequestDetails(details, url, "GET",
					ArrayListMultimap.create());
			BaseMethodBinding method = details.getServer().determineResourceMethod(read, read.getRequestPath());
			if (!(method instanceof BaseResourceReturningMethodBinding reading)) {
				throw new InvalidRequestException("GET " + url + " is neither a read nor a search");
			}
			answer.setResource((Resource) reading.doInvokeServer(details.getServer(), read));
			answer.getResponse().setStatus("200 OK");
		}
		catch (BaseServerResponseException ex) {
			OperationOutcome outcome = ex.getOperationOutcome() instanceof OperationOutcome given ? given
					: new OperationOutcome();
			if (!outcome.hasIssue()) {
				outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.PROCESSING)
					.setDiagnostics(ex.getMessage());
			}
			answer.getResponse()
				.setStatus(ex.getStatusCode() + " " + Constants.HTTP_STATUS_NAMES.getOrDefault(ex.getStatusCode(), ""))
				.setOutcome(outcome);
		}
	}

}
