package org.northstar.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.northstar.clinical.ClinicalRecordsImported;
import org.northstar.clinical.SourceRecords;
import org.northstar.clinical.SourceRecordsException;
import org.northstar.clinical.SourceResource;
import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.patient.PatientRecord;
import org.northstar.patient.Patients;
import org.northstar.patient.RecordLinkage;
import org.northstar.scheduling.Calendars;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one input in one transaction: every resource of it is kept, or none. Reads the
 * input twice, once to index its entries and once to store them in chunks, so memory
 * stays flat however large the bundle.
 */
@Component
class BundleImporter {

	/**
	 * Resources stored per round trip; large enough to amortise it, small enough for a
	 * small heap.
	 */
	private static final int CHUNK_RESOURCES = 2000;

	private static final int CHUNK_CHARS = 8 << 20;

	/** How often a bundle that lost a race with another import is tried again. */
	private static final int ATTEMPTS = 5;

	private final Patients patients;

	private final SourceRecords records;

	private final ImportLedger ledger;

	private final TransactionTemplate transactions;

	private final RecordLinkage linkage;

	private final ConditionalRequests conditionals;

	private final ApplicationEventPublisher events;

	private final Calendars calendars;

	BundleImporter(Patients patients, SourceRecords records, ImportLedger ledger, TransactionTemplate transactions,
			RecordLinkage linkage, ConditionalRequests conditionals, ApplicationEventPublisher events,
			Calendars calendars) {
		this.events = events;
		this.calendars = calendars;
		this.patients = patients;
		this.records = records;
		this.ledger = ledger;
		this.transactions = transactions;
		this.linkage = linkage;
		this.conditionals = conditionals;
	}

	/**
	 * How one import is to be done.
	 *
	 * @param ownRecordsOnly a system writing through the API: it may neither replace nor
	 * refer by identifier to another source's records
	 */
	record Request(ImportInput input, String source, String receivedVia, boolean recordFile, boolean keepEntries,
			Map<String, References.Target> conditionalCache, IntConsumer progress, boolean ownRecordsOnly) {
	}

	BundleOutcome importInput(Request request) {
		BundleIndex index = BundleReader.index(request.input());
		if (request.recordFile() && this.ledger.alreadyImported(index.sha256(), request.source())) {
			return new BundleOutcome(index.bundleType(), Map.of(), Map.of(), List.of(), Set.of(), true);
		}
		if (index.resourceCount() == 0) {
			if (!request.keepEntries()) {
				throw new BundleRejectedException(request.input().name(), null, null,
						"contains no resources, only reads", false, null);
			}
			List<BundleOutcome.Entry> reads = index.entries()
				.stream()
				.map(e -> BundleOutcome.Entry.read(e.request().url()))
				.toList();
			return new BundleOutcome(index.bundleType(), Map.of(), Map.of(), reads, Set.of(), false);
		}
		for (int attempt = 1;; attempt++) {
			try {
				return store(request, index);
			}
			catch (BundleRejectedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// A deadlock with another import, or a conflict the store could not take
				// in its stride: the other import committed or gave up, so trying again
				// sees its data.
				if (attempt < ATTEMPTS && lostRace(ex)) {
					pause(attempt);
					continue;
				}
				if (ex instanceof SourceRecordsException || ex instanceof DataAccessException) {
					// One file the database refuses is refused alone; the run goes on.
					throw rejectedByDatabase(request, ex);
				}
				throw ex;
			}
		}
	}

	private BundleOutcome store(Request request, BundleIndex index) {
		return this.transactions.execute(status -> {
			if (request.ownRecordsOnly()) {
				refuseOtherSourcesRecords(request, index);
			}
			this.conditionals.resolve(request.input(), index, request.source());
			Chunk chunk = new Chunk(request, index);
			BundleReader.read(request.input(), index, chunk::add);
			chunk.flush();
			chunk.calendars.store(this.calendars);
			// Once per bundle, after its patients are stored: linking compares each with
			// the records that share a blocking key, a few indexed queries per patient.
			this.linkage.linkRecords(chunk.patientsRecorded);
			// One event per bundle, not per resource: the import's speed is in its
			// round trips, and a Synthea file is one patient.
			if (!chunk.patientsTouched.isEmpty()) {
				this.events.publishEvent(new ClinicalRecordsImported(chunk.patientsTouched));
			}
			if (request.recordFile()) {
				this.ledger.recordImported(index.sha256(), request.input().name(), request.source(),
						index.entries().size());
			}
			return chunk.outcome();
		});
	}

	/**
	 * A {@code PUT Type/id} whose id is Northstar's id of another source's record would
	 * not replace it (the writer's records are keyed by its own source), but it says the
	 * writer means to: it is refused, naming the entry, before anything is stored.
	 */
	private void refuseOtherSourcesRecords(Request request, BundleIndex index) {
		Map<UUID, BundleIndex.Entry> named = new java.util.LinkedHashMap<>();
		for (BundleIndex.Entry entry : index.entries()) {
			BundleIndex.Request asked = entry.request();
			if (asked == null || !"PUT".equals(asked.method()) || asked.isConditionalUpdate() || asked.url() == null) {
				continue;
			}
			String id = asked.url().substring(asked.url().lastIndexOf('/') + 1);
			try {
				named.putIfAbsent(UUID.fromString(id), entry);
			}
			catch (IllegalArgumentException notNorthstarsId) {
				// The source's own id: its key is the source's own.
			}
		}
		Map<UUID, String> held = this.records.sourcesOf(named.keySet());
		for (Map.Entry<UUID, BundleIndex.Entry> put : named.entrySet()) {
			String owner = held.get(put.getKey());
			if (owner != null && !owner.equals(request.source())) {
				BundleIndex.Entry entry = put.getValue();
				throw new OtherSourcesRecordException(request.input().name(), entry.index(), entry.fullUrl(),
						"PUT " + entry.request().url() + " would replace a record another source sent: "
								+ request.source() + " may replace only its own records");
			}
		}
	}

