package org.northstar.ingest.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.northstar.clinical.Encounters;
import org.northstar.clinical.FeedEncounter;
import org.northstar.ingest.hl7.AdtCorpus.CorpusMessage;
import org.northstar.ingest.hl7.SentMessage.ExpectedAddress;
import org.northstar.ingest.hl7.SentMessage.ExpectedEncounter;
import org.northstar.ingest.hl7.SentMessage.ExpectedPatient;
import org.northstar.patient.Patients;
import org.northstar.security.ApiScope;
import org.northstar.security.ApiTokens;
import org.northstar.shared.PatientId;
import org.northstar.shared.RecordKey;
import org.northstar.support.NorthstarTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HL7 v2 conformance measure: every message of the {@link AdtCorpus} is sent over
 * MLLP as its bytes stand, and what Northstar then serves (the FHIR API's Patient and
 * Encounter reads; for merges, also the patient and clinical modules) is compared field
 * by field with what the message said, as {@link SentMessage} reads it. The counts go to
 * standard output and to {@code target/hl7-conformance.txt}; docs/conformance.md quotes
 * them.
 *
 * <p>
 * Among them, every supported event with each optional EVN, PID, PV1 and MRG field
 * missing in turn, with repetitions, escape sequences, Z-segments, v2.3 to v2.8.2 headers
 * and ISO-8859-1 names: each must be answered AA and be applied as sent.
 */
