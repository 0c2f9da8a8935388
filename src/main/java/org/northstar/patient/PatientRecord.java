package org.northstar.patient;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

/**
 * A patient as one source describes them.
 *
 * <p>
 * The flat address fields ({@code addressLine}, {@code city}, {@code state},
 * {@code postalCode}) are the first address, its lines joined by {@code ", "}: what
 * record linkage compares and pages show. {@code addresses} holds every address in full
 * when the source's were kept that way (an HL7 feed's PID-11); it is empty when the flat
 * fields are all that is known.
 *
 * @param birthDate the birth date; for a date sent as a year or a year and month, the
 * first day of it
 * @param sex administrative gender as FHIR codes it (male, female, other, unknown)
 * @param language preferred language (BCP-47 code or the source's text)
 * @param interpreterRequired the source says the patient needs an interpreter
 * @param birthDatePrecision how much of the birth date the source gave: {@code YEARS},
 * {@code MONTHS} or {@code DAYS}
 */
public record PatientRecord(PatientId id, RecordKey key, String familyName, String givenNames, LocalDate birthDate,
		String sex, boolean deceased, String language, boolean interpreterRequired, String phone, String email,
		String addressLine, String city, String state, String postalCode, List<Identifier> identifiers,
		List<Address> addresses, ChronoUnit birthDatePrecision) {

	public PatientRecord {
		identifiers = List.copyOf(identifiers);
		addresses = List.copyOf(addresses);
		birthDatePrecision = Objects.requireNonNullElse(birthDatePrecision, ChronoUnit.DAYS);
		if (birthDatePrecision != ChronoUnit.YEARS && birthDatePrecision != ChronoUnit.MONTHS
				&& birthDatePrecision != ChronoUnit.DAYS) {
			throw new IllegalArgumentException(
					"A birth date is given to the year, month or day, not " + birthDatePrecision);
		}
	}

	/** A patient whose source gave one flat address and full birth dates. */
	public PatientRecord(PatientId id, RecordKey key, String familyName, String givenNames, LocalDate birthDate,
			String sex, boolean deceased, String language, boolean interpreterRequired, String phone, String email,
			String addressLine, String city, String state, String postalCode, List<Identifier> identifiers) {
		this(id, key, familyName, givenNames, birthDate, sex, deceased, language, interpreterRequired, phone, email,
				addressLine, city, state, postalCode, identifiers, List.of(), ChronoUnit.DAYS);
	}

	/**
	 * An identifier a source gave the patient: medical record number, SSN, driver's
	 * licence...
	 */
	public record Identifier(String system, String value, String typeCode) {
	}

	/**
	 * One address with everything FHIR's {@code Address} can hold of it.
	 *
	 * @param use FHIR address use: home, work, temp, old or billing
	 * @param type FHIR address type: postal, physical or both
	 * @param lines the street lines in order (street, then apartment, suite, care of...)
	 * @param district the county or parish
	 * @param periodStart when the address became valid, an ISO 8601 date to the precision
	 * sent ({@code 2024}, {@code 2024-06}, {@code 2024-06-01})
	 * @param periodEnd when it stopped being valid, likewise
	 */
	public record Address(String use, String type, List<String> lines, String city, String district, String state,
			String postalCode, String country, String periodStart, String periodEnd) {

		public Address {
			lines = List.copyOf(lines);
		}

		/** The lines as one, as the flat {@code addressLine} keeps them. */
		public String joinedLines() {
			return this.lines.isEmpty() ? null : String.join(", ", this.lines);
		}

	}

}
