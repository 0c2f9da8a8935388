package org.northstar.ingest.hl7;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import static org.assertj.core.api.Assertions.assertThat;

/** The Encounter JSON a feed's visit is stored as is what HAPI would write. */
class FhirEncountersTests {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	static final ObjectMapper MAPPER = new ObjectMapper();

	static final RecordKey KEY = new RecordKey("hl7:GENERAL", "Encounter", "V-100");

	static final PatientId PATIENT = new PatientId(new RecordKey("hl7:GENERAL", "Patient", "MRN|1").id());

	@Test
	void writesAFinishedInpatientStayAsHapiWould() throws Exception {
		FeedEncounter stay = new FeedEncounter(KEY, PATIENT, "V-100", "finished", "IMP", "5E/512/B", "Carter, Anna",
				"7", "01", Instant.parse("2026-11-16T08:00:00.250Z"), Instant.parse("2026-11-20T15:00:00Z"),
				Instant.parse("2026-11-20T15:00:00Z"), Instant.parse("2026-11-20T15:00:00Z"), "EM", "MED");

		assertSameAsHapi(stay);
	}

	@Test
	void keepsTheFourDigitsOfASecondHl7Sends() {
		FeedEncounter stay = new FeedEncounter(KEY, PATIENT, "V-100", "in-progress", "IMP", null, null, null, null,
				Instant.parse("2026-11-16T08:00:00.1234Z"), null, null, null, null, null);

		assertThat(FhirEncounters.toJson(stay)).contains("\"start\":\"2026-11-16T08:00:00.1234+00:00\"");
	}

	@Test
	void writesAVisitWithOnlyWhatTheFeedSaid() throws Exception {
		FeedEncounter planned = new FeedEncounter(KEY, PATIENT, "V-100", "planned", null, null, null, null, null, null,
				null, null, null, null, null);

		assertSameAsHapi(planned);
	}

	@Test
	void escapesWhatTheFeedSent() throws Exception {
		FeedEncounter odd = new FeedEncounter(KEY, PATIENT, "V-\"100\"\\", "in-progress", "EMER", "ED \"bay\" 3\n",
				"O'Brien, \u00c9mile", null, null, Instant.parse("2026-11-16T08:00:00Z"), null, null, null, null, null);

		assertSameAsHapi(odd);
	}

	private static void assertSameAsHapi(FeedEncounter e) throws Exception {
		String ours = FhirEncounters.toJson(e);
		assertThat(MAPPER.readTree(ours)).isEqualTo(MAPPER.readTree(hapi(e)));
		assertThat(FHIR.newJsonParser().parseResource(Encounter.class, ours).getIdElement().getIdPart())
			.isEqualTo(e.key().id().toString());
	}

	/** The reference: the same Encounter built with HAPI's model and encoder. */
	private static String hapi(FeedEncounter e) {
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
				: new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", e.classCode(),
						"IMP".equals(e.classCode()) ? "inpatient encounter" : "emergency"));
		if (e.service() != null) {
			encounter.setServiceType(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/v2-0069", e.service(), null)));
		}
		if (e.priority() != null) {
			encounter.setPriority(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority", e.priority(), null)));
		}
		encounter.setSubject(new Reference("Patient/" + e.patient().value()));
		if (e.admittedAt() != null) {
			encounter.getPeriod().setStartElement(utc(e.admittedAt()));
		}
		if (e.dischargedAt() != null) {
			encounter.getPeriod().setEndElement(utc(e.dischargedAt()));
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
		return FHIR.newJsonParser().encodeResourceToString(encounter);
	}

	private static DateTimeType utc(Instant instant) {
		return new DateTimeType(Date.from(instant),
				instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI,
				TimeZone.getTimeZone("UTC"));
	}

}
