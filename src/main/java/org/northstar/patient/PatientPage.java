package org.northstar.patient;

import java.util.List;

import org.northstar.shared.PatientId;

/** One page of a patient search, and how many patients match in all. */
public record PatientPage(List<PatientId> patients, int total) {

	public PatientPage {
		patients = List.copyOf(patients);
	}

}
