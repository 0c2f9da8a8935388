package org.northstar.fhirapi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
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
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.documentation.Consents;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.patient.People;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * Consents to CCM and PCM as FHIR Consents, read-only: {@code active} while they stand,
 * {@code inactive} once revoked. {@code provision.period} runs from the day obtained to
 * the end of the month of the revocation (CMS: a revocation takes effect at the end of
 * that calendar month); the revocation day, how it was obtained, by whom and that the
 * disclosures were given are extensions. Searched by {@code patient} (the person's
 * records), or without, over everyone the caller may see. Consents a source sent are read
 * by their own (UUID) ids, as sent.
 */
@Component
class ConsentProvider implements IResourceProvider {

	static final String KIND_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/consent-kind";

	static final String OBTAINED_BY_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/consent-obtained-by";

	static final String DISCLOSURES_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/consent-disclosures-given";

	static final String REVOKED_ON_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/consent-revoked-on";

	private final Consents consents;

	private final People people;

	private final FhirAccess access;

	private final ClinicalSearch search;

	ConsentProvider(Consents consents, People people, FhirAccess access, ClinicalSearch search) {
		this.consents = consents;
		this.people = people;
		this.access = access;
		this.search = search;
	}

	@Override
	public Class<Consent> getResourceType() {
		return Consent.class;
	}

	@Read
	public Resource read(@IdParam IdType id, HttpServletRequest request) {
		if (!id.isIdPartValidLong()) {
			return this.search.read("Consent", id, request);
		}
		Caller caller = this.access.caller(request);
		IdType asked = new IdType("Consent", id.getIdPart());
		org.northstar.documentation.Consent consent = this.consents.find(id.getIdPartAsLong())
			.orElseThrow(() -> new ResourceNotFoundException(asked));
		this.access.openPatient(caller, consent.patient(), AuditAction.READ, "GET /fhir/Consent/" + consent.id(),
				asked);
		return toFhir(consent);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Consent.SP_PATIENT, targetTypes = Patient.class) ReferenceParam patient,
			@Offset Integer offset, @Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/Consent", request.getQueryString());
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		Consents.Page page;
		if (patient != null) {
			PatientId named = ClinicalSearch.patientId(patient);
			this.access.openPatient(caller, named, AuditAction.SEARCH, what);
			page = this.consents.search(this.people.recordsOf(named), first, size);
		}
		else {
			Collection<PatientId> among = this.access.searchablePatients(caller, what);
			page = this.consents.search(among, first, size);
			this.access.auditSearch(caller, what, page.total(),
					page.consents()
						.stream()
						.map(org.northstar.documentation.Consent::patient)
						.collect(Collectors.toCollection(LinkedHashSet::new)));
		}
		return ClinicalSearch.page(page.consents().stream().map(ConsentProvider::toFhir).toList(), page.total(), first,
				size);
	}

	static Consent toFhir(org.northstar.documentation.Consent consent) {
		Consent c = new Consent();
		c.setId(new IdType("Consent", Long.toString(consent.id())));
		c.getMeta().setLastUpdated(Date.from(consent.recordedAt()));
		c.getMeta().setSource("northstar");
		c.getMeta().addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, "northstar", "Source: northstar"));
		c.setStatus(consent.revokedOn() == null ? ConsentState.ACTIVE : ConsentState.INACTIVE);
		c.setScope(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment")));
		c.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
		c.addCategory(new CodeableConcept(
				new Coding(CommunicationProvider.PROGRAM_SYSTEM, consent.program().name(), consent.program().name())));
		c.setPatient(new Reference("Patient/" + consent.patient()));
		c.setDateTimeElement(new DateTimeType(consent.obtainedOn().toString()));
		c.addPerformer(new Reference("Patient/" + consent.patient()));
		c.setPolicyRule(new CodeableConcept().setText("CMS consent to " + consent.program()
				+ ": cost sharing, the right to stop at any time, one practitioner per month explained"));
		c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		c.getProvision().getPeriod().setStartElement(new DateTimeType(consent.obtainedOn().toString()));
		if (consent.revokedOn() != null) {
			LocalDate end = YearMonth.from(consent.revokedOn()).atEndOfMonth();
			c.getProvision().getPeriod().setEndElement(new DateTimeType(end.toString()));
			c.addExtension(new Extension(REVOKED_ON_EXTENSION, new DateType(consent.revokedOn().toString())));
		}
		c.addExtension(new Extension(KIND_EXTENSION, new CodeType(consent.kind().name())));
		c.addExtension(new Extension(OBTAINED_BY_EXTENSION, new StringType(consent.obtainedBy())));
		c.addExtension(new Extension(DISCLOSURES_EXTENSION, new BooleanType(consent.disclosuresGiven())));
		return c;
	}

}
