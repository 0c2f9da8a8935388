package org.northstar.medication;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.northstar.clinical.ClinicalResources;
import org.northstar.clinical.MedicationUse;
import org.northstar.clinical.StoredResource;
import org.northstar.medication.ProportionOfDaysCovered.Fill;
import org.northstar.medication.ProportionOfDaysCovered.Stay;
import org.northstar.shared.PatientId;

import org.springframework.stereotype.Service;

/**
 * A person's medicines from every source: the reconciled list with its flags, each
 * medicine's history, and adherence. Every method takes all the records of one person
 * (from {@code People}); access and its audit are the caller's.
 */
@Service
public class Medicines {

	private static final Set<String> READ = Set.of("MedicationRequest", "MedicationStatement", "MedicationDispense",
			"Claim", "ExplanationOfBenefit", "Encounter");

	/** What the fills of the adherence measure are read from. */
	private static final Set<String> FILLS = Set.of("MedicationDispense", "Claim", "ExplanationOfBenefit");

	/** Pharmacy explanations of benefit, not professional or institutional. */
	private static final String PHARMACY = """
			{"type": {"coding": [{"code": "pharmacy"}]}}""";

	/** The key all of one person's records are read under. */
	private static final PatientId ONE_PERSON = new PatientId(new UUID(0, 0));

	private final ClinicalResources resources;

	private final Reconciliations reconciliations;

	private final RxNormCatalog catalog;

	private final Clock clock;

	Medicines(ClinicalResources resources, Reconciliations reconciliations, RxNormCatalog catalog, Clock clock) {
		this.resources = resources;
		this.reconciliations = reconciliations;
		this.catalog = catalog;
		this.clock = clock;
	}

	/** The reconciled list, each medicine once with every source that reports it. */
	public MedicationList list(Collection<PatientId> records) {
		Reading reading = read(records);
		LocalDate today = LocalDate.now(this.clock);
		List<Reconciliation> done = this.reconciliations.of(records);
		Map<String, MedicationLine.Decision> decisions = Reconciliations.lastDecisions(done);
		List<MedicationLine> lines = new ArrayList<>(
				Lines.of(reading.evidence(), reading.lastSeen(), decisions, today));
		// Medicines only a coordinator recorded (what the patient said they take), as the
		// newest decision about each leaves them.
		Set<String> shown = new HashSet<>();
		lines.forEach(l -> shown.add(l.key()));
		for (Reconciliation rec : done) {
			for (Reconciliation.Line line : rec.lines()) {
				if (line.verdict() == Reconciliation.Verdict.ADDED && shown.add(line.key())) {
					MedicationLine.Decision decision = decisions.get(line.key());
					boolean stopped = decision != null && decision.verdict() == Reconciliation.Verdict.STOPPED;
					lines.add(new MedicationLine(line.key(), line.display(), this.catalog.concept(null, line.display()),
							stopped ? MedicationLine.Status.STOPPED : MedicationLine.Status.ACTIVE, line.takes(),
							List.of(new MedicationLine.Source("coordinator", "coordinator entry",
									stopped ? "stopped" : "active", rec.reconciledOn(), rec.signedAs(),
									line.display())),
							List.of(), null, null, List.of(), decision));
				}
			}
		}
		return new MedicationList(lines, done.isEmpty() ? null : done.get(0), reading.lastVisit());
	}

	/** Every change of every medicine, newest first. */
	public List<MedicationChange> history(Collection<PatientId> records) {
		return Histories.of(read(records).evidence(), this.reconciliations.of(records));
	}

	/** The changes on or after a day, newest first. */
	public List<MedicationChange> changesSince(Collection<PatientId> records, LocalDate since) {
		return history(records).stream().filter(c -> !c.date().isBefore(since)).toList();
	}

	public Optional<MedicationChange> change(Collection<PatientId> records, String id) {
		return history(records).stream().filter(c -> c.id().equals(id)).findFirst();
	}

