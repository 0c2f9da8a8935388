package org.northstar.medication;

import java.util.Locale;

/**
 * Who ordered a medicine, or saw the patient: known by their NPI when a source gives it
 * (on the reference, on the Practitioner it names, or as the reference's identifier),
 * else by the Practitioner a source's reference names, and by the name it displays only
 * as the last resort. Two prescribers of the same name with different NPIs are two
 * people; one NPI spelled two ways is one.
 *
 * @param key what identifies them: {@code npi:…}, {@code practitioner:…} (a source's
 * reference) or {@code name:…}
 * @param name the name a source displays, or null
 * @param npi their National Provider Identifier, or null
 */
public record Prescriber(String key, String name, String npi) {

	public static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";

	/** Known by a name only. */
	static Prescriber named(String name) {
		return new Prescriber("name:" + name.strip().toLowerCase(Locale.ROOT), name, null);
	}

	static Prescriber ofNpi(String npi, String name) {
		return new Prescriber("npi:" + npi, name, npi);
	}

	/** Whether anything better than a name identifies them. */
	public boolean identified() {
		return !this.key.startsWith("name:");
	}

	/** The key a name alone gives: what an order or visit known only by name matches. */
	String nameKey() {
		return this.name == null ? null : named(this.name).key();
	}

	/** "Dr. Aisha Rahman (NPI 1234567893)", the name alone without an NPI. */
	public String text() {
		String shown = this.name != null ? this.name : "unnamed prescriber";
		return this.npi != null ? shown + " (NPI " + this.npi + ")" : shown;
	}

	@Override
	public String toString() {
		return text();
	}

}
