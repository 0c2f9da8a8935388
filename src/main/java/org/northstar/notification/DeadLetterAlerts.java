package org.northstar.notification;

import java.util.LinkedHashMap;
import java.util.Map;

import org.northstar.caseload.Caseloads;
import org.northstar.patient.Patients;
import org.northstar.shared.PatientId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A hospital message about a patient on someone's caseload that could not be applied
 * tells their coordinator, in the app, naming the patient: an admission or discharge may
 * be missing from what they see until the administrator has dealt with it.
 *
 * <p>
 * A reaction: runs after the dead letter is committed, in a transaction of its own, and
 * again if it fails, so that a failure here can never cost the dead letter or its ACK.
 */
@Component
class DeadLetterAlerts {

	static final String LISTENER = "notification.DeadLetterAlerts";

	private final Notifications notifications;

	private final NotificationDelivery delivery;

	private final Caseloads caseloads;

	private final Patients patients;

	DeadLetterAlerts(Notifications notifications, NotificationDelivery delivery, Caseloads caseloads,
			Patients patients) {
		this.notifications = notifications;
		this.delivery = delivery;
		this.caseloads = caseloads;
		this.patients = patients;
	}

	@ApplicationModuleListener(id = LISTENER)
	void on(Hl7MessageDeadLettered deadLetter) {
		// Two records of one person usually share a coordinator, who is told once.
		Map<String, PatientId> patientOf = new LinkedHashMap<>();
		for (PatientId patient : deadLetter.patients()) {
			this.caseloads.coordinatorOf(patient).ifPresent(coordinator -> patientOf.putIfAbsent(coordinator, patient));
		}
		boolean added = false;
		for (Map.Entry<String, PatientId> entry : patientOf.entrySet()) {
			String name = this.patients.find(entry.getValue())
				.map(details -> details.summary().displayName())
				.orElse("A patient");
			String text = name + ": a message from " + deadLetter.facility() + " (" + deadLetter.messageType()
					+ ", control id " + deadLetter.controlId() + ") could not be applied, so an admission, transfer,"
					+ " discharge or update may be missing here. The administrator has it in the HL7 message log.";
			added |= this.notifications.addOnce(entry.getKey(), entry.getValue(), Notification.Kind.MESSAGE_NOT_APPLIED,
					text);
		}
		if (added) {
			this.delivery.deliverAfterCommit();
		}
	}

}
