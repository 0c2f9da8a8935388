package org.northstar.clinical;

import java.math.BigDecimal;
import java.time.Duration;
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

	public record Problem(String display, String code, String clinicalStatus, ClinicalTime onset,
			List<String> sources) implements Reported {
	}

	/** A member of the patient's care team, as a source named them. */
	public record CareTeamMember(String name, String role, String source) {
	}

	/** What a timeline item is. */
	public enum Kind {

		ENCOUNTER, PROCEDURE, RESULT, IMMUNIZATION

	}

	/**
	 * One line of the timeline.
	 *
	 * @param title the item's short name where the source gave one ({@code code.text}),
	 * else its code's display
	 * @param detail the reason of an encounter, or the status of a procedure or
	 * immunization
	 * @param encounterClass an encounter's class code (v3 ActCode: {@code IMP},
	 * {@code EMER}, {@code AMB} ...), else null
	 * @param disposition an encounter's discharge disposition code (UB-04 {@code 01}, or
	 * FHIR {@code home} ...), else null
	 * @param result a result's value, range, flag and components, else null
	 */
	public record TimelineItem(ClinicalTime at, Kind kind, String title, String detail, String encounterClass,
			String disposition, Result result, List<String> sources) implements Reported {

		public TimelineItem withSources(List<String> sources) {
			return new TimelineItem(this.at, this.kind, this.title, this.detail, this.encounterClass, this.disposition,
					this.result, sources);
		}

	}

	/**
	 * A result exactly as its source sent it.
	 *
	 * @param quantity the measured value, or null
	 * @param text the value in words when it is not a quantity (a coded or text value)
	 * @param flag the interpretation, or null when the source gave none
	 * @param range the first reference range, or null
	 * @param components the parts of a panel (systolic and diastolic blood pressure ...)
	 */
	public record Result(Quantity quantity, String text, Flag flag, Range range, List<Component> components) {

		public Result {
			components = List.copyOf(components);
		}

	}

	/**
	 * A measured value with the digits its source sent: {@code 12.0} keeps its zero,
	 * {@code 0.004} is not rounded.
	 *
	 * @param comparator {@code <}, {@code <=}, {@code >=} or {@code >} when the source
	 * sent one ("< 0.01")
	 * @param unit the unit as the source wrote it for people, or null
	 * @param code the unit's code (UCUM when {@code system} is
	 * {@code http://unitsofmeasure.org}), or null
	 */
	public record Quantity(BigDecimal value, String comparator, String unit, String system, String code) {

		/** The value with every digit the source sent, never in exponent form. */
		public String digits() {
			return this.value == null ? null : this.value.toPlainString();
		}

	}

	/**
	 * A reference range: its bounds (inclusive), and its text when the source described
	 * it in words.
	 */
	public record Range(Quantity low, Quantity high, String text) {
	}

	/**
	 * An interpretation (abnormal flag).
	 *
	 * @param code the code from HL7 v3 ObservationInterpretation ({@code H}, {@code L},
	 * {@code HH}, {@code LL}, {@code A}, {@code N} ...), or null
	 * @param display the source's words for it, or null
	 */
	public record Flag(String code, String display) {

		/** Whether it says the value is normal: no flag worth showing. */
		public boolean normal() {
			return "N".equals(this.code);
		}

	}

	/** One part of a panel, with its own value, flag and range. */
	public record Component(String name, Quantity quantity, String text, Flag flag, Range range) {
	}

	/** What happened at a hospital: the kinds of event the morning review lists. */
	public enum HospitalEventKind {

		ADMITTED, ED_VISIT, DISCHARGED

	}

	/**
	 * An admission, ED visit or discharge.
	 *
	 * @param at when it happened, as the hospital says
	 * @param arrivedAt when Northstar learned of it: later than {@code at} when a message
	 * came late or a record was imported afterwards
	 * @param location the unit, room and bed as the hospital named them
	 */
	public record HospitalEvent(PatientId patient, HospitalEventKind kind, Instant at, Instant arrivedAt,
			String location, String reason, String disposition, String source) {

		/** How much later than the event a message may come and still read as on time. */
		static final Duration ON_TIME = Duration.ofHours(1);

		/** Whether it arrived so long after it happened that the review should say so. */
		public boolean arrivedLate() {
			return this.arrivedAt.isAfter(this.at.plus(ON_TIME));
		}

	}

}
