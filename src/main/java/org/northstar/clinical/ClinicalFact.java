package org.northstar.clinical;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.northstar.shared.PatientId;

/**
 * The normalised part of a clinical resource: what features search and display. Codes are
 * the first coding a source gave; the full resource stays in the source record.
 */
public sealed interface ClinicalFact {

	PatientId patient();

	/** A coded concept: the system, the code and the words a person reads. */
	record Code(String system, String code, String display) {

		public static final Code NONE = new Code(null, null, null);

	}

	/**
	 * @param priority how urgent the admission was: the first code of
	 * {@code Encounter.priority} (v3 ActPriority: EM, UR, EL, R...), or null
	 * @param admitSource the first code of {@code hospitalization.admitSource} (emd: from
	 * the emergency department), or null
	 * @param service the first coding of {@code serviceType} (its text when it has no
	 * coding): the service the patient was under
	 */
	record Encounter(PatientId patient, String status, String classCode, Code type, String reason, Instant start,
			Instant end, UUID practitioner, UUID organization, UUID location, String priority, String admitSource,
			Code service) implements ClinicalFact {
	}

	record Condition(PatientId patient, UUID encounter, Code code, String clinicalStatus, Instant onset,
			Instant abatement, Instant recorded) implements ClinicalFact {
	}

	record Observation(PatientId patient, UUID encounter, String status, String category, Code code,
			BigDecimal valueNumber, String valueUnit, String valueText, Instant effective) implements ClinicalFact {
	}

	record MedicationRequest(PatientId patient, UUID encounter, String status, String intent, Code medication,
			Instant authoredOn, UUID requester, String dosage, String reason) implements ClinicalFact {
	}

	record Procedure(PatientId patient, UUID encounter, String status, Code code, Instant start,
			Instant end) implements ClinicalFact {
	}

	record AllergyIntolerance(PatientId patient, String clinicalStatus, String category, String criticality, Code code,
			Instant recorded) implements ClinicalFact {
	}

	record Immunization(PatientId patient, UUID encounter, String status, Code vaccine,
			Instant occurred) implements ClinicalFact {
	}

}
