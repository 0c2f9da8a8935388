package org.northstar.patient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.northstar.shared.PatientId;

/**
 * One person: every patient record that describes them, from whichever source, and how
 * each came to belong to them. A record never linked to another is a person of one
 * record.
 *
 * <p>
 * Invariants: {@code records} is never empty and holds each record once; exactly one
 * record is primary, and it comes first. The primary record is the one a source sent in
 * full (an EHR's Patient) rather than a stub a feed created from a message, and of those
 * the one that joined the person first: its name and birth date head the person's pages.
 * Language, interpreter need and addresses are read from every record, since a hospital's
 * stub often lacks what the EHR knows and the other way round.
 *
 * @param asked the record the person was looked up by
 */
public record Person(PatientId asked, List<Record> records) {

	public Person {
		records = List.copyOf(records);
		if (records.isEmpty()) {
			throw new IllegalArgumentException("A person has at least one record");
		}
	}

	/**
	 * One record of the person.
	 *
	 * @param link how it was linked; null for a record that is not linked (a person of
	 * one record) or that a feed merged (A40) into one of the others
	 * @param mergedByFeed a feed said this record is another of the person's records
	 * (A40); its identifiers moved to the survivor
	 */
	public record Record(PatientDetails details, RecordLink link, boolean mergedByFeed) {

		public PatientId id() {
			return this.details.summary().id();
		}

		public String source() {
			return this.details.source();
		}

	}

	/**
	 * A value some records of the person give, with the sources that give it.
	 */
	public record Sourced(String value, List<String> sources) {

		public Sourced {
			sources = List.copyOf(sources);
		}

	}

	/** The record whose name and birth date stand for the person. */
	public PatientDetails primary() {
		return this.records.get(0).details();
	}

	/** The person's records: the one asked about first, then the others in id order. */
	public List<PatientId> ids() {
		List<PatientId> ids = new ArrayList<>();
		ids.add(this.asked);
		this.records.stream()
			.map(Record::id)
			.filter(id -> !id.equals(this.asked))
			.sorted((a, b) -> a.value().toString().compareTo(b.value().toString()))
			.forEach(ids::add);
		return ids;
	}

	public boolean contains(PatientId record) {
		return this.records.stream().anyMatch(r -> r.id().equals(record));
	}

	/** Whether more than one record describes the person. */
	public boolean linked() {
		return this.records.size() > 1;
	}

	/** How many systems sent records of the person. */
	public long sourceCount() {
		return this.records.stream().map(Record::source).distinct().count();
	}

	/** Every preferred language a record gives, the primary record's first. */
	public List<Sourced> languages() {
		return collect(r -> r.details().summary().language());
	}

	/** Whether any record says the person needs an interpreter. */
	public boolean interpreterRequired() {
		return this.records.stream().anyMatch(r -> r.details().summary().interpreterRequired());
	}

	/** The sources that say the person needs an interpreter. */
	public List<String> interpreterRequiredBy() {
		return this.records.stream()
			.filter(r -> r.details().summary().interpreterRequired())
			.map(Record::source)
			.distinct()
			.toList();
	}

	/** Every address a record gives, the primary record's first. */
	public List<Sourced> addresses() {
		return collect(r -> r.details().address());
	}

	/** Every phone number a record gives, the primary record's first. */
	public List<Sourced> phones() {
		return collect(r -> r.details().phone());
	}

	private List<Sourced> collect(Function<Record, String> field) {
		Map<String, List<String>> sources = new LinkedHashMap<>();
		Map<String, String> shown = new LinkedHashMap<>();
		for (Record r : this.records) {
			String value = field.apply(r);
			if (value == null || value.isBlank()) {
				continue;
			}
			String key = value.strip().toLowerCase(Locale.ROOT);
			shown.putIfAbsent(key, value.strip());
			List<String> from = sources.computeIfAbsent(key, k -> new ArrayList<>());
			if (!from.contains(r.source())) {
				from.add(r.source());
			}
		}
		return shown.entrySet().stream().map(e -> new Sourced(e.getValue(), sources.get(e.getKey()))).toList();
	}

}
