package org.northstar.notification;

import java.time.Clock;
import java.time.format.DateTimeFormatter;

import org.northstar.caseload.AttributionRules;
import org.northstar.caseload.Caseloads;
import org.northstar.clinical.EncounterRecorded;
import org.northstar.patient.Patients;
import org.northstar.reactions.FirstAnswer;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An ED visit or an admission of a patient on someone's caseload notifies their
 * coordinator. The notification is written by a reaction after the encounter is recorded
 * (in its own transaction, retried until it is done, so it can neither refuse the
 * encounter nor be lost), once per encounter, kind and user however often it runs; it is
 * sent once that reaction's transaction has committed.
 */
@Component
class HospitalAlerts {

	/** The id its publications are stored under: never rename it. */
	static final String LISTENER = "notification.HospitalAlerts";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

	private final Notifications notifications;

	private final NotificationDelivery delivery;

	private final Caseloads caseloads;

	private final Patients patients;

	private final AttributionRules rules;

	private final Clock clock;

	private final FirstAnswer<EncounterRecorded> someoneToTell = new FirstAnswer<>(this::mayTell);

	HospitalAlerts(Notifications notifications, NotificationDelivery delivery, Caseloads caseloads,
			AttributionRules rules, Patients patients, Clock clock) {
		this.rules = rules;
		this.clock = clock;
		this.notifications = notifications;
		this.delivery = delivery;
		this.caseloads = caseloads;
		this.patients = patients;
	}

	@ApplicationModuleListener(id = LISTENER, condition = "@hospitalAlerts.someoneToTell(#encounter)")
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
		if (this.notifications.add(coordinator, encounter.patient(), kind, text.toString(), encounter.encounter())) {
			this.delivery.deliverAfterCommit();
		}
	}

	/**
	 * Whether the encounter is an admission or an ED arrival and someone may be told: the
	 * person is on a caseload, or an attribution rule may put them on one. Most of a
	 * hospital's patients are on no one's caseload, and their admissions then cost no
	 * stored reaction. Evaluated in the feed's transaction, which sees a link to a person
	 * made by the same message, and once per event ({@link FirstAnswer}); public for the
	 * listener's condition.
	 */
	public boolean someoneToTell(EncounterRecorded encounter) {
		return this.someoneToTell.test(encounter);
	}

	private boolean mayTell(EncounterRecorded encounter) {
		return kindOf(encounter) != null
				&& (this.rules.exist() || this.caseloads.coordinatorOf(encounter.patient()).isPresent());
	}

	private static Notification.Kind kindOf(EncounterRecorded encounter) {
		if (encounter.admittedAsInpatient()) {
			return Notification.Kind.ADMITTED;
		}
		return encounter.admitted() && "EMER".equals(encounter.classCode()) ? Notification.Kind.ED_VISIT : null;
	}

}
