package org.northstar.clinical;

import java.time.Instant;
import java.util.List;

import org.northstar.shared.PatientId;

/**
 * The items of a patient page, each with the sources that reported it: one source, or
 * several when linked records of one person report the same fact.
 */
public final class ClinicalItems {

	private ClinicalItems() {
	}

	/** An item reported by one or more sources. */
	public interface Reported {

		List<String> sources();

		/** The sources, as a person reads them: "hospital · clinic". */
		default String source() {
			return String.join(" · ", sources());
		}

	}

	public record Problem(String display, String code, String clinicalStatus, Instant onset,
			List<String> sources) implements Reported {
	}

	public record Medication(String display, String dosage, String status, Instant authoredOn, String reason,
			String prescriber, List<String> sources) implements Reported {
	}

	public record Allergy(String display, String category, String criticality, String clinicalStatus,
			List<String> sources) implements Reported {
	}

	/** A member of the patient's care team, as a source named them. */
	public record CareTeamMember(String name, String role, String source) {
	}

	/** What a timeline item is. */
	public enum Kind {

		ENCOUNTER, PROCEDURE, RESULT, IMMUNIZATION

	}

	public record TimelineItem(Instant at, Kind kind, String title, String detail,
			List<String> sources) implements Reported {
	}

	/** What happened at a hospital: the kinds of event the morning review lists. */
	public enum HospitalEventKind {

		ADMITTED, ED_VISIT, DISCHARGED

	}

	/**
	 * An admission, ED visit or discharge.
	 *
	 * @param location the unit, room and bed as the hospital named them
	 */
	public record HospitalEvent(PatientId patient, HospitalEventKind kind, Instant at, String location, String reason,
			String disposition, String source) {
	}

}
