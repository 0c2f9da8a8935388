package org.northstar.notification;

import java.util.List;

import org.northstar.shared.PatientId;

/**
 * A hospital's HL7 message about known patients could not be applied and was kept as a
 * dead letter for the administrator: their coordinators should know that something the
 * hospital said may be missing. Published with the dead letter, after the record of it is
 * stored; nothing done about it can undo that record.
 *
 * <p>
 * Declared here, by the module that acts on it, because the module that publishes it
 * ({@code ingest}) is an edge, and no module may depend on an edge.
 *
 * @param patients the records the message's patient identifiers (PID-3) belong to; never
 * empty
 * @param facility who sent it (MSH-4, else MSH-3)
 * @param messageType MSH-9, as {@code ADT^A01}
 * @param controlId MSH-10, by which the administrator finds it in the message log
 */
public record Hl7MessageDeadLettered(List<PatientId> patients, String facility, String messageType, String controlId) {

	public Hl7MessageDeadLettered {
		patients = List.copyOf(patients);
		if (patients.isEmpty()) {
			throw new IllegalArgumentException("A dead letter about no known patient notifies no one");
		}
	}

}