	private static BundleRejectedException rejectedByDatabase(Request request, RuntimeException ex) {
		return new BundleRejectedException(request.input().name(), null, null,
				"the database refused it: " + ex.getMessage(), false, ex);
	}

	/** Deadlock, serialization failure, or a unique key another import took first. */
	private static boolean lostRace(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& Set.of("40P01", "40001", "23505").contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(20L * attempt + ThreadLocalRandom.current().nextInt(20));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Import interrupted", ex);
		}
	}

	/** The resources read but not yet stored, and the running totals of the bundle. */
	private final class Chunk {

		private final Request request;

		private final BundleIndex index;

		private final References references;

		private final ResourceMapper mapper;

		private final Instant receivedAt = Instant.now();

		private final MessageDigest sha256 = BundleReader.sha256();

		private final List<SourceResource> resources = new ArrayList<>();

		/** The entry index of each resource in {@link #resources}. */
		private final List<Integer> positions = new ArrayList<>();

		private final List<PatientRecord> patientRecords = new ArrayList<>();

		private final Map<String, Integer> byType = new TreeMap<>();

		private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

		private final BundleOutcome.Entry[] entries;

		private final Set<PatientId> patientsTouched = new LinkedHashSet<>();

		private final Set<PatientId> patientsRecorded = new LinkedHashSet<>();

		private final ImportedCalendars calendars;

		private int chars;

		Chunk(Request request, BundleIndex index) {
			this.request = request;
			this.index = index;
			this.references = new References(index, request.source(), BundleImporter.this.records,
					request.conditionalCache(), request.ownRecordsOnly());
			this.mapper = new ResourceMapper(this.references);
			this.calendars = new ImportedCalendars(request.input().name(), request.source(),
					BundleImporter.this.records);
			this.entries = new BundleOutcome.Entry[request.keepEntries() ? index.entries().size() : 0];
		}

		void add(BundleIndex.Entry entry, ObjectNode resource) {
			if (entry.isRead()) {
				answer(entry, BundleOutcome.Entry.read(entry.request().url()));
				return;
			}
			if (resource == null) {
				throw EntryProblem.invalid("has no resource");
			}
			EntryRequests.check(entry, resource);
			UUID existing = this.index.existing(entry);
			if (existing != null) {
				// A conditional create that found its resource: nothing to store.
				this.byType.merge(entry.resourceType(), 1, Integer::sum);
				this.outcomes.merge(Outcome.UNCHANGED, 1, Integer::sum);
				answer(entry, BundleOutcome.Entry.stored(entry.resourceType(), existing, Outcome.UNCHANGED));
				return;
			}
			ResourceValidator.check(resource);
			String json;
			try {
				json = BundleReader.JSON.writeValueAsString(resource);
			}
			catch (JsonProcessingException ex) {
				throw EntryProblem.invalid("cannot be written as JSON: " + ex.getOriginalMessage());
			}
			byte[] hash = this.sha256.digest(json.getBytes(StandardCharsets.UTF_8));
			RecordKey key = this.references.keyOf(entry);
			if (key == null) {
				// No id and no fullUrl: the content itself is the identity, so a
				// re-import still matches.
				key = new RecordKey(this.request.source(), entry.resourceType(),
						"content-" + HexFormat.of().formatHex(hash, 0, 16));
			}
			ResourceMapper.Mapped mapped = this.mapper.map(key, resource, json, hash);
			this.calendars.add(entry, key, resource, this.references);
			this.resources.add(mapped.resource());
			this.positions.add(entry.index());
			if (mapped.patient() != null) {
				this.patientRecords.add(mapped.patient());
				this.patientsRecorded.add(mapped.patient().id());
			}
			this.byType.merge(key.resourceType(), 1, Integer::sum);
			this.chars += json.length();
			if (this.resources.size() >= CHUNK_RESOURCES || this.chars >= CHUNK_CHARS) {
				flush();
			}
		}

		private void answer(BundleIndex.Entry entry, BundleOutcome.Entry answer) {
			if (this.request.keepEntries()) {
				this.entries[entry.index()] = answer;
			}
		}

		void flush() {
			if (this.resources.isEmpty()) {
				return;
			}
			// In id order, as every import writes them, so that two imports of the same
			// patients wait for each other rather than deadlock.
			this.patientRecords.sort(Comparator.comparing(p -> p.id().value().toString()));
			BundleImporter.this.patients.record(this.patientRecords);
			Map<UUID, Outcome> stored = BundleImporter.this.records.store(this.resources, this.request.receivedVia(),
					this.receivedAt);
			stored.values().forEach(o -> this.outcomes.merge(o, 1, Integer::sum));
			for (int i = 0; i < this.resources.size(); i++) {
				SourceResource r = this.resources.get(i);
				if (this.request.keepEntries()) {
					this.entries[this.positions.get(i)] = BundleOutcome.Entry.stored(r.key().resourceType(), r.id(),
							stored.get(r.id()));
				}
				if (r.patient() != null && stored.get(r.id()) != Outcome.UNCHANGED) {
					this.patientsTouched.add(r.patient());
				}
			}
			if (this.request.progress() != null) {
				this.request.progress().accept(this.resources.size());
			}
			this.resources.clear();
			this.positions.clear();
			this.patientRecords.clear();
			this.chars = 0;
		}

		BundleOutcome outcome() {
			return new BundleOutcome(this.index.bundleType(), this.byType, this.outcomes, Arrays.asList(this.entries),
					this.patientsTouched, false);
		}

	}

}
