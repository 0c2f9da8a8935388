package org.northstar.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.northstar.clinical.ClinicalRecordsImported;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.patient.People;
import org.northstar.patient.RecordsLinked;
import org.northstar.patient.RecordsLinkedByUser;
import org.northstar.reactions.ReactsIf;
import org.northstar.shared.PatientId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Scores follow the record: after an import or a {@code POST /fhir} commits
 * ({@link ClinicalRecordsImported}, one per bundle), after a feed message changes an
 * encounter ({@link EncounterRecorded}), and after the matcher or a user joins records
 * into one person ({@link RecordsLinked}, {@link RecordsLinkedByUser}), the people
 * concerned are scored again. Each runs after the commit in a transaction of its own, so
 * a failure here never refuses or rolls back the record; it is retried by the reactions
 * module. Recomputing is idempotent.
 *
 * <p>
 * Most feed messages cannot change a score: an admission, a transfer or an update of a
 * stay still under way, an ED visit after the person's last scored stay. Only those that
 * can ({@link #changesScores}) are stored as reactions and scored again, so the feed does
 * not pay a reaction, three more transactions and a reading of the person's history on
 * every message.
 */
@Component
class RiskReactions {

	/** The ids their publications are stored under: never rename them. */
	static final String AFTER_IMPORT = "risk.RiskReactions.afterImport";

	static final String AFTER_FEED = "risk.RiskReactions.afterFeed";

	static final String AFTER_LINK = "risk.RiskReactions.afterLink";

	static final String AFTER_USER_LINK = "risk.RiskReactions.afterUserLink";

	private final RiskScores scores;

	private final RiskStore store;

	private final People people;

	RiskReactions(RiskScores scores, RiskStore store, People people) {
		this.scores = scores;
		this.store = store;
		this.people = people;
	}

	@ApplicationModuleListener(id = AFTER_IMPORT)
	void on(ClinicalRecordsImported imported) {
		this.scores.recompute(imported.patients());
	}

	@ApplicationModuleListener(id = AFTER_FEED)
	@ReactsIf("changesScores")
	void on(EncounterRecorded encounter) {
		this.scores.recompute(List.of(encounter.patient()));
	}

	/**
	 * Whether this change of an encounter can change any score of the person: it is, or
	 * was, a finished inpatient stay (the stay's own scores), or it is, or was, a stay or
	 * an ED visit that began before a scored stay of the person ended (the visits and
	 * admissions a later stay counts), and more than its whereabouts changed. Asked once,
	 * in the feed's transaction, before the reaction is stored ({@link ReactsIf}).
	 */
	boolean changesScores(EncounterRecorded encounter) {
		// No score reads where the patient is or who attends them: a transfer, or an
		// update of the bed or the doctor, the bulk of a feed, needs no read of the
		// scores.
		if (Boolean.TRUE.equals(encounter.whereaboutsOnly())) {
			return false;
		}
		boolean stay = isStay(encounter.classCode()) || isStay(encounter.previousClassCode());
		if (stay && ("finished".equals(encounter.status()) || "finished".equals(encounter.previousStatus()))) {
			return true;
		}
		boolean counted = stay || Scoring.EMERGENCY.equals(encounter.classCode())
				|| Scoring.EMERGENCY.equals(encounter.previousClassCode());
		Instant began = earliest(encounter.admittedAt(), encounter.previousAdmittedAt());
		return counted && began != null
				&& this.store.anyStayDischargedAfter(this.people.recordsOf(encounter.patient()), began);
	}

	private static boolean isStay(String classCode) {
		return classCode != null && Scoring.INPATIENT.contains(classCode);
	}

	private static Instant earliest(Instant one, Instant other) {
		if (one == null || other == null) {
			return one == null ? other : one;
		}
		return one.isBefore(other) ? one : other;
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

	/**
	 * A reviewer's link (or an undone unlink) joins histories as the matcher's does: an
	 * ED visit or an admission on one record counts for a stay on the other.
	 */
	@ApplicationModuleListener(id = AFTER_USER_LINK)
	void on(RecordsLinkedByUser linked) {
		this.scores.recompute(List.of(linked.one(), linked.other()));
	}

}
