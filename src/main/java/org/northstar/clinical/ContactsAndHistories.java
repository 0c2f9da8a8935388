package org.northstar.clinical;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.northstar.clinical.ContactsAndHistory.Allergy;
import org.northstar.clinical.ContactsAndHistory.Contact;
import org.northstar.clinical.ContactsAndHistory.Document;
import org.northstar.clinical.ContactsAndHistory.Episode;
import org.northstar.clinical.ContactsAndHistory.Phone;
import org.northstar.clinical.ContactsAndHistory.Problem;
import org.northstar.clinical.ContactsAndHistory.Reaction;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * Reads a person's {@link ContactsAndHistory} from the resources their sources sent: the
 * contacts of each Patient resource and each RelatedPerson, AllergyIntolerances,
 * Conditions and DocumentReferences. Callers decide and audit access first.
 */
@Service
public class ContactsAndHistories {

	private static final Set<String> TYPES = Set.of("Patient", "RelatedPerson", "AllergyIntolerance", "Condition",
			"DocumentReference");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Comparator<Episode> BY_ONSET = Comparator.comparing(
			(Episode e) -> e.onset() == null ? null : e.onset().instant(),
			Comparator.nullsLast(Comparator.naturalOrder()));

	private final ClinicalResources resources;

	ContactsAndHistories(ClinicalResources resources) {
		this.resources = resources;
	}

	/** What the sources of these records (one person's) sent, each in arrival order. */
	public ContactsAndHistory of(Collection<PatientId> records) {
		List<Contact> contacts = new ArrayList<>();
		List<Allergy> allergies = new ArrayList<>();
		Map<String, List<Episode>> episodes = new LinkedHashMap<>();
		Map<String, String> codes = new LinkedHashMap<>();
		List<Document> documents = new ArrayList<>();
		for (StoredResource stored : this.resources.ofPatients(records, TYPES)) {
			JsonNode r = read(stored);
			switch (stored.resourceType()) {
				case "Patient" -> r.path("contact")
					.forEach(c -> contacts
						.add(contact(c.path("relationship"), c.path("name"), c.path("telecom"), stored.source())));
				case "RelatedPerson" -> contacts
					.add(contact(r.path("relationship"), r.path("name").path(0), r.path("telecom"), stored.source()));
				case "AllergyIntolerance" -> allergies.add(allergy(r, stored.source()));
				case "Condition" -> {
					JsonNode coding = firstCoding(r.path("code"));
					String code = coding == null ? null : text(coding, "system") == null ? text(coding, "code")
							: text(coding, "system") + "|" + text(coding, "code");
					Episode episode = episode(r, stored.source());
					String key = code != null ? "code " + code : "words " + episode.words();
					codes.put(key, code);
					episodes.computeIfAbsent(key, k -> new ArrayList<>()).add(episode);
				}
				case "DocumentReference" -> documents.add(document(r, stored.source()));
				default -> {
				}
			}
		}
		List<Problem> problems = new ArrayList<>();
		episodes.forEach((key, list) -> {
			list.sort(BY_ONSET);
			String words = null;
			for (Episode e : list) {
				words = e.words() != null ? e.words() : words;
			}
			problems.add(new Problem(words, codes.get(key), list));
		});
		return new ContactsAndHistory(contacts, allergies, problems, documents);
	}

	private static JsonNode read(StoredResource stored) {
		try {
			return JSON.readTree(stored.json());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Stored " + stored.resourceType() + " " + stored.id() + " is not JSON", ex);
		}
	}

	private static Contact contact(JsonNode relationships, JsonNode name, JsonNode telecom, String source) {
		List<String> said = new ArrayList<>();
		relationships.forEach(r -> {
			String words = words(r);
			if (words != null) {
				said.add(words);
			}
		});
		List<Phone> phones = new ArrayList<>();
		telecom.forEach(t -> {
			if ("phone".equals(text(t, "system")) && text(t, "value") != null) {
				phones.add(new Phone(text(t, "value"), text(t, "use")));
			}
		});
		return new Contact(said.isEmpty() ? null : String.join(", ", said), name(name), phones, source);
	}

