package org.northstar.clinical;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.northstar.clinical.ClinicalFact.Code;
import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.database.CopyRows;
import org.northstar.shared.RecordKey;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The store of resources as sources sent them, and of their normalised rows.
 *
 * <p>
 * Storing is idempotent: a resource whose content hash matches what is stored is left
 * alone; a changed one replaces its previous version, normalised rows included. Writes
 * join the caller's transaction, so the caller decides what is all-or-nothing.
 */
@Service
public class SourceRecords {

	/** PostgreSQL orders uuids as unsigned bytes, which is how their text sorts. */
	private static final Comparator<UUID> IN_DATABASE_ORDER = Comparator.comparing(UUID::toString);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	SourceRecords(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Stores the resources; a resource appearing twice counts once, its last version
	 * winning.
	 * @return what happened to each distinct resource, by Northstar id, in the order
	 * given
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<UUID, Outcome> store(List<SourceResource> resources, String receivedVia, Instant receivedAt) {
		// Rows are written in id order, as every import writes them: two imports that
		// share resources then wait for each other instead of deadlocking.
		Map<UUID, SourceResource> distinct = new TreeMap<>(IN_DATABASE_ORDER);
		Map<UUID, Integer> position = new LinkedHashMap<>();
		for (SourceResource resource : resources) {
			distinct.put(resource.id(), resource);
			position.remove(resource.id());
			position.put(resource.id(), position.size());
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			// Each failed attempt means another import committed one of these resources
			// meanwhile, which the next attempt sees as stored: so it ends.
			for (int attempt = 1;; attempt++) {
				Savepoint savepoint = connection.setSavepoint();
				try {
					Map<UUID, Outcome> outcomes = write(connection, distinct, receivedVia, receivedAt);
					connection.releaseSavepoint(savepoint);
					Map<UUID, Outcome> inOrder = new LinkedHashMap<>();
					position.keySet().forEach(id -> inOrder.put(id, outcomes.get(id)));
					return inOrder;
				}
				catch (SQLException ex) {
					if (!"23505".equals(ex.getSQLState()) || attempt > distinct.size()) {
						throw ex;
					}
					connection.rollback(savepoint);
				}
			}
		}
		catch (SQLException ex) {
			throw new SourceRecordsException("Storing " + distinct.size() + " resources failed: " + ex.getMessage(),
					ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Replaces what changed and adds what is new. Another import may store the same
	 * resource at the same time: then its insert fails with a unique violation once the
	 * other commits, and the caller tries again from its savepoint.
	 */
	private static Map<UUID, Outcome> write(Connection connection, Map<UUID, SourceResource> distinct,
			String receivedVia, Instant receivedAt) throws SQLException {
		Map<UUID, byte[]> stored = storedHashes(connection, distinct.keySet().toArray(UUID[]::new));
		Map<UUID, Outcome> outcomes = new HashMap<>();
		List<UUID> replaced = new ArrayList<>();
		Writes writes = new Writes();
		for (SourceResource resource : distinct.values()) {
			byte[] previous = stored.get(resource.id());
			if (previous != null && Arrays.equals(previous, resource.hash())) {
				outcomes.put(resource.id(), Outcome.UNCHANGED);
				continue;
			}
			if (previous != null) {
				replaced.add(resource.id());
			}
			outcomes.put(resource.id(), previous == null ? Outcome.CREATED : Outcome.UPDATED);
			writes.add(resource, receivedVia, receivedAt);
		}
		if (!replaced.isEmpty()) {
			try (PreparedStatement delete = connection
				.prepareStatement("delete from source_resource where id = any(?)")) {
				delete.setArray(1, connection.createArrayOf("uuid", replaced.toArray()));
				delete.executeUpdate();
			}
		}
		writes.sendTo(connection);
		return outcomes;
	}

	private static Map<UUID, byte[]> storedHashes(Connection connection, UUID[] ids) throws SQLException {
		Map<UUID, byte[]> hashes = new HashMap<>();
		try (PreparedStatement select = connection
			.prepareStatement("select id, content_hash from source_resource where id = any(?)")) {
			Array array = connection.createArrayOf("uuid", ids);
			select.setArray(1, array);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					hashes.put(rs.getObject(1, UUID.class), rs.getBytes(2));
				}
			}
		}
		return hashes;
	}

	/**
	 * Northstar's id of the resource of that type an identifier names: the one from the
	 * given source if it has exactly one, else the only one any source has; empty when
	 * none or several.
	 */
	public Optional<UUID> findByIdentifier(String resourceType, String system, String value, String source) {
		List<Boolean> sameSource = new ArrayList<>();
		List<UUID> ids = this.jdbc.sql("""
				select distinct i.resource_id, r.source = ? as same_source
				from resource_identifier i join source_resource r on r.id = i.resource_id
				where i.value = ? and i.system = ? and i.resource_type = ?
				order by same_source desc
				limit 3
				""").params(source, value, system, resourceType).query((rs, n) -> {
			sameSource.add(rs.getBoolean(2));
			return rs.getObject(1, UUID.class);
		}).list();
		long fromSource = sameSource.stream().filter(b -> b).count();
		if (fromSource == 1 || (fromSource == 0 && ids.size() == 1)) {
			return Optional.of(ids.get(0));
		}
		return Optional.empty();
	}

	/**
	 * Northstar's id of the one resource of that type from that source that carries the
	 * identifier; empty when none or several. Another source's records are not looked at:
	 * a system writing through the API refers only to what it sent itself.
	 */
	public Optional<UUID> findFromSourceByIdentifier(String resourceType, String system, String value, String source) {
		List<UUID> ids = this.jdbc.sql("""
				select distinct i.resource_id
				from resource_identifier i join source_resource r on r.id = i.resource_id and r.source = ?
				where i.value = ? and i.system = ? and i.resource_type = ?
				limit 2
				""").params(source, value, system, resourceType).query(UUID.class).list();
		return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
	}

	/** The source each of these resources came from; ids not held are left out. */
	public Map<UUID, String> sourcesOf(Collection<UUID> ids) {
		Map<UUID, String> sources = new HashMap<>();
		if (ids.isEmpty()) {
			return sources;
		}
		this.jdbc.sql("select id, source from source_resource where id = any(?::uuid[])")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> sources.put(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		return sources;
	}

	/**
	 * For each identifier, the resources of that type from that source that carry it;
	 * identifiers none carries are left out. One round trip for all of them.
	 */
	public Map<SourceResource.Identifier, List<RecordKey>> identifiedBy(String source, String resourceType,
			Collection<SourceResource.Identifier> identifiers) {
		Map<SourceResource.Identifier, List<RecordKey>> found = new HashMap<>();
		if (identifiers.isEmpty()) {
			return found;
		}
		this.jdbc
			.sql("""
					select distinct wanted.system, wanted.value, r.source_id
					from unnest(?::text[], ?::text[]) as wanted (system, value)
					join resource_identifier i on i.value = wanted.value and i.system = wanted.system and i.resource_type = ?
					join source_resource r on r.id = i.resource_id and r.source = ?
					""")
			.params(identifiers.stream().map(SourceResource.Identifier::system).toArray(String[]::new),
					identifiers.stream().map(SourceResource.Identifier::value).toArray(String[]::new), resourceType,
					source)
			.query((rs, n) -> found
				.computeIfAbsent(new SourceResource.Identifier(rs.getString(1), rs.getString(2)),
						i -> new ArrayList<>())
				.add(new RecordKey(source, resourceType, rs.getString(3))))
			.list();
		return found;
	}

	/**
	 * The general practitioners and managing organization each patient record's Patient
	 * resource names, by display or by the name of the Organization or Practitioner
	 * referred to in the same source; {@link CareProviders#NONE} for a record without a
	 * Patient resource (a feed's stub).
	 */
	public CareProviders careProviders(org.northstar.shared.PatientId patient) {
		record Named(String source, String kind, String display, String reference) {
		}
		List<Named> named = this.jdbc
			.sql("""
					select p.source, 'gp', gp->>'display', gp->>'reference' from source_resource p
					cross join lateral jsonb_array_elements(case when jsonb_typeof(p.content->'generalPractitioner') = 'array'
					    then p.content->'generalPractitioner' else '[]'::jsonb end) gp
					where p.id = ? and p.resource_type = 'Patient'
					union all
					select p.source, 'org', p.content->'managingOrganization'->>'display',
					    p.content->'managingOrganization'->>'reference' from source_resource p
					where p.id = ? and p.resource_type = 'Patient' and p.content->'managingOrganization' is not null
					""")
			.params(patient.value(), patient.value())
			.query((rs, n) -> new Named(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		if (named.isEmpty()) {
			return CareProviders.NONE;
		}
		List<String> practitioners = new ArrayList<>();
		List<String> organizations = new ArrayList<>();
		for (Named n : named) {
			List<String> into = n.kind().equals("gp") ? practitioners : organizations;
			if (n.display() != null && !n.display().isBlank()) {
				into.add(n.display().strip());
			}
			String[] reference = n.reference() == null ? new String[0] : n.reference().split("/");
			if (reference.length == 2 && (reference[0].equals("Organization") || reference[0].equals("Practitioner"))) {
				this.jdbc.sql("""
						select case when resource_type = 'Organization' then content->>'name'
						    else coalesce(content->'name'->0->>'text',
						        concat_ws(' ', content->'name'->0->'given'->>0, content->'name'->0->>'family')) end
						from source_resource where id = ?
						""")
					.param(new RecordKey(n.source(), reference[0], reference[1]).id())
					.query(String.class)
					.optional()
					.filter(name -> !name.isBlank() && !into.contains(name.strip()))
					.ifPresent(name -> into.add(name.strip()));
			}
		}
		return new CareProviders(named.get(0).source(), practitioners, organizations);
	}

	/** The resource as its source sent it, if it is held. */
	public Optional<String> json(RecordKey key) {
		return this.jdbc.sql("select content::text from source_resource where id = ?")
			.param(key.id())
			.query(String.class)
			.optional();
	}

	/**
	 * The COPY streams for one batch; one per table, so each table is written in one
	 * round trip.
	 */
	private static final class Writes {

		private final CopyRows resources = new CopyRows("source_resource",
				"id, resource_type, source, source_id, patient_id, content, content_hash, received_at, received_via");

		private final CopyRows identifiers = new CopyRows("resource_identifier",
				"resource_id, resource_type, system, value");

		private final CopyRows encounters = new CopyRows("encounter",
				"id, patient_id, status, class_code, type_code, type_display, reason_display, period_start, period_end, practitioner_id, organization_id, location_id, priority, admit_source, service_code, service_display");

		private final CopyRows conditions = new CopyRows("condition",
				"id, patient_id, encounter_id, code_system, code, display, clinical_status, onset, abatement, recorded");

		private final CopyRows observations = new CopyRows("observation",
				"id, patient_id, encounter_id, status, category, code_system, code, display, value_number, value_unit, value_text, effective");

		private final CopyRows medicationRequests = new CopyRows("medication_request",
				"id, patient_id, encounter_id, status, intent, code_system, code, display, authored_on, requester_id, dosage, reason_display");

		private final CopyRows medicationUses = new CopyRows("medication_use",
				"id, item, patient_id, resource_type, source, received_at, status, rxnorm, display, medication_id, date, end_date, days_supply");

		private final CopyRows procedures = new CopyRows("procedure",
				"id, patient_id, encounter_id, status, code_system, code, display, performed_start, performed_end");

		private final CopyRows allergies = new CopyRows("allergy_intolerance",
				"id, patient_id, clinical_status, category, criticality, code_system, code, display, recorded");

		private final CopyRows immunizations = new CopyRows("immunization",
				"id, patient_id, encounter_id, status, code_system, code, display, occurred");

		void add(SourceResource r, String receivedVia, Instant receivedAt) {
			UUID id = r.id();
			this.resources.row(id, r.key().resourceType(), r.key().source(), r.key().sourceId(),
					r.patient() == null ? null : r.patient().value(), r.json(), r.hash(), receivedAt, receivedVia);
			r.identifiers()
				.stream()
				.distinct()
				.forEach(i -> this.identifiers.row(id, r.key().resourceType(), i.system(), i.value()));
			for (MedicationUse m : r.medicationUses()) {
				this.medicationUses.row(id, m.item(), r.patient().value(), r.key().resourceType(), r.key().source(),
						receivedAt, m.status(), m.rxnorm(), m.display(), m.medication(), m.date(), m.end(),
						m.daysSupply());
			}
			if (r.fact() == null) {
				return;
			}
			UUID patient = r.fact().patient().value();
			ClinicalFact fact = r.fact();
			if (fact instanceof ClinicalFact.Encounter e) {
				this.encounters.row(id, patient, e.status(), e.classCode(), e.type().code(), e.type().display(),
						e.reason(), e.start(), e.end(), e.practitioner(), e.organization(), e.location(), e.priority(),
						e.admitSource(), e.service().code(), e.service().display());
			}
			else if (fact instanceof ClinicalFact.Condition c) {
				this.conditions.row(concat(new Object[] { id, patient, c.encounter() }, c.code(), c.clinicalStatus(),
						c.onset(), c.abatement(), c.recorded()));
			}
			else if (fact instanceof ClinicalFact.Observation o) {
				this.observations.row(concat(new Object[] { id, patient, o.encounter(), o.status(), o.category() },
						o.code(), o.valueNumber(), o.valueUnit(), o.valueText(), o.effective()));
			}
			else if (fact instanceof ClinicalFact.MedicationRequest m) {
				this.medicationRequests.row(concat(new Object[] { id, patient, m.encounter(), m.status(), m.intent() },
						m.medication(), m.authoredOn(), m.requester(), m.dosage(), m.reason()));
			}
			else if (fact instanceof ClinicalFact.Procedure p) {
				this.procedures
					.row(concat(new Object[] { id, patient, p.encounter(), p.status() }, p.code(), p.start(), p.end()));
			}
			else if (fact instanceof ClinicalFact.AllergyIntolerance a) {
				this.allergies
					.row(concat(new Object[] { id, patient, a.clinicalStatus(), a.category(), a.criticality() },
							a.code(), a.recorded()));
			}
			else if (fact instanceof ClinicalFact.Immunization i) {
				this.immunizations
					.row(concat(new Object[] { id, patient, i.encounter(), i.status() }, i.vaccine(), i.occurred()));
			}
		}

		private static Object[] concat(Object[] head, Code code, Object... tail) {
			Object[] row = Arrays.copyOf(head, head.length + 3 + tail.length);
			row[head.length] = code.system();
			row[head.length + 1] = code.code();
			row[head.length + 2] = code.display();
			System.arraycopy(tail, 0, row, head.length + 3, tail.length);
			return row;
		}

		void sendTo(Connection connection) throws SQLException {
			this.resources.sendTo(connection);
			this.identifiers.sendTo(connection);
			this.encounters.sendTo(connection);
			this.conditions.sendTo(connection);
			this.observations.sendTo(connection);
			this.medicationRequests.sendTo(connection);
			this.medicationUses.sendTo(connection);
			this.procedures.sendTo(connection);
			this.allergies.sendTo(connection);
			this.immunizations.sendTo(connection);
		}

	}

}
