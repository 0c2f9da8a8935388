package org.northstar.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.SourceRecords;
import org.northstar.scheduling.Calendars;
import org.northstar.scheduling.Coordinates;
import org.northstar.scheduling.InvalidScheduleException;
import org.northstar.scheduling.Location;
import org.northstar.shared.RecordKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers' calendars of one bundle: its {@code Schedule}s and {@code Slot}s, read
 * entry by entry and stored once the whole bundle has been read, because a schedule's
 * Location and a slot's Schedule may come later in the bundle than what refers to them; a
 * Location or Schedule not in the bundle may have been imported before.
 *
 * <p>
 * A schedule becomes a provider's calendar only when it says where (a Location actor with
 * a position, for travel times) and what (a specialty or service type, which coordinators
 * ask for). Those are optional in FHIR and often missing: a schedule without them, and
 * the slots of a schedule that is not a calendar or is nowhere, are kept as the source
 * sent them and take no part in scheduling, and the log says why. Only a slot that is not
 * valid FHIR (no status, start or end; an end not after its start) is refused, naming the
 * entry and the element; the bundle then keeps nothing.
 */
final class ImportedCalendars {

	private static final Logger log = LoggerFactory.getLogger(ImportedCalendars.class);

	private static final Set<String> WHO = Set.of("Practitioner", "PractitionerRole", "HealthcareService", "Device",
			"RelatedPerson");

	/** A schedule read, waiting for its Location. */
	private record PendingSchedule(int entry, UUID id, String name, String specialty, References.Target location,
			String locationReference, String locationElement, Instant horizonStart, Instant horizonEnd) {
	}

	/** A slot read, waiting for its Schedule. */
	private record PendingSlot(int entry, String scheduleReference, Calendars.ImportedSlot slot) {
	}

	/** A Location of the bundle: its words and, if it has one, its position. */
	private record Place(String name, String address, Coordinates position) {
	}

	private final String input;

	private final String source;

	private final SourceRecords records;

	private final List<PendingSchedule> schedules = new ArrayList<>();

	private final List<PendingSlot> slots = new ArrayList<>();

	private final List<UUID> withdrawn = new ArrayList<>();

	private final Map<UUID, Place> places = new HashMap<>();

	private final Map<UUID, String> names = new HashMap<>();

	ImportedCalendars(String input, String source, SourceRecords records) {
		this.input = input;
		this.source = source;
		this.records = records;
	}

	/** Reads what the entry adds to the calendars, if anything. */
	void add(BundleIndex.Entry entry, RecordKey key, JsonNode r, References references) {
		switch (key.resourceType()) {
			case "Location" -> this.places.put(key.id(), place(r));
			case "Practitioner" -> this.names.put(key.id(), personName(r.path("name").path(0)));
			case "HealthcareService", "PractitionerRole", "Device" ->
				this.names.put(key.id(), FhirValues.text(r, "name"));
			case "Schedule" -> schedule(entry, key, r, references);
			case "Slot" -> slot(entry, key, r, references);
			default -> {
			}
		}
	}

	/** Stores the calendars read, in the import's transaction. */
	void store(Calendars calendars) {
		if (this.schedules.isEmpty() && this.slots.isEmpty() && this.withdrawn.isEmpty()) {
			return;
		}
		List<Calendars.ImportedSchedule> read = new ArrayList<>();
		Map<UUID, PendingSchedule> inBundle = new LinkedHashMap<>();
		for (PendingSchedule s : this.schedules) {
			Location location = location(s);
			if (location != null) {
				inBundle.put(s.id(), s);
				read.add(new Calendars.ImportedSchedule(s.id(), this.source, name(s), s.specialty(), location,
						s.horizonStart(), s.horizonEnd()));
			}
		}
		Set<UUID> held = calendars.held(this.slots.stream()
			.map(s -> s.slot().schedule())
			.filter(id -> !inBundle.containsKey(id))
			.distinct()
			.toList());
		List<Calendars.ImportedSlot> slots = new ArrayList<>();
		for (PendingSlot s : this.slots) {
			if (inBundle.containsKey(s.slot().schedule()) || held.contains(s.slot().schedule())) {
				slots.add(s.slot());
			}
			else {
				notACalendar(s.entry(), "Slot", "schedule " + s.scheduleReference() + " is not a provider's calendar");
			}
		}
		try {
			calendars.store(read, slots, this.withdrawn);
		}
		catch (InvalidScheduleException ex) {
			throw new BundleRejectedException(this.input, null, null, ex.getMessage(), false, ex);
		}
	}

