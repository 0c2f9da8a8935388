package org.northstar.fhirapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
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

	static final int DEFAULT_COUNT = 100;

	static final int MAX_COUNT = 500;

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
		administrator(request, null, "AuditEvent/" + id.getIdPart());
		long seq;
		try {
			seq = Long.parseLong(id.getIdPart());
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException(id);
		}
		return this.audit.find(seq)
			.map(AuditEventProvider::toFhir)
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	/**
	 * One page of the trail, newest first unless {@code _sort=date}: {@code _count}
	 * records (at most {@value #MAX_COUNT}) from {@code _offset}, with a next link while
	 * there are more. Only the page is read, never the whole trail. Paging oldest first
	 * is stable while records are added; newest first, new records shift the pages.
	 */
	@Search
	public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT_NAME) StringParam agentName,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date, @Sort SortSpec sort, @Offset Integer offset,
			@Count Integer count, HttpServletRequest request) {
		PatientId patientId = null;
		if (patient != null) {
			try {
				patientId = new PatientId(UUID.fromString(patient.getIdPart()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("patient must be a Northstar patient id (Patient/<uuid>)");
			}
		}
		administrator(request, patientId, "AuditEvent search");
		boolean descending = true;
		if (sort != null) {
			if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
				throw new InvalidRequestException("_sort: AuditEvent sorts only by date (_sort=date or _sort=-date)");
			}
			descending = sort.getOrder() == SortOrderEnum.DESC;
		}
		Instant from = date == null || date.getLowerBoundAsInstant() == null ? null
				: date.getLowerBoundAsInstant().toInstant();
		Instant to = date == null || date.getUpperBoundAsInstant() == null ? null
				: date.getUpperBoundAsInstant().toInstant().plusMillis(1);
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
		AuditQuery query = AuditQuery.newestFirst()
			.byUser(agentName == null ? null : agentName.getValue())
			.forPatients(patientId == null ? null : Set.of(patientId))
			.between(from, to)
			.sortedBy("time", descending)
			.page(first, size + 1);
		List<AuditEvent> found = new ArrayList<>(
				this.audit.search(query).stream().map(AuditEventProvider::toFhir).toList());
		boolean more = found.size() > size;
		if (more) {
			found.remove(size);
		}
		SimpleBundleProvider page = new SimpleBundleProvider(found);
		// The total is known only on the last page; before it, HAPI links to the next.
		page.setSize(more ? null : first + found.size());
		page.setCurrentPageOffset(first);
		page.setCurrentPageSize(size);
		return page;
	}

	private void administrator(HttpServletRequest request, PatientId patient, String what) {
		UserAccount user = this.accounts.signedIn().orElseThrow(() -> new ForbiddenOperationException("Unknown user"));
		boolean allowed = user.has(Role.ADMINISTRATOR) && ApiScope.granted()
			.stream()
			.anyMatch(scope -> scope == ApiScope.USER_READ || scope == ApiScope.SYSTEM_READ);
		this.audit.record(new AuditRecord(user.username(), user.roleNames(), AuditAction.READ, patient, what,
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
