package org.northstar.clinical;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.northstar.clinical.ResourceQuery.Code;
import org.northstar.clinical.ResourceQuery.Coded;
import org.northstar.clinical.ResourceQuery.Criterion;
import org.northstar.clinical.ResourceQuery.DateBetween;
import org.northstar.clinical.ResourceQuery.HasIdentifier;
import org.northstar.clinical.ResourceQuery.IdIn;
import org.northstar.clinical.ResourceQuery.NameStartsWith;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Queries of the resources as their sources sent them, for the FHIR API: by id, by
 * patient, and searches that use the normalised rows where a type has them and the stored
 * JSON otherwise. Access control is the caller's: these methods return whatever matches.
 */
@Service
public class ClinicalResources {

	/**
	 * Where each searchable type's fields live. Types with normalised rows search those
	 * (codes are the first coding a source gave); the others search the stored JSON.
	 */
	private static final Map<String, Table> TABLES = Map.of( //
			"Encounter",
			new Table("encounter", "t.period_start",
					Map.of("status", Field.plain("t.status"), "class", Field.plain("t.class_code"), "type",
							Field.plain("t.type_code"))),
			"Condition",
			new Table("condition", "t.onset",
					Map.of("clinical-status", Field.plain("t.clinical_status"), "code",
							new Field("t.code_system", "t.code"))),
			"Observation",
			new Table("observation", "t.effective",
					Map.of("status", Field.plain("t.status"), "category", Field.plain("t.category"), "code",
							new Field("t.code_system", "t.code"))),
			"MedicationRequest",
			new Table("medication_request", "t.authored_on",
					Map.of("status", Field.plain("t.status"), "intent", Field.plain("t.intent"), "code",
							new Field("t.code_system", "t.code"))),
			"Procedure",
			new Table("procedure", "t.performed_start",
					Map.of("status", Field.plain("t.status"), "code", new Field("t.code_system", "t.code"))),
			"AllergyIntolerance",
			new Table("allergy_intolerance", "t.recorded",
					Map.of("clinical-status", Field.plain("t.clinical_status"), "criticality",
							Field.plain("t.criticality"), "code", new Field("t.code_system", "t.code"))),
			"Immunization", new Table("immunization", "t.occurred",
					Map.of("status", Field.plain("t.status"), "vaccine-code", new Field("t.code_system", "t.code"))));

	/** Types kept only as JSON: their status is the JSON's. */
	private static final Map<String, Field> JSON_FIELDS = Map.of("status", Field.plain("r.content ->> 'status'"));

	private static final String COLUMNS = "r.id, r.resource_type, r.source, r.source_id, r.patient_id, r.content::text, r.received_at";

	private final JdbcClient jdbc;

	ClinicalResources(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The coded fields a type can be searched by. */
	public static Set<String> fields(String resourceType) {
		Table table = TABLES.get(resourceType);
		return table == null ? JSON_FIELDS.keySet() : table.fields().keySet();
	}

	/** Whether the type has a main date to search and sort by. */
	public static boolean dated(String resourceType) {
		return TABLES.containsKey(resourceType);
	}

	public Optional<StoredResource> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from source_resource r where r.id = ?")
			.param(id)
			.query((rs, n) -> resource(rs))
			.optional();
	}