class AdtCorpusTests extends NorthstarTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final String SERVED_SYSTEM = "urn:northstar:system:";

	@Autowired
	MllpListener listener;

	@Autowired
	Patients patients;

	@Autowired
	Encounters encounters;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Hl7Properties properties;

	@Autowired
	Clock clock;

	@LocalServerPort
	int httpPort;

	/** One person as the corpus expects Northstar to know them. */
	private static final class Person {

		final Set<String> identifiers = new LinkedHashSet<>();

		final Set<RecordKey> visits = new LinkedHashSet<>();

	}

	private final Map<String, Person> people = new HashMap<>();

	/**
	 * Served Encounters whose subject is not the patient's id as the Patient read serves
	 * it.
	 */
	private int subjectsElsewhere;

	@Test
	void servesBackEveryAcceptedMessageOfTheCorpusAsSentAndRefusesTheRestWithAReason() throws IOException {
		List<CorpusMessage> corpus = AdtCorpus.all();
		IGenericClient fhir = fhirClient();
		int accepted = 0;
		int refused = 0;
		int servedExactly = 0;
		List<String> failures = new ArrayList<>();
		try (Socket socket = new Socket("localhost", this.listener.port())) {
			socket.setSoTimeout(60_000);
			for (CorpusMessage message : corpus) {
				SentMessage sent = message.sent();
				String ack = exchange(socket, message.bytes());
				String code = ackField(ack, 1);
				String reason = ackField(ack, 3);
				if (code.equals("AA")) {
					accepted++;
					if (message.refusedBecause() != null) {
						failures
							.add(message.name() + ": accepted, but must be refused for " + message.refusedBecause());
						continue;
					}
					List<String> mismatches = sent.event().equals("A40") ? merged(sent, fhir) : applied(sent, fhir);
					if (mismatches.isEmpty()) {
						servedExactly++;
					}
					else {
						failures.add(message.name() + ": " + String.join("; ", mismatches));
					}
				}
				else {
					if (reason != null && !reason.isBlank()) {
						refused++;
					}
					if (message.refusedBecause() == null) {
						failures.add(message.name() + ": " + code + " " + reason);
					}
					else if (reason == null || !reason.contains(message.refusedBecause())) {
						failures.add(message.name() + ": refused, but the reason '" + reason + "' does not name "
								+ message.refusedBecause());
					}
					else {
						failures.addAll(nothingApplied(message, sent));
					}
				}
			}
		}
		String report = report(corpus, accepted, refused, servedExactly, failures) + "  (served Encounter.subject "
				+ "naming another id than the Patient read: " + this.subjectsElsewhere + ", left to the FHIR API)\n";
		System.out.println(report);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/hl7-conformance.txt"), report);

		assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
		assertThat(failures).isEmpty();
		assertThat(servedExactly).isEqualTo(accepted);
	}

	private static String report(List<CorpusMessage> corpus, int accepted, int refused, int servedExactly,
			List<String> failures) {
		long expectedRefusals = corpus.stream().filter(m -> m.refusedBecause() != null).count();
		StringBuilder report = new StringBuilder();
		report.append("HL7 v2 ADT corpus: ").append(corpus.size()).append(" messages (");
		report.append(corpus.size() - expectedRefusals).append(" to be applied, ");
		report.append(expectedRefusals).append(" to be refused)\n");
		report.append("  by version: ").append(tally(corpus, sent -> sent.value("MSH", 12))).append('\n');
		report.append("  by event:   ").append(tally(corpus, SentMessage::event)).append('\n');
		report.append("  accepted (AA):                 ").append(accepted).append('\n');
		report.append("  refused with a reason (AE/AR): ").append(refused).append('\n');
		report.append("  served back exactly:           ").append(servedExactly).append('\n');
		report.append("  failures:                      ").append(failures.size()).append('\n');
		failures.forEach(f -> report.append("    ").append(f).append('\n'));
		return report.toString();
	}

	private static String tally(List<CorpusMessage> corpus, java.util.function.Function<SentMessage, String> key) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		corpus.forEach(message -> counts.merge(key.apply(message.sent()), 1L, Long::sum));
		return counts.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	/**
	 * A visit event: the patient and the encounter as this one message describes them.
	 */
	private List<String> applied(SentMessage sent, IGenericClient fhir) {
		List<String> mismatches = new ArrayList<>();
		ExpectedPatient expected = sent.patient(0);
		Person person = person(expected.identifiers());
		PatientId patient = theOnePatient(expected.identifiers().iterator().next(), mismatches);
		if (patient == null) {
			return mismatches;
		}
		comparePatient(fhir.read().resource(Patient.class).withId(patient.toString()).execute(), expected,
				person.identifiers, mismatches);
		String visit = sent.has("PV1") ? sent.value("PV1", 19) : null;
		if (visit != null) {
			RecordKey key = new RecordKey(sent.source(), "Encounter", visit);
			person.visits.add(key);
			Encounter served = fhir.read().resource(Encounter.class).withId(key.id().toString()).execute();
			compareEncounter(served, sent.encounter(zone()), mismatches);
			// Whose visit it is, as the clinical module keeps it: the served subject is a
			// reference the FHIR API rewrites, counted apart below.
			same(mismatches, "patient of the visit", patient,
					this.encounters.findFromFeed(key).map(FeedEncounter::patient).orElse(null));
			if (!("Patient/" + patient).equals(served.getSubject().getReference())) {
				this.subjectsElsewhere++;
			}
		}
		return mismatches;
	}

	/**
	 * An A40: each survivor as its PID describes it, holding its own identifiers and
	 * those of everyone merged into it; every merged identifier finds the survivor; every
	 * visit of a merged patient is the survivor's.
	 */
	private List<String> merged(SentMessage sent, IGenericClient fhir) {
		List<String> mismatches = new ArrayList<>();
		for (int pair = 0; pair < sent.count("PID"); pair++) {
			ExpectedPatient expected = sent.patient(pair);
			Person survivor = person(expected.identifiers());
			for (String prior : sent.identifiers("MRG", pair, 1)) {
				Person merged = this.people.get(prior);
				if (merged != null && merged != survivor) {
					survivor.identifiers.addAll(merged.identifiers);
					survivor.visits.addAll(merged.visits);
				}
				survivor.identifiers.add(prior);
			}
			survivor.identifiers.forEach(identifier -> this.people.put(identifier, survivor));
			PatientId patient = theOnePatient(expected.identifiers().iterator().next(), mismatches);
			if (patient == null) {
				continue;
			}
			comparePatient(fhir.read().resource(Patient.class).withId(patient.toString()).execute(), expected,
					survivor.identifiers, mismatches);
			for (String identifier : survivor.identifiers) {
				List<PatientId> found = find(identifier);
				if (!found.equals(List.of(patient))) {
					mismatches.add("pair " + (pair + 1) + ": " + identifier + " finds " + found + ", not the survivor "
							+ patient);
				}
			}
			for (RecordKey visit : survivor.visits) {
				PatientId owner = this.encounters.findFromFeed(visit).map(FeedEncounter::patient).orElse(null);
				if (!patient.equals(owner)) {
					mismatches.add("pair " + (pair + 1) + ": visit " + visit.sourceId() + " belongs to " + owner
							+ ", not the survivor " + patient);
				}
			}
		}
		return mismatches;
	}

	/** A refused message left no patient behind that it would have created. */
	private List<String> nothingApplied(CorpusMessage message, SentMessage sent) {
		List<String> left = new ArrayList<>();
		for (int pid = 0; pid < sent.count("PID"); pid++) {
			for (String identifier : sent.identifiers("PID", pid, 3)) {
				if (!this.people.containsKey(identifier) && !find(identifier).isEmpty()) {
					left.add(message.name() + ": refused, yet " + identifier + " was created");
				}
			}
		}
		return left;
	}

	private Person person(Set<String> identifiers) {
		Person person = identifiers.stream()
			.map(this.people::get)
			.filter(Objects::nonNull)
			.findFirst()
			.orElseGet(Person::new);
		person.identifiers.addAll(identifiers);
		identifiers.forEach(identifier -> this.people.put(identifier, person));
		return person;
	}

	private PatientId theOnePatient(String identifier, List<String> mismatches) {
		List<PatientId> found = find(identifier);
		if (found.size() != 1) {
			mismatches.add(identifier + " finds " + found.size() + " patients");
			return null;
		}
		return found.get(0);
	}

	private List<PatientId> find(String identifier) {
		int bar = identifier.lastIndexOf('|');
		return this.patients.findByIdentifier(identifier.substring(0, bar), identifier.substring(bar + 1));
	}

	private static void comparePatient(Patient served, ExpectedPatient sent, Set<String> identifiers,
			List<String> mismatches) {
		Set<String> servedIdentifiers = served.getIdentifier()
			.stream()
			.map(i -> stored(i.getSystem()) + "|" + i.getValue())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		same(mismatches, "identifiers", identifiers, servedIdentifiers);
		HumanName name = served.getName().isEmpty() ? null : served.getNameFirstRep();
		same(mismatches, "family name", sent.family(), name == null ? null : name.getFamily());
		same(mismatches, "given names", sent.given(), name == null || name.getGiven().isEmpty() ? null
				: name.getGiven().stream().map(StringType::getValue).collect(Collectors.joining(" ")));
		same(mismatches, "birth date", sent.birthDate(),
				served.hasBirthDate() ? served.getBirthDateElement().getValueAsString() : null);
		same(mismatches, "gender", sent.gender(), served.hasGender() ? served.getGender().toCode() : null);
		same(mismatches, "phone", sent.phone(),
				served.getTelecom()
					.stream()
					.filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
					.map(ContactPoint::getValue)
					.findFirst()
					.orElse(null));
		same(mismatches, "deceased", sent.deceased(),
				served.hasDeceasedBooleanType() && served.getDeceasedBooleanType().booleanValue());
		same(mismatches, "addresses", sent.addresses(), served.getAddress().stream().map(a -> address(a)).toList());
	}

	private static ExpectedAddress address(Address a) {
		return new ExpectedAddress(a.hasUse() ? a.getUse().toCode() : null, a.hasType() ? a.getType().toCode() : null,
				a.getLine().stream().map(StringType::getValue).toList(), a.getCity(), a.getDistrict(), a.getState(),
				a.getPostalCode(), a.getCountry(),
				a.getPeriod().hasStart() ? a.getPeriod().getStartElement().getValueAsString() : null,
				a.getPeriod().hasEnd() ? a.getPeriod().getEndElement().getValueAsString() : null);
	}

	private static void compareEncounter(Encounter served, ExpectedEncounter sent, List<String> mismatches) {
		same(mismatches, "visit number", sent.visitNumber(), served.getIdentifierFirstRep().getValue());
		same(mismatches, "status", sent.status(), served.getStatus() == null ? null : served.getStatus().toCode());
		String classCode = served.getClass_().getCode();
		same(mismatches, "class", sent.classCode(), "UNK".equals(classCode) ? null : classCode);
		same(mismatches, "period start", sent.start(), instant(served.getPeriod().getStartElement()));
		same(mismatches, "period end", sent.end(), instant(served.getPeriod().getEndElement()));
		same(mismatches, "location", sent.location(),
				served.hasLocation() ? served.getLocationFirstRep().getLocation().getDisplay() : null);
		same(mismatches, "attending", sent.attending(),
				served.hasParticipant() ? served.getParticipantFirstRep().getIndividual().getDisplay() : null);
		same(mismatches, "admit source", sent.admitSource(), code(served.getHospitalization().getAdmitSource()));
		same(mismatches, "discharge disposition", sent.disposition(),
				code(served.getHospitalization().getDischargeDisposition()));
	}

	private static String code(CodeableConcept concept) {
		return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep().getCode();
	}

	/** The instant a served dateTime names, to the fraction of a second written. */
	private static Instant instant(BaseDateTimeType served) {
		if (served == null || served.getValueAsString() == null) {
			return null;
		}
		return OffsetDateTime.parse(served.getValueAsString()).toInstant();
	}

	private static String stored(String servedSystem) {
		if (servedSystem != null && servedSystem.startsWith(SERVED_SYSTEM)) {
			return URLDecoder.decode(servedSystem.substring(SERVED_SYSTEM.length()), StandardCharsets.UTF_8);
		}
		return servedSystem;
	}

	private static void same(List<String> mismatches, String field, Object sent, Object served) {
		if (!Objects.equals(sent, served)) {
			mismatches.add(field + ": sent " + sent + ", served " + served);
		}
	}

	private ZoneId zone() {
		return this.properties.timeZoneOr(this.clock.getZone());
	}

	private IGenericClient fhirClient() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + this.httpPort + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(
				this.tokens.issue("admin", "HL7 corpus tests", Duration.ofHours(1), Set.of(ApiScope.SYSTEM_READ))));
		return client;
	}

	/** Sends the bytes as they are, framed, and reads the ACK. */
	private static String exchange(Socket socket, byte[] message) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(MllpClient.START);
			out.write(message);
			out.write(MllpClient.END);
			out.flush();
			InputStream in = socket.getInputStream();
			String ack = MllpClient.readFrame(in);
			if (ack == null) {
				throw new IllegalStateException("The listener closed the connection without an ACK");
			}
			return ack;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** MSA-n of an ACK. */
	private static String ackField(String ack, int n) {
		for (String segment : ack.split("\r")) {
			if (segment.startsWith("MSA|")) {
				String[] fields = segment.split("\\|", -1);
				return n < fields.length ? fields[n] : null;
			}
		}
		throw new IllegalStateException("No MSA in " + ack);
	}

}
