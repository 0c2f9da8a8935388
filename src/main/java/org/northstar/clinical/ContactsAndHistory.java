package org.northstar.clinical;

import java.util.List;

/**
 * What a coordinator needs to reach and know a person, read from every record of the
 * person as the sources sent it: the people to call, allergies with their reactions,
 * problems in the clinician's words with each episode, and documents. Every value is the
 * source's own text; nothing is translated or merged across sources.
 */
public record ContactsAndHistory(List<Contact> contacts, List<Allergy> allergies, List<Problem> problems,
		List<Document> documents) {

	public ContactsAndHistory {
		contacts = List.copyOf(contacts);
		allergies = List.copyOf(allergies);
		problems = List.copyOf(problems);
		documents = List.copyOf(documents);
	}

	/**
	 * A caregiver or next of kin: a RelatedPerson, or a contact on a Patient resource.
	 *
	 * @param relationship the relationships as sent (text, else display, else code),
	 * joined; null when none was sent
	 * @param name the name as sent; null when none was sent
	 * @param phones the phone numbers exactly as sent, in the source's order
	 * @param source the source that said so
	 */
	public record Contact(String relationship, String name, List<Phone> phones, String source) {

		public Contact {
			phones = List.copyOf(phones);
		}

	}

	/**
	 * A phone number of a contact.
	 *
	 * @param use home, work, mobile... as sent; null when not sent
	 */
	public record Phone(String value, String use) {

		/** The number for a {@code tel:} link: the value without spaces. */
		public String dial() {
			return this.value.replaceAll("\\s+", "");
		}

	}

	/**
	 * An AllergyIntolerance.
	 *
	 * @param category food, medication, environment or biologic, as sent and joined; null
	 * when not sent
	 */
	public record Allergy(String substance, String clinicalStatus, String criticality, String category,
			List<Reaction> reactions, String source) {

		public Allergy {
			reactions = List.copyOf(reactions);
		}

	}

	/**
	 * One reaction to an allergy.
	 *
	 * @param manifestations as sent, each its text, else display, else code
	 */
	public record Reaction(List<String> manifestations, String severity, String description) {

		public Reaction {
			manifestations = List.copyOf(manifestations);
		}

	}

	/**
	 * The Conditions of one code (or, without a code, of the same words).
	 *
	 * @param words the clinician's words of the latest episode: Condition.code.text, else
	 * the coding's display
	 * @param code the first coding as sent, "system|code"; null when there was none
	 * @param episodes the episodes, by onset, earliest first (unknown onsets last)
	 */
	public record Problem(String words, String code, List<Episode> episodes) {

		public Problem {
			episodes = List.copyOf(episodes);
		}

	}

	/**
	 * One Condition of a problem.
	 *
	 * @param words its own words, which may differ from the problem's
	 * @param onset when it began, as precisely as sent; null if not sent as a date
	 * @param onsetText an onset sent as a string ("in childhood"); null otherwise
	 */
	public record Episode(String words, ClinicalTime onset, String onsetText, ClinicalTime abatement,
			String abatementText, String clinicalStatus, String source) {

	}

	/**
	 * A DocumentReference.
	 *
	 * @param url the first attachment's URL when it is http or https; null otherwise, so
	 * that a page links only to something it can open safely
	 */
	public record Document(String type, String title, ClinicalTime date, List<String> authors, String url,
			String source) {

		public Document {
			authors = List.copyOf(authors);
		}

	}

}