	/** The resources that exist among these, in no particular order. */
	public List<StoredResource> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from source_resource r where r.id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> resource(rs))
			.list();
	}

	/** The type of each of these ids that names a stored resource. */
	public Map<UUID, String> typesOf(Collection<UUID> ids) {
		Map<UUID, String> types = new HashMap<>();
		if (ids.isEmpty()) {
			return types;
		}
		this.jdbc.sql("select id, resource_type from source_resource where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> types.put(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		return types;
	}

	/** Every resource of these patients' records, of any type, oldest arrival first. */
	public List<StoredResource> ofPatients(Collection<PatientId> patients) {
		if (patients.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS
				+ " from source_resource r where r.patient_id = any(?) order by r.resource_type, r.received_at, r.id")
			.param(patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> resource(rs))
			.list();
	}

	/**
	 * The resources of these types in these patients' records, oldest arrival first: for
	 * modules that read what sources sent (the medication list reads orders, statements,
	 * dispenses and pharmacy claims) without the FHIR model.
	 */
	public List<StoredResource> ofPatients(Collection<PatientId> patients, Set<String> resourceTypes) {
		if (patients.isEmpty() || resourceTypes.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + COLUMNS + " from source_resource r where r.patient_id = any(?)"
					+ " and r.resource_type = any(?) order by r.received_at, r.id")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.param(resourceTypes.toArray(String[]::new))
			.query((rs, n) -> resource(rs))
			.list();
	}

	/**
	 * As {@link #ofPatients(Collection, Set)}, but of a type given with a JSON document,
	 * only the resources whose JSON contains it (jsonb {@code @>}): a reader that wants
	 * pharmacy claims only is not sent every claim of a long record. A type given with
	 * null is read whole.
	 */
	public List<StoredResource> ofPatientsContaining(Collection<PatientId> patients,
			Map<String, String> typesContaining) {
		if (patients.isEmpty() || typesContaining.isEmpty()) {
			return List.of();
		}
		List<String> whole = new ArrayList<>();
		StringBuilder which = new StringBuilder("r.resource_type = any(?)");
		List<Object> params = new ArrayList<>();
		params.add(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new));
		params.add(null);
		typesContaining.forEach((type, containing) -> {
			if (containing == null) {
				whole.add(type);
			}
			else {
				which.append(" or (r.resource_type = ? and r.content @> ?::jsonb)");
				params.add(type);
				params.add(containing);
			}
		});
		params.set(1, whole.toArray(String[]::new));
		return this.jdbc
			.sql("select " + COLUMNS + " from source_resource r where r.patient_id = any(?) and (" + which
					+ ") order by r.received_at, r.id")
			.params(params)
			.query((rs, n) -> resource(rs))
			.list();
	}

	/**
	 * The encounters of one class (an HL7 v3 ActCode: {@code IMP} for inpatient stays) in
	 * these patients' records, found by their normalised rows, oldest arrival first. The
	 * JSON of each holds only the given top-level members, each as sent, and only those
	 * the encounter has: a reader of a few fields of many stays (adherence of a
	 * population) neither ships nor parses the rest.
	 * @throws IllegalArgumentException for a member name that is not a plain JSON name
	 */
	public List<StoredResource> encountersOfClass(Collection<PatientId> patients, String classCode,
			Collection<String> members) {
		if (patients.isEmpty()) {
			return List.of();
		}
		StringBuilder json = new StringBuilder("json_object(");
		String separator = "";
		for (String member : members) {
			if (!member.matches("[A-Za-z][A-Za-z0-9_]*")) {
				throw new IllegalArgumentException("'" + member + "' is not a member a resource can have");
			}
			json.append(separator).append('\'').append(member).append("': r.content -> '").append(member).append('\'');
			separator = ", ";
		}
		json.append(" absent on null returning jsonb)::text");
		return this.jdbc
			.sql("select r.id, r.resource_type, r.source, r.source_id, r.patient_id, " + json
					+ ", r.received_at from encounter t join source_resource r on r.id = t.id"
					+ " where t.patient_id = any(?) and t.class_code = ? order by r.received_at, r.id")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.param(classCode)
			.query((rs, n) -> resource(rs))
			.list();
	}

	/**
	 * The medicines named by the medication resources and pharmacy claims of these types
	 * in these patients' records (see {@link MedicationUse}), read from their narrow
	 * rows, oldest arrival first and in item order.
	 */
	public List<MedicationUse.Stored> medicationUses(Collection<PatientId> patients, Set<String> resourceTypes) {
		if (patients.isEmpty() || resourceTypes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, resource_type, source, patient_id, received_at, item, status, rxnorm, display,
				  medication_id, date, end_date, days_supply
				from medication_use where patient_id = any(?) and resource_type = any(?)
				order by received_at, id, item""")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.param(resourceTypes.toArray(String[]::new))
			.query((rs, n) -> new MedicationUse.Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					new PatientId(rs.getObject(4, UUID.class)), rs.getTimestamp(5).toInstant(),
					new MedicationUse(rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
							rs.getObject(10, UUID.class), rs.getString(11), rs.getString(12),
							rs.getObject(13, Integer.class))))
			.list();
	}

	/**
	 * The page of resources the query asks for, and the number that match in all.
	 * {@code count} 0 only counts.
	 * @throws IllegalArgumentException for a field the type cannot be searched by
	 */
	public ResourcePage search(ResourceQuery query) {
		Table table = TABLES.get(query.resourceType());
		StringBuilder where = new StringBuilder();
		List<Object> params = new ArrayList<>();
		String from;
		String patientColumn;
		if (table != null) {
			from = table.name() + " t join source_resource r on r.id = t.id";
			patientColumn = "t.patient_id";
			where.append("true");
		}
		else {
			from = "source_resource r";
			patientColumn = "r.patient_id";
			where.append("r.resource_type = ?");
			params.add(query.resourceType());
		}
		if (query.patients() != null) {
			where.append(" and ").append(patientColumn).append(" = any(?)");
			params.add(query.patients().stream().map(PatientId::value).toArray(UUID[]::new));
		}
		Map<String, Field> fields = table == null ? JSON_FIELDS : table.fields();
		for (Criterion criterion : query.criteria()) {
			if (criterion instanceof Coded coded) {
				Field field = fields.get(coded.field());
				if (field == null) {
					throw new IllegalArgumentException(query.resourceType() + " has no field '" + coded.field() + "'");
				}
				List<String> any = new ArrayList<>();
				for (Code code : coded.anyOf()) {
					if (code.system() != null && field.system() != null) {
						any.add("(" + field.system() + " = ? and " + field.code() + " = ?)");
						params.add(code.system());
					}
					else {
						any.add(field.code() + " = ?");
					}
					params.add(code.code());
				}
				where.append(" and (").append(any.isEmpty() ? "false" : String.join(" or ", any)).append(")");
			}
			else if (criterion instanceof DateBetween between) {
				if (table == null) {
					throw new IllegalArgumentException(query.resourceType() + " has no date to search by");
				}
				if (between.from() != null) {
					where.append(" and ").append(table.date()).append(" >= ?");
					params.add(Timestamp.from(between.from()));
				}
				if (between.to() != null) {
					where.append(" and ").append(table.date()).append(" < ?");
					params.add(Timestamp.from(between.to()));
				}
			}
			else if (criterion instanceof HasIdentifier identifier) {
				where.append(" and exists (select 1 from resource_identifier i where i.resource_id = r.id")
					.append(" and i.value = ?");
				params.add(identifier.value());
				if (identifier.system() != null) {
					where.append(" and i.system = ?");
					params.add(identifier.system());
				}
				where.append(")");
			}
			else if (criterion instanceof NameStartsWith name) {
				// Any string in the name element (family, given, text, or an
				// organization's
				// name) that starts with the text, in any case.
				where.append(" and jsonb_path_exists(lower((r.content -> 'name')::text)::jsonb,")
					.append(" 'strict $.** ? (@.type() == \"string\" && @ starts with $p)',")
					.append(" jsonb_build_object('p', lower(?)))");
				params.add(name.text());
			}
			else if (criterion instanceof IdIn ids) {
				where.append(" and r.id = any(?)");
				params.add(ids.ids().toArray(UUID[]::new));
			}
		}
		if (query.count() <= 0) {
			int total = this.jdbc.sql("select count(*) from " + from + " where " + where)
				.params(params)
				.query(Integer.class)
				.single();
			return new ResourcePage(List.of(), total);
		}
		String order = switch (query.sort()) {
			case DATE_ASCENDING -> table == null ? "r.id" : table.date() + " asc nulls first, r.id";
			case DATE_DESCENDING -> table == null ? "r.id" : table.date() + " desc nulls last, r.id";
			case STABLE -> "r.id";
		};
		int[] total = { -1 };
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.count());
		pageParams.add(query.offset());
		List<StoredResource> resources = this.jdbc
			.sql("select " + COLUMNS + ", count(*) over () from " + from + " where " + where + " order by " + order
					+ " limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> {
				total[0] = rs.getInt(8);
				return resource(rs);
			})
			.list();
		if (total[0] < 0) {
			total[0] = query.offset() == 0 ? 0
					: this.jdbc.sql("select count(*) from " + from + " where " + where)
						.params(params)
						.query(Integer.class)
						.single();
		}
		return new ResourcePage(resources, total[0]);
	}

	private static StoredResource resource(ResultSet rs) throws SQLException {
		UUID patient = rs.getObject(5, UUID.class);
		Timestamp received = rs.getTimestamp(7);
		return new StoredResource(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				patient == null ? null : new PatientId(patient), rs.getString(6),
				received == null ? null : received.toInstant());
	}

	private record Table(String name, String date, Map<String, Field> fields) {
	}

	/** A coded field: the column of its system (if kept) and of its code. */
	private record Field(String system, String code) {

		static Field plain(String code) {
			return new Field(null, code);
		}

	}

}
