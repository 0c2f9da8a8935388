package org.northstar.caseload;

import java.util.List;

import org.northstar.clinical.ClinicalRecordsImported;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.reactions.ReactsIf;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * New patients meet the attribution rules after an import or a {@code POST /fhir} commits
 * ({@link ClinicalRecordsImported}) and after a feed message creates or changes a visit
 * ({@link EncounterRecorded}, which is how a feed's new patient arrives). Each runs after
 * the commit in a transaction of its own, so a rule that fails never refuses or rolls
 * back the record; the reactions module retries it. Attributing is idempotent.
 *
 * <p>
 * Only a new visit can bring a new patient, and only when there are rules: the feed
 * stores no reaction for a transfer, an update or a discharge, nor for anything while no
 * rule exists.
 */
@Component
class AttributionReactions {

	/** The ids their publications are stored under: never rename them. */
	static final String AFTER_IMPORT = "caseload.AttributionReactions.afterImport";

	static final String AFTER_FEED = "caseload.AttributionReactions.afterFeed";

	private final AttributionRules rules;

	AttributionReactions(AttributionRules rules) {
		this.rules = rules;
	}

	@ApplicationModuleListener(id = AFTER_IMPORT)
	@ReactsIf("anyRules")
	void on(ClinicalRecordsImported imported) {
		this.rules.attribute(imported.patients());
	}

	@ApplicationModuleListener(id = AFTER_FEED)
	@ReactsIf("newVisitWhileRules")
	void on(EncounterRecorded encounter) {
		this.rules.attribute(List.of(encounter.patient()));
	}

	/** Whether any rule exists: whoever was imported, only a rule can attribute them. */
	boolean anyRules(ClinicalRecordsImported imported) {
		return this.rules.exist();
	}

	/** Whether the message made the visit, rather than changed one, and rules exist. */
	boolean newVisitWhileRules(EncounterRecorded encounter) {
		return encounter.previousStatus() == null && encounter.previousClassCode() == null && this.rules.exist();
	}

}
