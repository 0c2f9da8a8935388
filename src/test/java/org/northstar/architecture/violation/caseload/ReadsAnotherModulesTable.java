package org.northstar.architecture.violation.caseload;

/**
 * A deliberate violation: a module's SQL reading a table another module owns (caseload
 * joining patient's {@code patient_link}), as {@code Caseloads} once did.
 */
final class ReadsAnotherModulesTable {

	static final String COORDINATOR_OF_THE_PERSON = """
			select a.username from patient_link mine
			join patient_link other on other.person_id = mine.person_id
			join caseload_assignment a on a.patient_id = other.patient_id
			where mine.patient_id = ?
			""";

	private ReadsAnotherModulesTable() {
	}

}