	/** A HumanName as sent: its text, else prefix, given and family names. */
	private static String name(JsonNode name) {
		String text = text(name, "text");
		if (text != null) {
			return text;
		}
		List<String> parts = new ArrayList<>();
		name.path("prefix").forEach(p -> parts.add(p.asText()));
		name.path("given").forEach(g -> parts.add(g.asText()));
		if (text(name, "family") != null) {
			parts.add(text(name, "family"));
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static Allergy allergy(JsonNode r, String source) {
		List<Reaction> reactions = new ArrayList<>();
		r.path("reaction").forEach(reaction -> {
			List<String> manifestations = new ArrayList<>();
			reaction.path("manifestation").forEach(m -> {
				String words = words(m);
				if (words != null) {
					manifestations.add(words);
				}
			});
			reactions.add(new Reaction(manifestations, text(reaction, "severity"), text(reaction, "description")));
		});
		List<String> categories = new ArrayList<>();
		r.path("category").forEach(c -> {
			if (c.isTextual() && !c.asText().isBlank()) {
				categories.add(c.asText());
			}
		});
		return new Allergy(words(r.path("code")), words(r.path("clinicalStatus")), text(r, "criticality"),
				categories.isEmpty() ? null : String.join(", ", categories), reactions, source);
	}

	private static Episode episode(JsonNode r, String source) {
		return new Episode(words(r.path("code")), time(onset(r, "onset")), text(r, "onsetString"),
				time(onset(r, "abatement")), text(r, "abatementString"), words(r.path("clinicalStatus")), source);
	}

	/** An onset or abatement sent as a dateTime, else the start or end of a Period. */
	private static String onset(JsonNode r, String element) {
		String at = text(r, element + "DateTime");
		if (at != null) {
			return at;
		}
		return text(r.path(element + "Period"), "onset".equals(element) ? "start" : "end");
	}

	private static Document document(JsonNode r, String source) {
		List<String> authors = new ArrayList<>();
		r.path("author").forEach(a -> {
			String who = text(a, "display") != null ? text(a, "display") : text(a, "reference");
			if (who != null) {
				authors.add(who);
			}
		});
		JsonNode attachment = r.path("content").path(0).path("attachment");
		String url = text(attachment, "url");
		boolean openable = url != null && (url.startsWith("https://") || url.startsWith("http://"));
		String title = text(attachment, "title") != null ? text(attachment, "title") : text(r, "description");
		return new Document(words(r.path("type")), title, time(text(r, "date")), authors, openable ? url : null,
				source);
	}

	/**
	 * A CodeableConcept as its source worded it: the text, else a display, else a code.
	 */
	private static String words(JsonNode concept) {
		if (text(concept, "text") != null) {
			return text(concept, "text");
		}
		for (JsonNode coding : concept.path("coding")) {
			if (text(coding, "display") != null) {
				return text(coding, "display");
			}
		}
		JsonNode coding = firstCoding(concept);
		return coding == null ? null : text(coding, "code");
	}

	private static JsonNode firstCoding(JsonNode concept) {
		for (JsonNode coding : concept.path("coding")) {
			if (text(coding, "code") != null) {
				return coding;
			}
		}
		return null;
	}

	/**
	 * A FHIR date or dateTime as precisely as sent; null when absent or not a date, the
	 * import having stored the resource as it came.
	 */
	static ClinicalTime time(String asSent) {
		if (asSent == null) {
			return null;
		}
		try {
			Instant instant = switch (asSent.length()) {
				case 4 -> Year.parse(asSent).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
				case 7 -> YearMonth.parse(asSent).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
				case 10 -> LocalDate.parse(asSent).atStartOfDay().toInstant(ZoneOffset.UTC);
				default -> OffsetDateTime.parse(asSent).toInstant();
			};
			return ClinicalTime.of(instant, asSent);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
	}

}
