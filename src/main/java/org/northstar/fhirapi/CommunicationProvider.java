package org.northstar.fhirapi;

import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.documentation.Interaction;
import org.northstar.documentation.Interaction.Kind;
import org.northstar.documentation.Interaction.Outcome;
import org.northstar.documentation.Interactions;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Documented interactions (calls, visits, messages) as FHIR Communications, read-only:
 * {@code medium} says how (v3 ParticipationMode, and Northstar's kind), {@code category}
 * the program the time is for, {@code payload} the signed note and then each addendum,
 * extensions the minutes and whose time they were. A call that did not reach anyone (no
 * answer, wrong number) is {@code not-done}, the outcome as {@code statusReason}.
 * Searched by {@code patient} or {@code subject} (the person's records), or without, over
 * everyone the caller may see. Communications a source sent are read by their own (UUID)
 * ids, as sent.
 */
@Component
class CommunicationProvider implements IResourceProvider {

	static final String KIND_SYSTEM = "urn:northstar:interaction-kind";

	static final String OUTCOME_SYSTEM = "urn:northstar:interaction-outcome";

	static final String PROGRAM_SYSTEM = "urn:northstar:care-program";

	static final String MODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

	static final String OUTCOME_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/interaction-outcome";

	static final String MINUTES_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/interaction-minutes";

	static final String STAFF_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/interaction-staff";

	private static final Map<Kind, String> MODES = Map.of(Kind.PHONE_OUT, "PHONE", Kind.PHONE_IN, "PHONE",
			Kind.VISIT_HOME, "FACE", Kind.VISIT_CLINIC, "FACE", Kind.VIDEO_VISIT, "VIDEOCONF", Kind.SECURE_MESSAGE,
			"ONLINEWRIT", Kind.LETTER, "MAILWRIT", Kind.MEETING, "FACE");

	private final Interactions interactions;

	private final People people;

	private final FhirAccess access;

	private final ClinicalSearch search;

	CommunicationProvider(Interactions interactions, People people, FhirAccess access, ClinicalSearch search) {
		this.interactions = interactions;
		this.people = people;
		this.access = access;
		this.search = search;
	}

	@Override
	public Class<Communication> getResourceType() {
		return Communication.class;
	}

	/** An interaction (a number), or a Communication a source sent (a UUID), as sent. */
	@Read
	public Resource read(@IdParam IdType id, HttpServletRequest request) {
		if (!id.isIdPartValidLong()) {
			return this.search.read("Communication", id, request);
		}
		Caller caller = this.access.caller(request);
		IdType asked = new IdType("Communication", id.getIdPart());
		Interaction interaction = this.interactions.find(id.getIdPartAsLong())
			.orElseThrow(() -> new ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException(asked));
		this.access.openPatient(caller, interaction.patient(), AuditAction.READ,
				"GET /fhir/Communication/" + interaction.id(), asked);
		return toFhir(interaction);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Communication.SP_PATIENT, targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = Communication.SP_SUBJECT, targetTypes = Patient.class) ReferenceParam subject,
			@Offset Integer offset, @Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/Communication", request.getQueryString());
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		PatientId named = named(patient, subject);
		if (named != null) {
			this.access.openPatient(caller, named, AuditAction.SEARCH, what);
			Interactions.Page page = this.interactions.search(this.people.recordsOf(named), first, size);
			return ClinicalSearch.page(page.interactions().stream().map(CommunicationProvider::toFhir).toList(),
					page.total(), first, size);
		}
		Collection<PatientId> among = this.access.searchablePatients(caller, what);
		Interactions.Page page = this.interactions.search(among, first, size);
		this.access.auditSearch(caller, what, page.total(),
				page.interactions()
					.stream()
					.map(Interaction::patient)
					.collect(Collectors.toCollection(LinkedHashSet::new)));
		return ClinicalSearch.page(page.interactions().stream().map(CommunicationProvider::toFhir).toList(),
				page.total(), first, size);
	}

	/** The patient a search names by either parameter; both must agree. */
	private static PatientId named(ReferenceParam patient, ReferenceParam subject) {
		PatientId byPatient = patient == null ? null : ClinicalSearch.patientId(patient);
		PatientId bySubject = subject == null ? null : ClinicalSearch.patientId(subject);
		if (byPatient != null && bySubject != null && !byPatient.equals(bySubject)) {
			throw new InvalidRequestException("patient and subject name different patients: give one of them");
		}
		return byPatient != null ? byPatient : bySubject;
	}

	static Communication toFhir(Interaction i) {
		Communication c = new Communication();
		c.setId(new IdType("Communication", Long.toString(i.id())));
		c.getMeta()
			.setLastUpdated(Date
				.from(i.addenda().isEmpty() ? i.recordedAt() : i.addenda().get(i.addenda().size() - 1).recordedAt()));
		c.getMeta().setSource("northstar");
		c.getMeta().addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, "northstar", "Source: northstar"));
		boolean reached = i.outcome() != Outcome.NO_ANSWER && i.outcome() != Outcome.WRONG_NUMBER;
		c.setStatus(reached ? CommunicationStatus.COMPLETED : CommunicationStatus.NOTDONE);
		CodeableConcept outcome = new CodeableConcept(new Coding(OUTCOME_SYSTEM, i.outcome().name(), null));
		if (reached) {
			c.addExtension(new Extension(OUTCOME_EXTENSION, outcome));
		}
		else {
			c.setStatusReason(outcome);
		}
		c.addCategory(new CodeableConcept(new Coding(PROGRAM_SYSTEM, i.activity().name(), i.activity().name())));
		c.addMedium(new CodeableConcept().addCoding(new Coding(MODE_SYSTEM, MODES.get(i.kind()), null))
			.addCoding(new Coding(KIND_SYSTEM, i.kind().name(), null)));
		Reference person = new Reference("Patient/" + i.patient());
		Reference staff = new Reference()
			.setIdentifier(new Identifier().setSystem(TaskProvider.USER_SYSTEM).setValue(i.recordedBy()))
			.setDisplay(i.recordedBy());
		c.setSubject(person);
		c.setSent(Date.from(i.startedAt()));
		if (i.kind() == Kind.PHONE_IN) {
			c.setSender(person.copy());
			c.addRecipient(staff);
		}
		else {
			c.setSender(staff);
			c.addRecipient(person.copy());
		}
		i.participants().forEach(name -> c.addRecipient(new Reference().setDisplay(name)));
		c.addPayload().setContent(new StringType(i.note()));
		i.addenda()
			.forEach(a -> c.addPayload()
				.setContent(new StringType("Addendum " + a.recordedAt() + " by " + a.recordedBy() + ": " + a.note())));
		Duration minutes = new Duration();
		minutes.setValue(i.minutes()).setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
		c.addExtension(new Extension(MINUTES_EXTENSION, minutes));
		c.addExtension(new Extension(STAFF_EXTENSION, new org.hl7.fhir.r4.model.CodeType(i.staff().name())));
		return c;
	}

}
