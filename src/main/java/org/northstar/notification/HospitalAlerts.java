package org.northstar.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.northstar.caseload.AttributionRules;
import org.northstar.caseload.Caseloads;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.clinical.Encounters;
import org.northstar.patient.Patients;
import org.northstar.patient.People;
import org.northstar.reactions.ReactsIf;
import org.northstar.risk.PersonRisk;
import org.northstar.risk.RiskAssessment;
import org.northstar.risk.RiskScores;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An ED visit or an admission of a patient on someone's caseload notifies their
 * coordinator. The notification is written by a reaction after the encounter is recorded
 * (in its own transaction, retried until it is done, so it can neither refuse the
 * encounter nor be lost), once per encounter, kind and user however often it runs; it is
 * sent once that reaction's transaction has committed.
 *
 * <p>
 * It says why it matters in the words of the overnight review: a return within 30 days of
 * an inpatient discharge of the person, on any of their records ("Readmitted within 30
 * days of the discharge on 20 Nov 2026"), and the person's current LACE and HOSPITAL
 * bands when they have any ("LACE 12 (high)").
 */
@Component
class HospitalAlerts {

	/** The id its publications are stored under: never rename it. */
	static final String LISTENER = "notification.HospitalAlerts";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	/** The days after a discharge in which a return counts as a readmission (CMS's). */
	private static final Duration READMISSION = Duration.ofDays(30);

	private final Notifications notifications;

	private final NotificationDelivery delivery;

	private final Caseloads caseloads;

	private final Patients patients;

	private final AttributionRules rules;

	private final People people;

	private final Encounters encounters;

	private final RiskScores risks;

	private final Clock clock;

	HospitalAlerts(Notifications notifications, NotificationDelivery delivery, Caseloads caseloads,
			AttributionRules rules, Patients patients, People people, Encounters encounters, RiskScores risks,
			Clock clock) {
		this.rules = rules;
		this.clock = clock;
		this.people = people;
		this.encounters = encounters;
		this.risks = risks;
		this.notifications = notifications;
		this.delivery = delivery;
		this.caseloads = caseloads;
		this.patients = patients;
	}

	@ApplicationModuleListener(id = LISTENER)
	@ReactsIf("someoneToTell")
	void on(EncounterRecorded encounter) {
		Notification.Kind kind = kindOf(encounter);
		if (kind == null) {
			return;
		}
		String coordinator = this.caseloads.coordinatorOf(encounter.patient()).orElse(null);
		if (coordinator == null) {
			return;
		}
		String name = this.patients.find(encounter.patient())
			.map(details -> details.summary().displayName())
			.orElse("A patient");
		StringBuilder text = new StringBuilder(name)
			.append(kind == Notification.Kind.ADMITTED ? " was admitted" : " arrived at the emergency department");
		if (encounter.location() != null) {
			text.append(kind == Notification.Kind.ADMITTED ? " to " : ", ").append(encounter.location());
		}
		if (encounter.admittedAt() != null) {
			text.append(" on ").append(TIME.format(encounter.admittedAt().atZone(this.clock.getZone())));
		}
		text.append(" (").append(encounter.source()).append(").");
		whyItMatters(encounter, kind).ifPresent(why -> text.append(' ').append(why));
		if (this.notifications.add(coordinator, encounter.patient(), kind, text.toString(), encounter.encounter())) {
			this.delivery.deliverAfterCommit();
		}
	}

	/**
	 * Whether the encounter is an admission or an ED arrival and someone may be told: the
	 * person is on a caseload, or an attribution rule may put them on one. Most of a
	 * hospital's patients are on no one's caseload, and their admissions then cost no
	 * stored reaction. Asked once, in the feed's transaction, which sees a link to a
	 * person made by the same message ({@link ReactsIf}).
	 */
	boolean someoneToTell(EncounterRecorded encounter) {
		return kindOf(encounter) != null
				&& (this.rules.exist() || this.caseloads.coordinatorOf(encounter.patient()).isPresent());
	}

	/**
	 * A return within 30 days of a discharge and the person's risk bands, as a sentence;
	 * empty when there is neither.
	 */
	private Optional<String> whyItMatters(EncounterRecorded encounter, Notification.Kind kind) {
		List<String> reasons = new ArrayList<>(2);
		Instant at = encounter.admittedAt() != null ? encounter.admittedAt() : this.clock.instant();
		this.encounters.latestInpatientDischarge(this.people.recordsOf(encounter.patient()), at.minus(READMISSION), at)
			.ifPresent(discharged -> reasons.add((kind == Notification.Kind.ADMITTED ? "Readmitted" : "Back in the ED")
					+ " within 30 days of the discharge on " + DAY.format(discharged.atZone(this.clock.getZone()))));
		PersonRisk risk = this.risks.forPerson(encounter.patient());
		List<String> scores = new ArrayList<>(2);
		for (RiskAssessment score : new RiskAssessment[] { risk.lace(), risk.hospital() }) {
			if (score != null) {
				scores.add(score.instrument() + " " + score.score() + " (" + score.band().code() + ")");
			}
		}
		if (!scores.isEmpty()) {
			reasons.add("Risk: " + String.join(", ", scores));
		}
		return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(". ", reasons) + ".");
	}

	private static Notification.Kind kindOf(EncounterRecorded encounter) {
		if (encounter.admittedAsInpatient()) {
			return Notification.Kind.ADMITTED;
		}
		return encounter.admitted() && "EMER".equals(encounter.classCode()) ? Notification.Kind.ED_VISIT : null;
	}

}