	private void schedule(BundleIndex.Entry entry, RecordKey key, JsonNode r, References references) {
		JsonNode actors = r.path("actor");
		References.Target location = null;
		String locationReference = null;
		String locationElement = null;
		String who = null;
		for (int i = 0; i < actors.size(); i++) {
			String element = "actor[" + i + "]";
			JsonNode actor = actors.path(i);
			References.Target target = references.resolveReference(actor, element);
			if (target == null) {
				continue;
			}
			if ("Location".equals(target.resourceType())) {
				if (location == null) {
					location = target;
					locationReference = FhirValues.text(actor, "reference");
					locationElement = element;
				}
			}
			else if (WHO.contains(target.resourceType()) && who == null) {
				who = FhirValues.text(actor, "display");
				if (who == null) {
					who = "@" + target.id();
				}
			}
			else if (!WHO.contains(target.resourceType())) {
				notACalendar(entry.index(), "Schedule", element + " is a " + target.resourceType());
				return;
			}
		}
		if (location == null) {
			notACalendar(entry.index(), "Schedule", "no actor is a Location");
			return;
		}
		String specialty = concept(r.path("specialty").path(0));
		if (specialty == null) {
			specialty = concept(r.path("serviceType").path(0));
		}
		if (specialty == null) {
			notACalendar(entry.index(), "Schedule", "it has neither specialty nor serviceType");
			return;
		}
		String name = who;
		if (name == null) {
			name = FhirValues.text(r, "comment");
		}
		JsonNode horizon = r.path("planningHorizon");
		Instant from = FhirValues.instant(horizon, "start");
		Instant to = FhirValues.instant(horizon, "end");
		if (from != null && to != null && to.isBefore(from)) {
			throw EntryProblem.invalid("planningHorizon.end " + to + " is before planningHorizon.start " + from);
		}
		this.schedules.add(new PendingSchedule(entry.index(), key.id(), name, specialty.strip(), location,
				locationReference, locationElement, from, to));
	}

	private void slot(BundleIndex.Entry entry, RecordKey key, JsonNode r, References references) {
		References.Target schedule = references.resolve(r, "schedule");
		if (schedule == null) {
			throw EntryProblem.invalid("schedule is missing: a slot belongs to a Schedule");
		}
		if (!"Schedule".equals(schedule.resourceType())) {
			throw EntryProblem.invalid("schedule refers to a " + schedule.resourceType() + ", not a Schedule");
		}
		String status = FhirValues.text(r, "status");
		if ("entered-in-error".equals(status)) {
			this.withdrawn.add(key.id());
			return;
		}
		boolean free;
		if ("free".equals(status)) {
			free = true;
		}
		else if ("busy".equals(status) || "busy-unavailable".equals(status) || "busy-tentative".equals(status)) {
			free = false;
		}
		else {
			throw EntryProblem.invalid("status " + (status == null ? "is missing" : "'" + status + "'")
					+ ": a slot is free, busy, busy-unavailable, busy-tentative or entered-in-error");
		}
		Instant start = FhirValues.instant(r, "start");
		Instant end = FhirValues.instant(r, "end");
		if (start == null || end == null) {
			throw EntryProblem.invalid((start == null ? "start" : "end") + " is missing: a slot has both");
		}
		if (!end.isAfter(start)) {
			throw EntryProblem
				.invalid("end " + FhirValues.text(r, "end") + " is not after start " + FhirValues.text(r, "start"));
		}
		this.slots.add(new PendingSlot(entry.index(), FhirValues.text(r.path("schedule"), "reference"),
				new Calendars.ImportedSlot(key.id(), schedule.id(), start, end, free)));
	}

