package org.northstar.fhirapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.RiskAssessment.RiskAssessmentStatus;
import org.hl7.fhir.r4.model.StringType;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.risk.Instrument;
import org.northstar.risk.RiskFact;
import org.northstar.risk.RiskScores;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Component;

/**
 * LACE and HOSPITAL scores as FHIR RiskAssessments: {@code method} says which
 * ({@code LACE} or {@code HOSPITAL}), {@code prediction.qualitativeRisk} the band,
 * {@code basis} the resources the score was computed from, and extensions the score, its
 * components and what was missing. Read by id (superseded scores too, status
 * {@code amended}; RiskAssessments a source sent are read as sent), searched by
 * {@code subject}: the current score of every inpatient stay of the subject's person,
 * latest discharge first (without a subject, of everyone the caller may see). Read-only.
 */
@Component
class RiskAssessmentProvider implements IResourceProvider {

	static final String METHOD_SYSTEM = "https://northstar.example.org/fhir/CodeSystem/risk-method";

	static final String BAND_SYSTEM = "https://northstar.example.org/fhir/CodeSystem/risk-band";

	static final String SCORE_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/risk-score";

	static final String COMPONENT_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/risk-component";

	static final String MISSING_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/risk-missing-input";

	private static final Map<Instrument, String> OUTCOMES = Map.of(Instrument.LACE,
			"Death or unplanned readmission within 30 days of discharge", Instrument.HOSPITAL,
			"Potentially avoidable readmission within 30 days of discharge");

	private final RiskScores risks;

	private final FhirAccess access;

	private final ClinicalSearch search;

	RiskAssessmentProvider(RiskScores risks, FhirAccess access, ClinicalSearch search) {
		this.risks = risks;
		this.access = access;
		this.search = search;
	}

	@Override
	public Class<RiskAssessment> getResourceType() {
		return RiskAssessment.class;
	}

	/**
	 * A Northstar score, or a RiskAssessment a source sent (imported like any resource),
	 * served as sent.
	 */
	@Read
	public Resource read(@IdParam IdType id, HttpServletRequest request) {
		org.northstar.risk.RiskAssessment assessment = ClinicalSearch.uuid(id).flatMap(this.risks::find).orElse(null);
		if (assessment == null) {
			return this.search.read("RiskAssessment", id, request);
		}
		Caller caller = this.access.caller(request);
		this.access.openPatient(caller, assessment.patient(), AuditAction.READ,
				"GET /fhir/RiskAssessment/" + assessment.id());
		return toFhir(assessment);
	}

	/**
	 * By subject: the person's scores. Without: the scores of everyone the caller may see
	 * (everyone under {@code system/*.read}), a page at a time.
	 */
	@Search
	public IBundleProvider search(
			@OptionalParam(name = RiskAssessment.SP_SUBJECT, targetTypes = Patient.class) ReferenceParam subject,
			@Offset Integer offset, @Count Integer count, SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/RiskAssessment", request.getQueryString());
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		if (subject != null) {
			PatientId patient = ClinicalSearch.patientId(subject);
			this.access.openPatient(caller, patient, AuditAction.SEARCH, what);
			List<org.northstar.risk.RiskAssessment> all = this.risks.currentOfPerson(patient);
			List<RiskAssessment> page = all.stream()
				.skip(first)
				.limit(size)
				.map(RiskAssessmentProvider::toFhir)
				.toList();
			return ClinicalSearch.page(page, all.size(), first, size);
		}
		Collection<PatientId> among = this.access.searchablePatients(caller, what);
		RiskScores.Page page = this.risks.currentAmong(among, first, size);
		this.access.auditSearch(caller, what, page.total(),
				page.scores()
					.stream()
					.map(org.northstar.risk.RiskAssessment::patient)
					.collect(Collectors.toCollection(LinkedHashSet::new)));
		return ClinicalSearch.page(page.scores().stream().map(RiskAssessmentProvider::toFhir).toList(), page.total(),
				first, size);
	}

	static RiskAssessment toFhir(org.northstar.risk.RiskAssessment a) {
		RiskAssessment r = new RiskAssessment();
		r.setId(new IdType("RiskAssessment", a.id().toString()));
		r.setStatus(a.current() ? RiskAssessmentStatus.FINAL : RiskAssessmentStatus.AMENDED);
		r.setMethod(new CodeableConcept(new Coding(METHOD_SYSTEM, a.instrument().name(), a.instrument().name())));
		r.setSubject(new Reference("Patient/" + a.patient()));
		r.setEncounter(new Reference("Encounter/" + a.encounter()));
		r.setOccurrence(new org.hl7.fhir.r4.model.DateTimeType(Date.from(a.computedAt())));
		Set<String> basis = new LinkedHashSet<>();
		basis.add("Encounter/" + a.encounter());
		for (RiskFact f : a.facts()) {
			if (f.reference() != null) {
				basis.add(f.reference());
			}
		}
		basis.forEach(ref -> r.addBasis(new Reference(ref)));
		RiskAssessment.RiskAssessmentPredictionComponent prediction = r.addPrediction();
		prediction.setOutcome(new CodeableConcept().setText(OUTCOMES.get(a.instrument())));
		prediction.setQualitativeRisk(new CodeableConcept(new Coding(BAND_SYSTEM, a.band().code(), a.band().code())));
		r.addExtension(new Extension(SCORE_EXTENSION, new IntegerType(a.score())));
		a.components().forEach((name, points) -> {
			Extension component = new Extension(COMPONENT_EXTENSION);
			component.addExtension("name", new StringType(name));
			component.addExtension("points", new IntegerType(points));
			r.addExtension(component);
		});
		a.missing().forEach(m -> r.addExtension(new Extension(MISSING_EXTENSION, new StringType(m))));
		List<String> parts = new ArrayList<>();
		a.components().forEach((name, points) -> parts.add(name + " " + points));
		r.addNote()
			.setText(a.instrument() + " " + a.score() + " (" + String.join(", ", parts) + "), " + a.band().code()
					+ (a.complete() ? "" : "; incomplete: " + String.join("; ", a.missing())));
		return r;
	}

}
