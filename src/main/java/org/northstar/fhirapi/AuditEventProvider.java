package org.northstar.fhirapi;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditEntry;
import org.northstar.audit.AuditQuery;
import org.northstar.audit.AuditRecord;
import org.northstar.audit.AuditRecord.Outcome;
import org.northstar.audit.AuditTrail;
import org.northstar.security.ApiScope;
import org.northstar.security.Role;
import org.northstar.security.UserAccount;
import org.northstar.security.UserAccounts;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * The audit trail as FHIR AuditEvents, for administrators. Reading the trail is itself
 * audited.
 */
@Component
class AuditEventProvider implements IResourceProvider {

	private static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";

	private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

	private static final int MAX_COUNT = 1000;

	private final AuditTrail audit;

	private final UserAccounts accounts;

	AuditEventProvider(AuditTrail audit, UserAccounts accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id, HttpServletRequest request) {
		administrator(request, "AuditEvent/" + id.getIdPart());
		long seq;
		try {
			seq = Long.parseLong(id.getIdPart());
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException(id);
		}
		return this.audit.search(new AuditQuery(null, null, null, null, "time", true, Integer.MAX_VALUE))
			.stream()
			.filter(e -> e.seq() == seq)
			.findFirst()
			.map(AuditEventProvider::toFhir)
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public List<AuditEvent> search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT_NAME) StringParam agentName,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date, HttpServletRequest request) {
		administrator(request, "AuditEvent search");
		PatientId patientId = null;
		if (patient != null) {
			try {
				patientId = new PatientId(UUID.fromString(patient.getIdPart()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException(
						"patient must be a Northstar patient id, not '" + patient.getValue() + "'");
			}
		}
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null
				: date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null ? null
				: date.getUpperBoundAsInstant().toInstant();
		return this.audit
			.search(new AuditQuery(agentName == null ? null : agentName.getValue(), patientId, from, to, "time", true,
					MAX_COUNT))
			.stream()
			.map(AuditEventProvider::toFhir)
			.toList();
	}

	private void administrator(HttpServletRequest request, String what) {
		UserAccount user = this.accounts.signedIn().orElseThrow(() -> new ForbiddenOperationException("Unknown user"));
		boolean allowed = user.has(Role.ADMINISTRATOR) && ApiScope.granted()
			.stream()
			.anyMatch(scope -> scope == ApiScope.USER_READ || scope == ApiScope.SYSTEM_READ);
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.READ, null, what,
				request.getRemoteAddr(), allowed ? Outcome.SUCCESS : Outcome.DENIED, false, null));
		if (!allowed) {
			throw new ForbiddenOperationException(
					"Only administrators may read the audit trail, with a user/*.read or system/*.read token");
		}
	}

	static AuditEvent toFhir(AuditEntry entry) {
		AuditRecord r = entry.record();
		AuditEvent event = new AuditEvent();
		event.setId(Long.toString(entry.seq()));
		event.setRecorded(Date.from(entry.recordedAt()));
		switch (r.action()) {
			case LOGIN, LOGIN_FAILED, LOGOUT -> {
				event.setType(new Coding(DICOM, "110114", "User Authentication"));
				event.addSubtype(r.action() == AuditAction.LOGOUT ? new Coding(DICOM, "110123", "Logout")
						: new Coding(DICOM, "110122", "Login"));
				event.setAction(AuditEvent.AuditEventAction.E);
			}
			case ROLE_CHANGE -> {
				event.setType(new Coding(DICOM, "110136", "Security Roles Changed"));
				event.setAction(AuditEvent.AuditEventAction.U);
			}
			case BREAK_THE_GLASS -> {
				event.setType(new Coding(DICOM, "110113", "Security Alert"));
				event.setAction(AuditEvent.AuditEventAction.E);
			}
			default -> {
				event.setType(new Coding(EVENT_TYPES, "rest", "RESTful Operation"));
				event.setAction(switch (r.action()) {
					case CREATE -> AuditEvent.AuditEventAction.C;
					case UPDATE, LINK, UNLINK, MERGE -> AuditEvent.AuditEventAction.U;
					case DELETE -> AuditEvent.AuditEventAction.D;
					case EXPORT, SEARCH -> AuditEvent.AuditEventAction.E;
					default -> AuditEvent.AuditEventAction.R;
				});
			}
		}
		event.setOutcome(switch (r.outcome()) {
			case SUCCESS -> AuditEvent.AuditEventOutcome._0;
			case DENIED -> AuditEvent.AuditEventOutcome._4;
			case FAILURE -> AuditEvent.AuditEventOutcome._8;
		});
		event.setOutcomeDesc(r.detail());
		if (r.emergency()) {
			event.addPurposeOfEvent()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "BTG", "break the glass"))
				.setText(r.reason());
		}
		AuditEvent.AuditEventAgentComponent agent = event.addAgent();
		agent.setRequestor(true);
		agent.setName(r.username());
		agent.getWho().setDisplay(r.username());
		if (r.role() != null) {
			agent.addRole().setText(r.role());
		}
		if (r.address() != null) {
			agent.getNetwork().setAddress(r.address()).setType(AuditEvent.AuditEventAgentNetworkType._2);
		}
		event.getSource().setSite("Northstar").getObserver().setDisplay("Northstar");
		if (r.patient() != null) {
			event.addEntity().setWhat(new Reference("Patient/" + r.patient())).setDescription(r.detail());
		}
		return event;
	}

}
