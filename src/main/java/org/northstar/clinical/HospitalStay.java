package org.northstar.clinical;

import java.time.Instant;
import java.util.Objects;

/**
 * An inpatient stay in progress: admitted, not yet discharged.
 *
 * @param since when the patient was admitted, as the hospital says
 * @param hospital the hospital's name where the record names it, else the feed's facility
 * @param unit the unit, room and bed as the hospital named them, or null
 */
public record HospitalStay(Instant since, String hospital, String unit) {

	public HospitalStay {
		Objects.requireNonNull(since, "since");
	}

}