	private String name(PendingSchedule s) {
		String name = s.name();
		if (name != null && name.startsWith("@")) {
			name = this.names.get(UUID.fromString(name.substring(1)));
		}
		return name == null || name.isBlank() ? s.specialty() + " (imported schedule)" : name;
	}

	private Location location(PendingSchedule s) {
		Place place = this.places.get(s.location().id());
		if (place == null) {
			place = stored(s);
		}
		if (place == null || place.position() == null) {
			notACalendar(s.entry(), "Schedule",
					s.locationElement() + " " + s.locationReference()
							+ (place == null ? " is neither in this bundle nor imported before"
									: " has no position (latitude and longitude), which travel times need"));
			return null;
		}
		return new Location("location-" + s.location().id(),
				place.name() == null ? s.locationReference() : place.name(), place.address(), place.position());
	}

	private void notACalendar(int entry, String type, String why) {
		log.info("{} entry {}: the {} is kept but is not a provider's calendar: {}", this.input, entry, type, why);
	}

	/** A Location the source sent before, named by a relative reference. */
	private Place stored(PendingSchedule s) {
		String reference = s.locationReference();
		if (reference == null || !reference.startsWith("Location/") || reference.indexOf('/', 9) >= 0) {
			return null;
		}
		return this.records.json(new RecordKey(this.source, "Location", reference.substring(9))).map(json -> {
			try {
				return place(BundleReader.JSON.readTree(json));
			}
			catch (JsonProcessingException ex) {
				return null;
			}
		}).orElse(null);
	}

	private static Place place(JsonNode r) {
		JsonNode position = r.path("position");
		BigDecimal latitude = FhirValues.decimal(position, "latitude");
		BigDecimal longitude = FhirValues.decimal(position, "longitude");
		Coordinates at = null;
		if (latitude != null && longitude != null) {
			try {
				at = new Coordinates(latitude.doubleValue(), longitude.doubleValue());
			}
			catch (InvalidScheduleException ex) {
				throw EntryProblem.invalid("position." + ex.field() + ": " + ex.getMessage());
			}
		}
		JsonNode address = r.path("address");
		String words = FhirValues.text(address, "text");
		if (words == null && address.has("line")) {
			StringJoiner lines = new StringJoiner(", ");
			address.path("line").forEach(l -> lines.add(l.asText()));
			if (FhirValues.text(address, "city") != null) {
				lines.add(FhirValues.text(address, "city"));
			}
			words = lines.toString();
		}
		return new Place(FhirValues.text(r, "name"), words, at);
	}

	private static String personName(JsonNode name) {
		String text = FhirValues.text(name, "text");
		if (text != null) {
			return text;
		}
		StringJoiner words = new StringJoiner(" ");
		name.path("prefix").forEach(p -> words.add(p.asText()));
		name.path("given").forEach(g -> words.add(g.asText()));
		if (FhirValues.text(name, "family") != null) {
			words.add(FhirValues.text(name, "family"));
		}
		return words.length() == 0 ? null : words.toString();
	}

	/** A CodeableConcept's words: its text, else its first coding's display or code. */
	private static String concept(JsonNode concept) {
		if (concept.isMissingNode()) {
			return null;
		}
		String text = FhirValues.text(concept, "text");
		if (text != null && !text.isBlank()) {
			return text;
		}
		JsonNode coding = concept.path("coding").path(0);
		String display = FhirValues.text(coding, "display");
		return display != null ? display : FhirValues.text(coding, "code");
	}

}
