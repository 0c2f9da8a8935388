package org.northstar.patient;

import org.northstar.shared.PatientId;

/**
 * The patient a feed message was matched to.
 *
 * @param created the message named no known identifier, so the patient was created and
 * awaits review
 */
public record FeedMatch(PatientId patient, boolean created) {

}
