package org.northstar.risk;

import java.util.ArrayList;
import java.util.List;

import org.northstar.clinical.ClinicalRecordsImported;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.patient.RecordsLinked;
import org.northstar.shared.PatientId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Scores follow the record: after an import or a {@code POST /fhir} commits
 * ({@link ClinicalRecordsImported}, one per bundle), after a feed message changes an
 * encounter ({@link EncounterRecorded}), and after the matcher joins records into one
 * person ({@link RecordsLinked}), the people concerned are scored again. Each runs after
 * the commit in a transaction of its own, so a failure here never refuses or rolls back
 * the record; it is retried by the reactions module. Recomputing is idempotent.
 */
@Component
class RiskReactions {

	/** The ids their publications are stored under: never rename them. */
	static final String AFTER_IMPORT = "risk.RiskReactions.afterImport";

	static final String AFTER_FEED = "risk.RiskReactions.afterFeed";

	static final String AFTER_LINK = "risk.RiskReactions.afterLink";

	private final RiskScores scores;

	RiskReactions(RiskScores scores) {
		this.scores = scores;
	}

	@ApplicationModuleListener(id = AFTER_IMPORT)
	void on(ClinicalRecordsImported imported) {
		this.scores.recompute(imported.patients());
	}

	@ApplicationModuleListener(id = AFTER_FEED)
	void on(EncounterRecorded encounter) {
		this.scores.recompute(List.of(encounter.patient()));
	}

	@ApplicationModuleListener(id = AFTER_LINK)
	void on(RecordsLinked linked) {
		List<PatientId> records = new ArrayList<>();
		linked.links().forEach(link -> {
			records.add(link.one());
			records.add(link.other());
		});
		this.scores.recompute(records);
	}

}
