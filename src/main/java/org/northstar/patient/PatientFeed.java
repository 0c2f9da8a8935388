package org.northstar.patient;

import java.sql.Date;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.northstar.database.LeadingStatement;
import org.northstar.shared.PatientId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients as a hospital's feed (HL7 v2 ADT) knows them: the one message at a time match
 * or creation, the identifiers a message adds and the merges (A40) it asks for. Apart
 * from {@link Patients} because the feed's statements are tuned for one message in one
 * round trip, and only the feed calls them. Writes join the feed's transaction.
 */
@Service
public class PatientFeed {

	/** The match statement by number of identifiers ({@link #match}). */
	private static final Map<Integer, String> MATCH = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	PatientFeed(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Finds the patient a feed message is about by its identifiers, or creates one from
	 * the message's demographics, flagged for review: a person must confirm a patient
	 * first seen on a feed is not someone already known under other identifiers.
	 *
	 * <p>
	 * A matched patient gains the identifiers it lacked. Its demographics are updated
	 * only if the same source created it; a record from another source (an EHR export) is
	 * not overwritten by a feed. Fields the message leaves empty keep their value. A
	 * message with addresses replaces the known ones as a whole, the flat first-address
	 * fields with them; a birth date is replaced with its precision. Merged patient
	 * records are never matched.
	 * @param demographics the patient as the message describes them; its key names the
	 * feed and the record a new patient is created under
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public FeedMatch matchOrCreateFromFeed(PatientRecord demographics) {
		PatientRecord p = demographics;
		Date birthDate = p.birthDate() == null ? null : Date.valueOf(p.birthDate());
		String precision = p.birthDate() == null ? null : Patients.precision(p.birthDatePrecision());
		String addresses = p.addresses().isEmpty() ? null : Addresses.toJson(p.addresses());
		// The usual case, a known patient, in one round trip: match, update, add
		// identifiers. The identifiers are a VALUES list, one row each, not arrays: with
		// arrays PostgreSQL cannot tell a generic plan's cost from a custom one's and
		// plans the statement again for every message, which cost more than running it.
		// Nullable parameters carry their type, so one prepared statement serves every
		// message with as many identifiers.
		List<PatientRecord.Identifier> identifiers = demographics.identifiers();
		StatementSpec statement = this.jdbc.sql(MATCH.computeIfAbsent(identifiers.size(), PatientFeed::match));
		for (int i = 0; i < identifiers.size(); i++) {
			statement = statement.param("system" + i, identifiers.get(i).system())
				.param("value" + i, identifiers.get(i).value())
				.param("type" + i, identifiers.get(i).typeCode(), Types.VARCHAR);
		}
		Optional<UUID> match = statement.param("family", p.familyName(), Types.VARCHAR)
			.param("given", p.givenNames(), Types.VARCHAR)
			.param("birthDate", birthDate, Types.DATE)
			.param("sex", p.sex(), Types.VARCHAR)
			.param("deceased", p.deceased())
			.param("language", p.language(), Types.VARCHAR)
			.param("phone", p.phone(), Types.VARCHAR)
			.param("email", p.email(), Types.VARCHAR)
			.param("addressLine", p.addressLine(), Types.VARCHAR)
			.param("city", p.city(), Types.VARCHAR)
			.param("state", p.state(), Types.VARCHAR)
			.param("postalCode", p.postalCode(), Types.VARCHAR)
			.param("precision", precision, Types.VARCHAR)
			.param("addresses", addresses, Types.VARCHAR)
			.param("source", p.key().source())
			.query(UUID.class)
			.optional();
		if (match.isEmpty()) {
			// A new patient and its identifiers, in one round trip.
			UUID id = demographics.id().value();
			new LeadingStatement("""
					insert into patient (id, source, source_id, family_name, given_names, birth_date,
					                     birth_date_precision, sex, deceased, language, phone, email, addresses,
					                     address_line, city, state, postal_code, updated_at, needs_review)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, now(), true)
					on conflict (id) do update set merged_into = null, needs_review = true, updated_at = now()
					""", id, p.key().source(), p.key().sourceId(), p.familyName(), p.givenNames(), birthDate, precision,
					p.sex(), p.deceased(), p.language(), p.phone(), p.email(), addresses, p.addressLine(), p.city(),
					p.state(), p.postalCode())
				.then(identifiers(id, demographics.identifiers()))
				.run(this.template);
			return new FeedMatch(demographics.id(), true);
		}
		return new FeedMatch(new PatientId(match.get()), false);
	}

	/**
	 * The match statement for a message with this many identifiers, as one string for
	 * every message: the statement caches (Spring's parsed SQL, the driver's prepared
	 * statements) then find it by a hash computed once, not over its whole text each
	 * time.
	 */
	static String match(int identifiers) {
		List<String> pairs = new ArrayList<>();
		List<String> triples = new ArrayList<>();
		for (int i = 0; i < identifiers; i++) {
			pairs.add("(:system" + i + ", :value" + i + ")");
			triples.add("(:system" + i + ", :value" + i + ", :type" + i + ")");
		}
		return """
				with matched as (
				    -- One index lookup per identifier and per record found, whatever plan the
				    -- session caches: a lateral subquery kept apart by offset 0 cannot become a
				    -- table scan. A join could, when planned while the tables were empty.
				    select p.id, p.source
				    from (values %s) as u (system, value)
				    cross join lateral (select patient_id from patient_identifier i
				                        where i.value = u.value and i.system = u.system offset 0) i
				    cross join lateral (select p.id, p.source, p.updated_at from patient p
				                        where p.id = i.patient_id and p.merged_into is null offset 0) p
				    order by p.updated_at limit 1
				), offered as (
				    -- What the message says, each field falling back to what is known. A birth
				    -- date comes with its precision; addresses, when sent, replace the known
				    -- ones as a whole, the flat first-address columns with them.
				    select p.id, coalesce(:family, p.family_name) family_name,
				        coalesce(:given, p.given_names) given_names,
				        coalesce(:birthDate, p.birth_date) birth_date,
				        case when :birthDate::date is null then p.birth_date_precision else :precision end
				            birth_date_precision,
				        coalesce(:sex, p.sex) sex, p.deceased or :deceased deceased,
				        coalesce(:language, p.language) language, coalesce(:phone, p.phone) phone,
				        coalesce(:email, p.email) email,
				        coalesce(:addresses::jsonb, p.addresses) addresses,
				        case when :addresses is null then coalesce(:addressLine, p.address_line) else :addressLine end
				            address_line,
				        case when :addresses is null then coalesce(:city, p.city) else :city end city,
				        case when :addresses is null then coalesce(:state, p.state) else :state end state,
				        case when :addresses is null then coalesce(:postalCode, p.postal_code) else :postalCode end
				            postal_code
				    from patient p where p.id = (select id from matched where source = :source)
				), updated as (
				    update patient p set family_name = o.family_name, given_names = o.given_names,
				        birth_date = o.birth_date, birth_date_precision = o.birth_date_precision, sex = o.sex,
				        deceased = o.deceased, language = o.language, phone = o.phone, email = o.email,
				        addresses = o.addresses, address_line = o.address_line, city = o.city, state = o.state,
				        postal_code = o.postal_code, updated_at = now()
				    from offered o
				    where p.id = o.id
				      -- Most messages repeat what is known: writing nothing then spares a new
				      -- row version and its index entries on every message.
				      and (p.family_name, p.given_names, p.birth_date, p.birth_date_precision, p.sex, p.deceased,
				           p.language, p.phone, p.email, p.addresses, p.address_line, p.city, p.state, p.postal_code)
				          is distinct from
				          (o.family_name, o.given_names, o.birth_date, o.birth_date_precision, o.sex, o.deceased,
				           o.language, o.phone, o.email, o.addresses, o.address_line, o.city, o.state, o.postal_code)
				), added as (
				    insert into patient_identifier (patient_id, system, value, type_code)
				    select (select id from matched), u.* from (values %s) as u (system, value, type)
				    where exists (select 1 from matched)
				    on conflict do nothing
				)
				select id from matched
				""".formatted(String.join(", ", pairs), String.join(", ", triples));
	}

	private static LeadingStatement identifiers(UUID patient, List<PatientRecord.Identifier> identifiers) {
		return new LeadingStatement("""
				insert into patient_identifier (patient_id, system, value, type_code)
				select ?, * from unnest(?::text[], ?::text[], ?::text[])
				on conflict do nothing
				""", patient, identifiers.stream().map(PatientRecord.Identifier::system).toArray(String[]::new),
				identifiers.stream().map(PatientRecord.Identifier::value).toArray(String[]::new),
				identifiers.stream().map(PatientRecord.Identifier::typeCode).toArray(String[]::new));
	}

	/**
	 * Merges a prior patient record into the surviving one, as a feed's A40 asks: the
	 * survivor takes over the prior record's identifiers, so later messages naming the
	 * old identifier find the survivor, and the prior record points at it. The clinical
	 * record is the caller's to move.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void merge(PatientId prior, PatientId survivor) {
		if (prior.equals(survivor)) {
			return;
		}
		this.jdbc.sql("""
				insert into patient_identifier (patient_id, system, value, type_code)
				select ?, system, value, type_code from patient_identifier where patient_id = ?
				on conflict do nothing
				""").params(survivor.value(), prior.value()).update();
		this.jdbc.sql("delete from patient_identifier where patient_id = ?").param(prior.value()).update();
		this.jdbc.sql("update patient set merged_into = ?, updated_at = now() where id = ?")
			.params(survivor.value(), prior.value())
			.update();
	}

	/** Adds an identifier to a patient, unless it has it already. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addIdentifier(PatientId patient, PatientRecord.Identifier identifier) {
		identifiers(patient.value(), List.of(identifier)).run(this.template);
	}

}
