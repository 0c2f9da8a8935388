package org.northstar.ingest.hl7;

import java.util.Date;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;

/**
 * The FHIR R4 Encounter a feed's visit is served as: what the ADT messages said, in the
 * shape an imported Encounter has, so {@code /fhir} can serve both alike.
 */
final class FhirEncounters {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private FhirEncounters() {
	}

	static String toJson(FeedEncounter e) {
		Encounter encounter = new Encounter();
		encounter.setId(e.key().id().toString());
		encounter.getMeta().setSource(e.key().source());
		encounter.addIdentifier()
			.setSystem(Encounters.visitNumberSystem(e.key().source()))
			.setValue(e.visitNumber())
			.getType()
			.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "VN", "Visit number"));
		encounter.setStatus(Encounter.EncounterStatus.fromCode(e.status()));
		encounter.setClass_(e.classCode() == null
				? new Coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown")
				: new Coding(ACT_CODE, e.classCode(), classDisplay(e.classCode())));
		encounter.setSubject(new Reference("Patient/" + e.patient().value()));
		if (e.admittedAt() != null) {
			encounter.getPeriod().setStart(Date.from(e.admittedAt()));
		}
		if (e.dischargedAt() != null) {
			encounter.getPeriod().setEnd(Date.from(e.dischargedAt()));
		}
		if (e.attending() != null) {
			encounter.addParticipant()
				.addType(new CodeableConcept(
						new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender")))
				.setIndividual(new Reference().setDisplay(e.attending()));
		}
		if (e.location() != null) {
			encounter.addLocation().setLocation(new Reference().setDisplay(e.location()));
		}
		if (e.admitSource() != null) {
			encounter.getHospitalization()
				.setAdmitSource(new CodeableConcept(
						new Coding("http://terminology.hl7.org/CodeSystem/v2-0023", e.admitSource(), null)));
		}
		if (e.dischargeDisposition() != null) {
			encounter.getHospitalization()
				.setDischargeDisposition(new CodeableConcept(
						new Coding("http://terminology.hl7.org/CodeSystem/v2-0112", e.dischargeDisposition(), null)));
		}
		IParser parser = FHIR.newJsonParser();
		return parser.encodeResourceToString(encounter);
	}

	private static String classDisplay(String code) {
		return switch (code) {
			case "IMP" -> "inpatient encounter";
			case "EMER" -> "emergency";
			case "AMB" -> "ambulatory";
			case "PRENC" -> "pre-admission";
			default -> null;
		};
	}

}