	/**
	 * Adherence per class of medicine over a period, from dispenses and pharmacy claims
	 * (see {@link ProportionOfDaysCovered}); every class with a fill in the period, in
	 * the order of {@link DrugClass}.
	 * @throws IllegalArgumentException when {@code to} is before {@code from}
	 */
	public List<ClassAdherence> adherence(Collection<PatientId> records, LocalDate from, LocalDate to) {
		return adherence(Map.of(ONE_PERSON, records), from, to).get(ONE_PERSON);
	}

	/**
	 * Adherence of many people at once, each exactly as
	 * {@link #adherence(Collection, LocalDate, LocalDate)} gives it, read in one query:
	 * for a population (a report, the benchmark), where a query per person would cost
	 * more than the measure.
	 * @param people each person, with all of their records (from {@code People})
	 * @return each person given, in the order given, with their classes (none when
	 * nothing was filled)
	 * @throws IllegalArgumentException when {@code to} is before {@code from}
	 */
	public Map<PatientId, List<ClassAdherence>> adherence(Map<PatientId, ? extends Collection<PatientId>> people,
			LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("The period ends (" + to + ") before it begins (" + from + ")");
		}
		Map<PatientId, PatientId> personOf = new HashMap<>();
		people.forEach((person, records) -> records.forEach(record -> personOf.putIfAbsent(record, person)));
		// Fills and stays only: a long record's other claims and visits are not read.
		PersonEvidence reading = PersonEvidence.read(this.resources, this.catalog, this.clock.getZone(), personOf,
				FILLS, LocalDate.now(this.clock));
		Map<PatientId, List<ClassAdherence>> adherence = new LinkedHashMap<>();
		for (PatientId person : people.keySet()) {
			adherence.put(person, adherence(reading.evidence().getOrDefault(person, List.of()),
					reading.stays().getOrDefault(person, List.of()), from, to));
		}
		return adherence;
	}

	private static List<ClassAdherence> adherence(List<Evidence> evidence, List<Stay> stays, LocalDate from,
			LocalDate to) {
		Map<DrugClass, List<Fill>> fills = new EnumMap<>(DrugClass.class);
		for (Evidence e : evidence) {
			DrugClass drugClass = e.concept().drugClass();
			if (e.isFill() && drugClass != null && e.date() != null && !e.date().isBefore(from)
					&& !e.date().isAfter(to)) {
				String medicine = e.concept().ingredients().isEmpty() ? e.concept().key() : e.concept().ingredientKey();
				fills.computeIfAbsent(drugClass, c -> new ArrayList<>())
					.add(new Fill(medicine, e.date(), e.daysSupply()));
			}
		}
		List<ClassAdherence> result = new ArrayList<>();
		fills.forEach((drugClass, of) -> result.add(ProportionOfDaysCovered.of(drugClass, of, stays, from, to)));
		return result;
	}

	/**
	 * Per line key, what the patient paid for the newest fill whose pharmacy
	 * ExplanationOfBenefit says so; medicines without one are absent.
	 */
	public Map<String, Copay> copays(Collection<PatientId> records) {
		EvidenceReader reader = new EvidenceReader(this.catalog, this.clock.getZone(), Map.of(), Map.of());
		Map<String, Copay> newest = new HashMap<>();
		for (StoredResource r : this.resources.ofPatientsContaining(records,
				Map.of("ExplanationOfBenefit", PHARMACY))) {
			reader.patientPaid(r)
				.forEach((key, copay) -> newest.merge(key, copay,
						(a, b) -> b.filledOn() != null && (a.filledOn() == null || b.filledOn().isAfter(a.filledOn()))
								? b : a));
		}
		return newest;
	}

	/** What the records hold that the medicines need, read once. */
	private record Reading(List<Evidence> evidence, PrescribersSeen lastSeen, List<Stay> stays, LocalDate lastVisit) {
	}

	private Reading read(Collection<PatientId> records) {
		ZoneId zone = this.clock.getZone();
		LocalDate today = LocalDate.now(this.clock);
		List<StoredResource> stored = this.resources.ofPatients(records, READ);
		// Each resource parsed once; the Medications and Practitioners they name read in
		// one query.
		List<JsonNode> parsed = new ArrayList<>(stored.size());
		List<UUID> medicationIds = new ArrayList<>();
		List<UUID> practitionerIds = new ArrayList<>();
		for (StoredResource r : stored) {
			JsonNode json = EvidenceReader.read(r.json());
			parsed.add(json);
			if (r.resourceType().equals("Encounter")) {
				json.path("participant")
					.forEach(p -> add(practitionerIds, EvidenceReader.practitionerReference(r, p.path("individual"))));
			}
			else {
				add(medicationIds, MedicationUse.storedMedication(r.source(), json));
				add(practitionerIds, EvidenceReader.practitionerReference(r, json.path("requester")));
			}
		}
		Map<UUID, JsonNode> medications = new HashMap<>();
		Map<UUID, JsonNode> practitioners = new HashMap<>();
		List<UUID> referenced = new ArrayList<>(medicationIds);
		referenced.addAll(practitionerIds);
		for (StoredResource m : this.resources.findAll(referenced)) {
			(m.resourceType().equals("Practitioner") ? practitioners : medications).put(m.id(),
					EvidenceReader.read(m.json()));
		}
		EvidenceReader reader = new EvidenceReader(this.catalog, zone, medications, practitioners);
		List<Evidence> evidence = new ArrayList<>();
		PrescribersSeen lastSeen = new PrescribersSeen();
		List<Stay> stays = new ArrayList<>();
		LocalDate lastVisit = null;
		for (int i = 0; i < stored.size(); i++) {
			StoredResource r = stored.get(i);
			JsonNode e = parsed.get(i);
			if (!r.resourceType().equals("Encounter")) {
				evidence.addAll(reader.read(r, e));
				continue;
			}
			String status = e.path("status").asText("");
			if (status.equals("cancelled") || status.equals("entered-in-error") || status.equals("planned")) {
				continue;
			}
			LocalDate start = day(e.path("period").path("start"), zone);
			if (start == null || start.isAfter(today)) {
				continue;
			}
			if (start.isBefore(today) && (lastVisit == null || start.isAfter(lastVisit))) {
				lastVisit = start;
			}
			for (JsonNode participant : e.path("participant")) {
				Prescriber practitioner = reader.prescriber(r, participant.path("individual"));
				if (practitioner != null) {
					lastSeen.seen(practitioner, start);
				}
			}
			Stay stay = stay(e, zone, today);
			if (stay != null) {
				stays.add(stay);
			}
		}
		return new Reading(evidence, lastSeen, stays, lastVisit);
	}

	private static void add(List<UUID> ids, UUID id) {
		if (id != null) {
			ids.add(id);
		}
	}

	/**
	 * The hospital stay an Encounter is: an inpatient one, admission to discharge day (an
	 * open stay to today); null for anything else.
	 */
	static Stay stay(JsonNode encounter, ZoneId zone, LocalDate today) {
		String status = encounter.path("status").asText("");
		if (!"IMP".equals(encounter.path("class").path("code").asText()) || status.equals("cancelled")
				|| status.equals("entered-in-error") || status.equals("planned")) {
			return null;
		}
		LocalDate start = day(encounter.path("period").path("start"), zone);
		if (start == null || start.isAfter(today)) {
			return null;
		}
		LocalDate end = day(encounter.path("period").path("end"), zone);
		return new Stay(start, end == null ? today : end);
	}

	private static LocalDate day(JsonNode value, ZoneId zone) {
		String text = value.asText(null);
		if (text == null || text.length() < 10) {
			return null;
		}
		try {
			return text.length() == 10 ? LocalDate.parse(text)
					: OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
