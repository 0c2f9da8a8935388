package org.northstar.clinical;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.northstar.clinical.ClinicalItems.CareTeamMember;
import org.northstar.clinical.ClinicalItems.HospitalEvent;
import org.northstar.clinical.ClinicalItems.HospitalEventKind;
import org.northstar.clinical.ClinicalItems.Kind;
import org.northstar.clinical.ClinicalItems.Problem;
import org.northstar.clinical.ClinicalItems.TimelineItem;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of the clinical record for the coordinator's screens. */
@Service
public class ClinicalRecords {

	/**
	 * SNOMED CT semantic tags that describe circumstances rather than problems a
	 * coordinator manages ("Full-time employment (finding)", "Medication review due
	 * (situation)").
	 */
	private static final String NOT_A_PROBLEM = "'%(finding)', '%(situation)', '%(person)', '%(social concept)', '%(observable entity)'";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	ClinicalRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * For each patient, the main problems and the last and next encounter; in one round
	 * trip each.
	 */
	public Map<PatientId, PatientOverview> overviews(Collection<PatientId> patients, Instant now) {
		if (patients.isEmpty()) {
			return Map.of();
		}
		UUID[] ids = patients.stream().map(PatientId::value).toArray(UUID[]::new);
		Map<UUID, List<String>> problems = new HashMap<>();
		this.jdbc.sql("""
				select patient_id, display from (
				    select patient_id, display,
				           row_number() over (partition by patient_id order by onset desc nulls last, display) as n
				    from (select distinct on (patient_id, display) patient_id, display, onset from condition
				          where patient_id = any(?) and clinical_status = 'active' and display is not null
				            and not display like any (array[%s])
				          order by patient_id, display, onset desc nulls last) c
				) ranked where n <= 3 order by patient_id, n
				""".formatted(NOT_A_PROBLEM))
			.param(ids)
			.query((rs, n) -> problems.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		Map<UUID, Instant[]> encounters = new HashMap<>();
		this.jdbc.sql("""
				select patient_id,
				       max(period_start) filter (where period_start <= ? and status <> 'planned'),
				       min(period_start) filter (where period_start > ? or status = 'planned')
				from encounter where patient_id = any(?) group by patient_id
				""")
			.params(Timestamp.from(now), Timestamp.from(now), ids)
			.query((rs, n) -> encounters.put(rs.getObject(1, UUID.class),
					new Instant[] { instant(rs, 2), instant(rs, 3) }))
			.list();
		Map<PatientId, PatientOverview> result = new LinkedHashMap<>();
		for (PatientId patient : patients) {
			Instant[] times = encounters.getOrDefault(patient.value(), new Instant[2]);
			result.put(patient,
					new PatientOverview(problems.getOrDefault(patient.value(), List.of()), times[0], times[1]));
		}
		return result;
	}

	/**
	 * For each person, the overview of all their records (see
	 * {@link PatientOverview#ofRecords}); in one round trip each, whatever the number of
	 * people.
	 * @param people each person's records, keyed by the record that stands for them
	 */
	public Map<PatientId, PatientOverview> personOverviews(Map<PatientId, ? extends Collection<PatientId>> people,
			Instant now) {
		List<PatientId> all = new ArrayList<>();
		people.forEach((person, records) -> {
			all.add(person);
			all.addAll(records);
		});
		Map<PatientId, PatientOverview> byRecord = overviews(all.stream().distinct().toList(), now);
		Map<PatientId, PatientOverview> result = new LinkedHashMap<>();
		people.forEach((person, records) -> {
			List<PatientOverview> of = new ArrayList<>();
			of.add(byRecord.get(person));
			records.forEach(r -> of.add(byRecord.get(r)));
			result.put(person, PatientOverview.ofRecords(of));
		});
		return result;
	}

	/**
	 * Who of these people is in hospital now, across all their records: the latest
	 * inpatient encounter admitted and not discharged (in progress, or on leave from the
	 * ward). Keyed by the person as given; people not in hospital are absent.
	 * @param people each person's record and their other linked records
	 */
	public Map<PatientId, HospitalStay> inHospital(Map<PatientId, ? extends Collection<PatientId>> people) {
		Map<PatientId, PatientId> personOf = new HashMap<>();
		people.forEach((person, records) -> {
			personOf.put(person, person);
			records.forEach(r -> personOf.putIfAbsent(r, person));
		});
		Map<PatientId, HospitalStay> stays = new LinkedHashMap<>();
		if (personOf.isEmpty()) {
			return stays;
		}
		this.jdbc.sql("""
				select e.patient_id, e.period_start,
				       coalesce(o.content ->> 'name', case when r.source like 'hl7:%' then substr(r.source, 5) end,
				                r.source),
				       e.location_text
				from encounter e join source_resource r on r.id = e.id
				left join source_resource o on o.id = e.organization_id
				where e.patient_id = any(?) and e.class_code = 'IMP' and e.status in ('in-progress', 'onleave')
				  and e.period_start is not null and e.period_end is null
				order by e.period_start desc
				""")
			.param(ids(personOf.keySet()))
			.query((rs, n) -> stays.putIfAbsent(personOf.get(new PatientId(rs.getObject(1, UUID.class))),
					new HospitalStay(instant(rs, 2), rs.getString(3), rs.getString(4))))
			.list();
		return stays;
	}

	/**
	 * Those of these records with an active problem whose name contains {@code text}, in
	 * any case: for lists filtered by condition ("diabetes", "heart failure").
	 */
	public Set<PatientId> withActiveProblem(Collection<PatientId> records, String text) {
		if (records.isEmpty() || text == null || text.isBlank()) {
			return Set.of();
		}
		String pattern = "%" + text.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
		return new java.util.HashSet<>(this.jdbc.sql("""
				select distinct patient_id from condition
				where patient_id = any(?) and clinical_status = 'active' and lower(display) like ?
				""").params(ids(records), pattern).query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
	}

	public List<Problem> problems(PatientId patient) {
		return problems(List.of(patient));
	}

	/**
	 * The problems of every given record of one person, each once: the same code (or,
	 * without a code, the same name) reported by two sources is one problem with both
	 * sources. Active first, then by onset.
	 */
	public List<Problem> problems(Collection<PatientId> records) {
		Merged<Problem> merged = new Merged<>();
		this.jdbc.sql("""
				select c.display, c.code, c.clinical_status, c.onset, r.source,
				       coalesce(r.content ->> 'onsetDateTime', r.content -> 'onsetPeriod' ->> 'start')
				from condition c join source_resource r on r.id = c.id
				where c.patient_id = any(?) and not coalesce(c.display, '') like any (array[%s])
				order by (c.clinical_status = 'active') desc, c.onset desc nulls last, r.source
				""".formatted(NOT_A_PROBLEM))
			.param(ids(records))
			.query((rs, n) -> merged.add(key(rs.getString(2), rs.getString(1)), null, rs.getString(5),
					new Problem(rs.getString(1), rs.getString(2), rs.getString(3),
							ClinicalTime.of(instant(rs, 4), rs.getString(6)), List.of(rs.getString(5)))))
			.list();
		return merged.items(Problem::sources,
				(p, sources) -> new Problem(p.display(), p.code(), p.clinicalStatus(), p.onset(), sources));
	}

	/**
	 * The care team as the patient's CareTeam resources name it, plus the practitioners
	 * who saw the patient in the last two years.
	 */
	public List<CareTeamMember> careTeam(PatientId patient, Instant now) {
		return careTeam(List.of(patient), now);
	}

	/** The care team of every given record of one person, each member once. */
	public List<CareTeamMember> careTeam(Collection<PatientId> records, Instant now) {
		Map<String, CareTeamMember> members = new LinkedHashMap<>();
		for (PatientId patient : records) {
			careTeam(patient, now, members);
		}
		return List.copyOf(members.values());
	}

	private void careTeam(PatientId patient, Instant now, Map<String, CareTeamMember> members) {
		this.jdbc.sql("""
				select r.content, r.source from source_resource r
				where r.patient_id = ? and r.resource_type = 'CareTeam'
				  and coalesce(r.content ->> 'status', 'active') = 'active'
				""").param(patient.value()).query((rs, n) -> {
			JsonNode careTeam = readTree(rs.getString(1));
			for (JsonNode participant : careTeam.path("participant")) {
				String name = participant.path("member").path("display").asText(null);
				if (name != null) {
					String role = participant.path("role").path(0).path("coding").path(0).path("display").asText(null);
					members.putIfAbsent(name, new CareTeamMember(name, role, rs.getString(2)));
				}
			}
			return null;
		}).list();
		this.jdbc.sql("""
				select p.content -> 'name' -> 0, max(e.period_start), p.source
				from encounter e join source_resource p on p.id = e.practitioner_id
				where e.patient_id = ? and e.period_start > ?
				group by p.id, p.content, p.source order by max(e.period_start) desc limit 10
				""")
			.params(patient.value(), Timestamp.from(now.minus(java.time.Duration.ofDays(730))))
			.query((rs, n) -> {
				String name = personName(rs.getString(1));
				if (name != null) {
					members.putIfAbsent(name, new CareTeamMember(name, "Seen in an encounter", rs.getString(3)));
				}
				return null;
			})
			.list();
	}

	/** Encounters, procedures, results and immunizations, newest first. */
	public List<TimelineItem> timeline(PatientId patient, Set<Kind> kinds, Instant from, Instant to, int limit) {
		return timeline(List.of(patient), kinds, from, to, limit);
	}

	/**
	 * The timeline between two days of the practice (both included; the beginning, or a
	 * year ahead, when not given). An item sent with a time is in it when that moment
	 * falls on those days in the clock's zone; an item sent with a date only, when that
	 * date does.
	 */
	public List<TimelineItem> timeline(Collection<PatientId> records, Set<Kind> kinds, LocalDate fromDay,
			LocalDate toDay, Clock clock, int limit) {
		ZoneId zone = clock.getZone();
		Instant from = fromDay == null ? Instant.EPOCH : fromDay.atStartOfDay(zone).toInstant();
		Instant to = toDay == null ? clock.instant().plus(Duration.ofDays(366))
				: toDay.plusDays(1).atStartOfDay(zone).toInstant();
		Instant fromDate = fromDay == null ? Instant.EPOCH : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant toDate = toDay == null ? to : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return timeline(records, kinds, new Window(from, to, fromDate, toDate), limit);
	}

	/**
	 * The timeline of every given record of one person, newest first. An item two sources
	 * both report is shown once with both sources: the same encounter is one with the
	 * same identifier, or the same type and start; the same procedure, result or
	 * immunization has the same code and time (and a result the same value). A result
	 * carries its value exactly as sent, read from the stored resource.
	 */
	public List<TimelineItem> timeline(Collection<PatientId> records, Set<Kind> kinds, Instant from, Instant to,
			int limit) {
		return timeline(records, kinds, new Window(from, to, from, to), limit);
	}

	/**
	 * Which items a timeline shows: those sent with a time from {@code from} (included)
	 * to {@code to}; those sent with a date only, stored as its first moment in UTC, from
	 * {@code fromDate} to {@code toDate}.
	 */
	private record Window(Instant from, Instant to, Instant fromDate, Instant toDate) {
	}

	/** The time a timeline item's source sent, as text, for an item aliased {@code t}. */
	private static String asSent(String t) {
		return """
				(select case %1$s.kind
				     when 'ENCOUNTER' then s.content -> 'period' ->> 'start'
				     when 'PROCEDURE' then coalesce(s.content ->> 'performedDateTime', s.content -> 'performedPeriod' ->> 'start')
				     when 'RESULT' then coalesce(s.content ->> 'effectiveDateTime', s.content -> 'effectivePeriod' ->> 'start', s.content ->> 'issued')
				     else s.content ->> 'occurrenceDateTime' end
				 from source_resource s where s.id = %1$s.id)"""
			.formatted(t);
	}

	private List<TimelineItem> timeline(Collection<PatientId> records, Set<Kind> kinds, Window window, int limit) {
		List<String> parts = new ArrayList<>();
		if (kinds.contains(Kind.ENCOUNTER)) {
			parts
				.add("""
						select e.period_start, 'ENCOUNTER', coalesce(e.type_display, 'Encounter'), e.reason_display, e.id,
						       coalesce(e.type_code, e.class_code),
						       (select min(i.system || '|' || i.value) from resource_identifier i where i.resource_id = e.id),
						       e.class_code, e.discharge_disposition, null
						from encounter e where e.patient_id = any(:records)""");
		}
		if (kinds.contains(Kind.PROCEDURE)) {
			parts
				.add("""
						select p.performed_start, 'PROCEDURE', coalesce(p.display, 'Procedure'), p.status, p.id, p.code, null,
						       null, null, null
						from procedure p where p.patient_id = any(:records)""");
		}
		if (kinds.contains(Kind.RESULT)) {
			parts.add("""
					-- two sources' 1.45 and 1.450 are one result (shown as the first sent it)
					select o.effective, 'RESULT', coalesce(o.display, 'Observation'), o.value_text, o.id, o.code, null,
					       null, null, concat_ws(' ', trim_scale(o.value_number)::text, o.value_unit, o.value_text)
					from observation o where o.patient_id = any(:records)""");
		}
		if (kinds.contains(Kind.IMMUNIZATION)) {
			parts
				.add("""
						select i.occurred, 'IMMUNIZATION', coalesce(i.display, 'Immunization'), i.status, i.id, i.code, null,
						       null, null, null
						from immunization i where i.patient_id = any(:records)""");
		}
		if (parts.isEmpty()) {
			return List.of();
		}
		Merged<TimelineItem> merged = new Merged<>();
		// Only the rows shown read their stored resource; the filter reads it only for
		// rows
		// between a moment's window and a date's, to tell which one applies.
		this.jdbc
			.sql("""
					select x.*,
					       %1$s as at_as_sent,
					       case x.kind when 'ENCOUNTER' then r.content -> 'type' -> 0 ->> 'text'
					                   when 'IMMUNIZATION' then r.content -> 'vaccineCode' ->> 'text'
					                   else r.content -> 'code' ->> 'text' end as short_name,
					       case x.kind when 'RESULT' then r.content::text end as content,
					       coalesce(x.disposition,
					                case x.kind when 'ENCOUNTER' then r.content -> 'hospitalization' -> 'dischargeDisposition' -> 'coding' -> 0 ->> 'code' end)
					           as discharge_disposition
					from (
					    select t.*, r.source from (%2$s
					    ) t (at, kind, title, detail, id, code, identifier, class_code, disposition, value)
					    join source_resource r on r.id = t.id
					    where (t.at >= :from and t.at < :to or t.at >= :fromDate and t.at < :toDate)
					      and (t.at >= :from and t.at < :to and t.at >= :fromDate and t.at < :toDate
					           or (coalesce(length(%3$s), 0) between 1 and 10) = (t.at >= :fromDate and t.at < :toDate))
					    order by t.at desc, r.source limit :limit
					) x join source_resource r on r.id = x.id
					order by x.at desc, x.source
					"""
				.formatted(asSent("x"), String.join("\nunion all\n", parts), asSent("t")))
			.param("records", ids(records))
			.param("from", Timestamp.from(window.from()))
			.param("to", Timestamp.from(window.to()))
			.param("fromDate", Timestamp.from(window.fromDate()))
			.param("toDate", Timestamp.from(window.toDate()))
			.param("limit", limit * records.size())
			.query((rs, n) -> {
				Kind kind = Kind.valueOf(rs.getString("kind"));
				String what = rs.getString("code") != null ? rs.getString("code") : rs.getString("title");
				String key = kind + "|" + what + "|" + rs.getTimestamp("at") + "|"
						+ (kind == Kind.RESULT ? rs.getString("value") : "");
				String source = rs.getString("source");
				String shortName = rs.getString("short_name");
				return merged.add(key, rs.getString("identifier"), source, new TimelineItem(
						ClinicalTime.of(instant(rs, 1), rs.getString("at_as_sent")), kind,
						shortName != null ? shortName : rs.getString("title"),
						kind == Kind.RESULT ? null : rs.getString("detail"), rs.getString("class_code"),
						rs.getString("discharge_disposition"), kind == Kind.RESULT
								? StoredObservations.result(rs.getString("content"), rs.getString("detail")) : null,
						List.of(source)));
			})
			.list();
		List<TimelineItem> items = merged.items(TimelineItem::sources, TimelineItem::withSources);
		return items.size() > limit ? items.subList(0, limit) : items;
	}

	/**
	 * The language each patient record's source named, in the source's own words
	 * ("Mandarin Chinese" for a {@code zh} code): the preferred one, else the first.
	 * Records whose source gave no words are left out.
	 */
	public Map<PatientId, String> languagesAsSent(Collection<PatientId> records) {
		if (records.isEmpty()) {
			return Map.of();
		}
		Map<PatientId, String> languages = new HashMap<>();
		this.jdbc
			.sql("""
					select r.id, (select coalesce(c -> 'language' ->> 'text', c -> 'language' -> 'coding' -> 0 ->> 'display')
					              from jsonb_array_elements(case jsonb_typeof(r.content -> 'communication')
					                                        when 'array' then r.content -> 'communication' else '[]' end)
					                   with ordinality x (c, n)
					              order by coalesce((c ->> 'preferred')::boolean, false) desc, n limit 1)
					from source_resource r where r.id = any(?) and r.resource_type = 'Patient'
					""")
			.param(ids(records))
			.query((rs, n) -> {
				if (rs.getString(2) != null) {
					languages.put(new PatientId(rs.getObject(1, UUID.class)), rs.getString(2));
				}
				return null;
			})
			.list();
		return languages;
	}

	/**
	 * Admissions, ED visits and discharges of the given patients that arrived since a
	 * moment, whenever they happened, newest first: inpatient encounters that began or
	 * ended, and emergency encounters that began. A late message or import whose event
	 * time is before {@code since} is listed all the same; a discharge arriving does not
	 * list its admission again. What happened more than 30 days before it arrived is
	 * history, not news (an import of years of records, a first feed of a backlog): it is
	 * not listed, as imports start transitions of care only for the last 30 days.
	 */
	public List<HospitalEvent> hospitalEventsArrivedSince(Collection<PatientId> patients, Instant since) {
		if (patients.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select e.patient_id, x.kind, x.at, x.arrived_at, coalesce(e.location_text, e.type_display),
				       e.reason_display, e.discharge_disposition, r.source
				from encounter e join source_resource r on r.id = e.id
				cross join lateral (values
				    (case when e.class_code = 'EMER' then 'ED_VISIT' else 'ADMITTED' end, e.period_start,
				     e.start_arrived_at),
				    ('DISCHARGED', case when e.class_code = 'IMP' then e.period_end end, e.end_arrived_at))
				    x (kind, at, arrived_at)
				where e.patient_id = any(?) and e.class_code in ('IMP', 'EMER') and x.at is not null
				  and x.arrived_at >= ? and x.at >= x.arrived_at - interval '30 days'
				  and coalesce(e.status, '') not in ('cancelled', 'entered-in-error')
				order by x.at desc
				""")
			.params(patients.stream().map(PatientId::value).toArray(UUID[]::new), Timestamp.from(since))
			.query((rs, n) -> new HospitalEvent(new PatientId(rs.getObject(1, UUID.class)),
					HospitalEventKind.valueOf(rs.getString(2)), instant(rs, 3), instant(rs, 4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

	/**
	 * Items in the order first seen, one per fact: an item whose key (or second key, an
	 * identifier) was seen already only adds its source to the first.
	 */
	private static final class Merged<T> {

		private final Map<String, Integer> index = new HashMap<>();

		private final List<T> items = new ArrayList<>();

		private final List<Set<String>> sources = new ArrayList<>();

		Object add(String key, String otherKey, String source, T item) {
			Integer at = this.index.get(key);
			if (at == null && otherKey != null) {
				at = this.index.get("identifier|" + otherKey);
			}
			if (at == null) {
				at = this.items.size();
				this.items.add(item);
				this.sources.add(new java.util.LinkedHashSet<>());
			}
			this.sources.get(at).add(source);
			this.index.putIfAbsent(key, at);
			if (otherKey != null) {
				this.index.putIfAbsent("identifier|" + otherKey, at);
			}
			return null;
		}

		List<T> items(java.util.function.Function<T, List<String>> sourcesOf,
				java.util.function.BiFunction<T, List<String>, T> withSources) {
			List<T> result = new ArrayList<>(this.items.size());
			for (int i = 0; i < this.items.size(); i++) {
				T item = this.items.get(i);
				List<String> all = List.copyOf(this.sources.get(i));
				result.add(all.equals(sourcesOf.apply(item)) ? item : withSources.apply(item, all));
			}
			return result;
		}

	}

	private static String key(String code, String display) {
		return code != null ? "code|" + code
				: "name|" + (display == null ? "" : display.toLowerCase(java.util.Locale.ROOT));
	}

	private static UUID[] ids(Collection<PatientId> records) {
		return records.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
	}

	/** "Dr. Given Family" from a FHIR HumanName as stored. */
	private static String personName(String humanName) {
		if (humanName == null) {
			return null;
		}
		JsonNode name = readTree(humanName);
		if (name.hasNonNull("text")) {
			return name.get("text").asText();
		}
		List<String> parts = new ArrayList<>();
		name.path("prefix").forEach(p -> parts.add(p.asText()));
		name.path("given").forEach(g -> parts.add(g.asText()));
		if (name.hasNonNull("family")) {
			parts.add(name.get("family").asText());
		}
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static JsonNode readTree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Stored resource is not JSON", ex);
		}
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
