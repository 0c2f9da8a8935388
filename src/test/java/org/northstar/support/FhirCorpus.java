package org.northstar.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the FHIR corpus under {@code src/test/resources/fhir/corpus}: synthetic files in
 * the shapes real exports take (many resource types, optional elements left out,
 * repetitions, escapes and scripts beyond Latin, partial dates and offsets, contained
 * resources, absolute and external references, decimals with trailing zeros, bundles of
 * every type, NDJSON, gzip, byte order marks, any key order), and files that must be
 * refused, listed with the reason in {@code expected-refusals.tsv}. Deterministic: the
 * same seed writes the same files.
 *
 * <p>
 * {@code FhirCorpusTests} imports the directory and compares what is served with what was
 * sent. Run {@code main} to write it again after changing a shape; files added by hand
 * are read the same way.
 */
public final class FhirCorpus {

	public static final Path DIRECTORY = Path.of("src/test/resources/fhir/corpus");

	/** File name, a tab, and words the refusal must contain. */
	public static final String REFUSALS = "expected-refusals.tsv";

	private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

	private static final String ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private static final String LOINC = "http://loinc.org";

	private static final String SNOMED = "http://snomed.info/sct";

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	private static final String MRN = "urn:oid:2.16.840.1.113883.19.5";

	private static final String NPI = "http://hl7.org/fhir/sid/us-npi";

	private static final String[][] NAMES = { { "Zoë", "Ørsted" }, { "José", "Peña" }, { "Thị Lan", "Nguyễn" },
			{ "Seán", "O'Brien" }, { "明", "李" }, { "فاطمة", "الزهراء" }, { "Ана", "Иванова" }, { "Kwame", "Mensah" },
			{ "Ngaio", "Te Rangi" }, { "Anne-Marie", "Saint-Exupéry" }, { "Björk", "Guðmundsdóttir" },
			{ "Priya", "Raghunathan" }, { "Ōta", "Hiroshi" }, { "Dvořák", "Antonín" }, { "Łucja", "Wróbel" },
			{ "Yaw", "Boateng" }, { "Mary \"Molly\"", "Quinn" }, { "Jean", "D'Arcy" } };

	private static final String[] OFFSETS = { "Z", "+00:00", "-05:00", "+05:30", "+09:00", "-08:00", "+14:00",
			"-03:30" };

	private final Random random;

	private final Path out;

	private final Map<String, String> refusals = new LinkedHashMap<>();

	private int files;

	private FhirCorpus(Path out, long seed) {
		this.out = out;
		this.random = new Random(seed);
	}

	public static void main(String[] args) throws IOException {
		Path out = args.length > 0 ? Path.of(args[0]) : DIRECTORY;
		Files.createDirectories(out);
		try (Stream<Path> old = Files.list(out)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		FhirCorpus corpus = new FhirCorpus(out, 11);
		corpus.writeAll();
		System.out.println("Wrote " + corpus.files + " files to " + out);
	}

	private void writeAll() throws IOException {
		writeShared();
		for (int p = 0; p < 36; p++) {
			writePatient(p);
		}
		writeSpecialShapes();
		writeRefusals();
		StringBuilder tsv = new StringBuilder("# file\twhat the refusal must say\n");
		this.refusals.forEach((file, reason) -> tsv.append(file).append('\t').append(reason).append('\n'));
		Files.writeString(this.out.resolve(REFUSALS), tsv.toString());
	}

	// ---------------------------------------------------------------- shared resources

	private void writeShared() throws IOException {
		List<ObjectNode> practitioners = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			practitioners.add(practitioner(i));
		}
		write("sharedInformation-practitioners.json", bundle("batch", practitioners, "POST", true));
		List<ObjectNode> places = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			places.add(organization(i));
			places.add(location(i));
		}
		write("sharedInformation-organizations.json", bundle("collection", places, null, false));
		List<ObjectNode> roles = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			roles.add(obj("resourceType", "PractitionerRole", "id", "role-" + i, "active", true, "practitioner",
					ref("Practitioner/prac-" + i), "organization", ref("Organization/org-" + (i % 3)), "code",
					arr(concept(SNOMED, "158965000", "Medical practitioner")), "specialty",
					arr(concept(SNOMED, i % 2 == 0 ? "394814009" : "419772000",
							i % 2 == 0 ? "General practice" : "Family practice")),
					"telecom", arr(obj("system", "phone", "value", "+1 617 555 01" + (10 + i), "use", "work"))));
		}
		write("sharedInformation-roles.ndjson", ndjson(roles));
		write("medication-catalog.json", bundle("collection",
				List.of(medication("med-metformin", "860975", "metformin hydrochloride 500 MG Oral Tablet", "500"),
						medication("med-lisinopril", "314076", "lisinopril 10 MG Oral Tablet", "10.0"),
						medication("med-insulin", "311041", "insulin glargine 100 UNT/ML", "100.00")),
				null, true));
	}

	private ObjectNode practitioner(int i) {
		String[] name = NAMES[(i * 5 + 3) % NAMES.length];
		ObjectNode p = obj("resourceType", "Practitioner", "id", "prac-" + i, "identifier",
				arr(obj("system", NPI, "value", String.valueOf(1_234_567_890L + i * 7))), "active", true, "name",
				arr(obj("use", "official", "family", name[1], "given", arr(name[0]), "prefix", arr("Dr."))), "gender",
				i % 2 == 0 ? "female" : "male");
		if (i % 3 == 0) {
			p.set("qualification",
					arr(obj("code", obj("coding",
							arr(coding("http://terminology.hl7.org/CodeSystem/v2-0360", "MD", "Doctor of Medicine")),
							"text", "MD"), "period", obj("start", "1998-06"))));
		}
		return p;
	}

	private ObjectNode organization(int i) {
		ObjectNode o = obj("resourceType", "Organization", "id", "org-" + i, "identifier",
				arr(obj("system", "urn:ietf:rfc:3986", "value", "urn:oid:2.16.840.1.113883.19." + (100 + i))), "active",
				true, "type",
				arr(concept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")),
				"name", new String[] { "Hôpital Saint-Éloi", "Riverside Community Health", "Kōwhai Clinic" }[i]);
		if (i != 1) {
			o.set("address", arr(obj("line", arr(i + "1 Main St", "Suite " + (100 + i)), "city", "Boston", "state",
					"MA", "postalCode", "0211" + i, "country", "US")));
		}
		return o;
	}

	private ObjectNode location(int i) {
		ObjectNode l = obj("resourceType", "Location", "id", "loc-" + i, "status", "active", "name",
				"Ward " + (char) ('A' + i), "mode", "instance", "managingOrganization", ref("Organization/org-" + i));
		// Coordinates keep every digit written, trailing zeros included.
		l.set("position", obj("longitude", dec(new String[] { "-71.0589000", "-71.06", "174.7633" }[i]), "latitude",
				dec(new String[] { "42.3601000", "42.35", "-36.8485" }[i])));
		return l;
	}

	private ObjectNode medication(String id, String code, String display, String strength) {
		return obj("resourceType", "Medication", "id", id, "code", concept(RXNORM, code, display), "status", "active",
				"ingredient",
				arr(obj("itemCodeableConcept", concept(RXNORM, code, display), "strength", obj("numerator",
						quantity(strength, "mg", "mg"), "denominator", quantity("1", "{tbl}", "{tbl}")))));
	}

	// ---------------------------------------------------------------- one patient's
	// files

	private void writePatient(int n) throws IOException {
		String pid = "pat-" + n;
		String[] name = NAMES[n % NAMES.length];
		ObjectNode patient = patient(n, pid, name);
		ObjectNode encounter = encounter(n, pid);
		List<ObjectNode> record = new ArrayList<>();
		record.add(patient);
		record.add(encounter);
		record.add(vitals(n, pid, encounter));
		record.add(lab(n, pid, encounter));
		record.add(condition(n, pid, encounter));
		record.add(medicationRequest(n, pid, encounter));
		if (n % 2 == 0) {
			record.add(allergy(n, pid));
		}
		if (n % 3 == 0) {
			record.add(immunization(n, pid, encounter));
		}
		String type = new String[] { "transaction", "batch", "collection" }[n % 3];
		write("patient-%02d-record.json".formatted(n),
				bundle(type, record, type.equals("collection") ? null : "PUT", n % 4 != 1));

		// More of the record, in other shapes.
		List<ObjectNode> more = new ArrayList<>();
		more.add(observationValue(n, pid, 0));
		more.add(observationValue(n, pid, 1));
		more.add(procedure(n, pid, encounter));
		if (n % 2 == 1) {
			more.add(carePlan(n, pid));
			more.add(careTeam(n, pid));
			more.add(goal(n, pid));
		}
		if (n % 4 == 0) {
			more.add(coverage(n, pid));
			more.add(claim(n, pid));
			more.add(explanationOfBenefit(n, pid));
		}
		if (n % 5 == 0) {
			more.add(diagnosticReport(n, pid, more.get(0), more.get(1)));
			more.add(documentReference(n, pid));
		}
		if (n % 6 == 2) {
			more.add(questionnaireResponse(n, pid));
			more.add(relatedPerson(n, pid));
		}
		if (n % 6 == 4) {
			more.add(serviceRequest(n, pid));
			more.add(specimen(n, pid));
			more.add(device(n, pid));
		}
		if (n % 3 == 0) {
			write("patient-%02d-more.ndjson".formatted(n), ndjson(more));
		}
		else if (n % 3 == 1) {
			write("patient-%02d-more.json.gz".formatted(n), gzip(text(bundle("collection", more, null, true), false)));
		}
		else {
			write("patient-%02d-more.json".formatted(n), bundle("transaction", more, "POST", true));
		}

		// A single resource per file, as a bulk export or an interface drops them.
		write("patient-%02d-observation.json".formatted(n), observationValue(n, pid, 2));
		write("patient-%02d-condition.json".formatted(n), minimalCondition(n, pid));
		if (n % 2 == 0) {
			write("patient-%02d-medication-statement.json".formatted(n), medicationStatement(n, pid));
		}
		else {
			write("patient-%02d-family-history.json".formatted(n), familyHistory(n, pid));
		}
	}

	private ObjectNode patient(int n, String id, String[] name) {
		ObjectNode p = obj("resourceType", "Patient", "id", id);
		if (n % 7 == 6) {
			// Only what R4 requires: nothing but the resource type. An id is there to
			// find it again.
			return p;
		}
		p.set("meta", obj("profile", arr("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient")));
		ArrayNode identifiers = arr(obj("use", "usual", "type",
				obj("coding",
						arr(coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number")),
						"text", "MRN"),
				"system", MRN, "value", "MRN-" + (10_000 + n)));
		if (n % 2 == 0) {
			identifiers.add(obj("system", "http://hl7.org/fhir/sid/us-ssn", "value", "999-00-" + (1000 + n)));
		}
		if (n % 5 == 0) {
			identifiers.add(obj("system", "urn:oid:2.16.840.1.113883.4.3.25", "value", "S" + (99_000_000 + n), "period",
					obj("start", "2015-03-01", "end", "2025-02-28")));
		}
		p.set("identifier", identifiers);
		p.put("active", n % 9 != 0);
		ArrayNode names = arr(obj("use", "official", "family", name[1], "given", givens(name[0])));
		if (n % 4 == 0) {
			names.add(obj("use", "maiden", "family", "Maiden" + n, "period", obj("end", "2001")));
		}
		if (n % 6 == 3) {
			names.add(obj("use", "nickname", "given", arr(name[0].substring(0, 1) + ".")));
		}
		if (n % 5 == 2) {
			names.add(obj("text", name[0] + " " + name[1]));
		}
		p.set("name", names);
		ArrayNode telecom = arr(obj("system", "phone", "value", "(555) 01" + (20 + n) + "-" + (1000 + n), "use",
				n % 2 == 0 ? "home" : "mobile", "rank", 1));
		if (n % 3 != 2) {
			telecom.add(obj("system", "email", "value", "patient" + n + "@example.org"));
		}
		p.set("telecom", telecom);
		p.put("gender", new String[] { "female", "male", "other", "unknown" }[n % 4]);
		String birthDate = switch (n % 5) {
			case 0 -> "1950";
			case 1 -> "1962-07";
			default -> "19%02d-%02d-%02d".formatted(40 + n, 1 + n % 12, 1 + n % 28);
		};
		p.put("birthDate", birthDate);
		if (n % 6 == 0 && birthDate.length() == 10) {
			p.set("_birthDate",
					obj("extension", arr(obj("url", "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
							"valueDateTime",
							birthDate + "T0" + (n % 10) + ":3" + (n % 6) + ":00" + OFFSETS[n % OFFSETS.length]))));
		}
		if (n % 8 == 7) {
			p.put("deceasedDateTime", "2023-11-0" + (1 + n % 9) + "T14:05:00" + OFFSETS[(n + 3) % OFFSETS.length]);
		}
		else if (n % 8 == 3) {
			p.put("deceasedBoolean", false);
		}
		if (n % 3 != 1) {
			p.set("address",
					arr(obj("use", "home", "line", arr(n + " Rue de l'Église", "Apt. " + n), "city",
							n % 2 == 0 ? "Montréal" : "Boston", "state", n % 2 == 0 ? "QC" : "MA", "postalCode",
							n % 2 == 0 ? "H2X 1Y4" : "02118", "country", n % 2 == 0 ? "CA" : "US", "period",
							obj("start", "2010-0" + (1 + n % 9)))));
		}
		p.set("maritalStatus", concept("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus",
				new String[] { "M", "S", "W", "D" }[n % 4], null));
		if (n % 4 == 2) {
			p.put("multipleBirthInteger", 2);
		}
		if (n % 2 == 1) {
			p.set("extension", arr(
					obj("url", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", "extension",
							arr(obj("url", "ombCategory", "valueCoding",
									coding("urn:oid:2.16.840.1.113883.6.238", "2106-3", "White")),
									obj("url", "text", "valueString", "White"))),
					obj("url", "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired", "valueBoolean",
							n % 4 == 1)));
		}
		if (n % 3 == 0) {
			p.set("communication",
					arr(obj("language", concept("urn:ietf:bcp:47",
							new String[] { "es", "vi", "zh" }[n % 3 == 0 ? (n / 3) % 3 : 0], null), "preferred",
							true)));
		}
		if (n % 4 == 1) {
			p.set("contact",
					arr(obj("relationship",
							arr(concept("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin")), "name",
							obj("family", name[1], "given", arr("Contact")), "telecom",
							arr(obj("system", "phone", "value", "555-0199")))));
		}
		p.set("generalPractitioner", arr(ref("Practitioner/prac-" + n % 6)));
		p.set("managingOrganization", ref("Organization/org-" + n % 3));
		return p;
	}

	private static ArrayNode givens(String given) {
		ArrayNode names = NODES.arrayNode();
		for (String part : given.split(" ")) {
			names.add(part);
		}
		return names;
	}

	private ObjectNode encounter(int n, String pid) {
		ObjectNode e = obj("resourceType", "Encounter", "id", pid + "-enc", "status", "finished", "class",
				coding(ACT, new String[] { "AMB", "IMP", "EMER" }[n % 3],
						new String[] { "ambulatory", "inpatient encounter", "emergency" }[n % 3]),
				"subject", ref("Patient/" + pid));
		if (n % 5 != 4) {
			e.set("type", arr(concept(SNOMED, "185349003", "Encounter for check up (procedure)")));
			e.set("participant", arr(obj("type", arr(
					concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer")),
					"individual", ref("Practitioner/prac-" + n % 6))));
			e.set("serviceProvider", ref("Organization/org-" + n % 3));
			e.set("location", arr(obj("location", ref("Location/loc-" + n % 3))));
		}
		e.set("period",
				obj("start",
						"2024-0" + (1 + n % 9) + "-1" + n % 10 + "T08:1" + n % 10 + ":00" + OFFSETS[n % OFFSETS.length],
						"end", "2024-0" + (1 + n % 9) + "-1" + n % 10 + "T09:45:30.5" + OFFSETS[n % OFFSETS.length]));
		if (n % 3 == 1) {
			e.set("hospitalization", obj("dischargeDisposition",
					concept("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", "Home")));
			e.set("reasonCode", arr(concept(SNOMED, "233604007", "Pneumonia")));
		}
		return e;
	}

	private ObjectNode vitals(int n, String pid, ObjectNode encounter) {
		ObjectNode o = observation(pid + "-bp", pid, "vital-signs", LOINC, "85354-9", "Blood pressure panel",
				encounter);
		o.put("effectiveDateTime",
				"2024-03-0" + (1 + n % 9) + "T10:1" + n % 10 + ":00" + OFFSETS[(n + 1) % OFFSETS.length]);
		o.set("component",
				arr(obj("code", concept(LOINC, "8480-6", "Systolic blood pressure"), "valueQuantity",
						ucum("1" + (10 + n) + ".0", "mm[Hg]")),
						obj("code", concept(LOINC, "8462-4", "Diastolic blood pressure"), "valueQuantity",
								ucum((70 + n % 20) + "", "mm[Hg]"))));
		return o;
	}

	private ObjectNode lab(int n, String pid, ObjectNode encounter) {
		ObjectNode o = observation(pid + "-creat", pid, "laboratory", LOINC, "2160-0",
				"Creatinine [Mass/volume] in Serum", encounter);
		o.put("effectiveDateTime", "2024-03-0" + (1 + n % 9) + "T07:00:00.123" + OFFSETS[(n + 2) % OFFSETS.length]);
		o.put("issued", "2024-03-0" + (1 + n % 9) + "T09:00:00.1234567Z");
		// Trailing zeros are significant in FHIR decimals.
		String value = new String[] { "0.40", "1.20", "0.9", "20.00", "1.0", "0.070" }[n % 6];
		ObjectNode quantity = ucum(value, "mg/dL");
		if (n % 6 == 5) {
			quantity.put("comparator", "<");
		}
		o.set("valueQuantity", quantity);
		o.set("referenceRange", arr(obj("low", ucum("0.50", "mg/dL"), "high", ucum("1.10", "mg/dL"))));
		o.set("interpretation", arr(concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
				n % 2 == 0 ? "L" : "N", null)));
		o.set("performer", arr(ref("Organization/org-" + n % 3)));
		return o;
	}

	private ObjectNode observation(String id, String pid, String category, String system, String code, String display,
			ObjectNode encounter) {
		ObjectNode o = obj("resourceType", "Observation", "id", id, "status", "final", "category",
				arr(concept("http://terminology.hl7.org/CodeSystem/observation-category", category, null)), "code",
				concept(system, code, display), "subject", ref("Patient/" + pid));
		if (encounter != null) {
			o.set("encounter", ref("Encounter/" + encounter.path("id").asText()));
		}
		return o;
	}

	private ObjectNode observationValue(int n, String pid, int k) {
		int shape = (n * 3 + k) % 12;
		ObjectNode o = observation(pid + "-obs-" + k, pid, shape < 6 ? "social-history" : "survey", LOINC,
				"7" + (1000 + shape) + "-" + k, "Observation shape " + shape, null);
		switch (shape) {
			case 0 -> o.put("valueString", "Line one\nLine two\twith a tab, a \"quote\", a back\\slash and é, ✓, 😀");
			case 1 -> o.set("valueCodeableConcept", concept(SNOMED, "449868002", "Smokes tobacco daily"));
			case 2 -> o.put("valueBoolean", n % 2 == 0);
			case 3 -> o.put("valueInteger", 2_147_483_647 - n);
			case 4 -> o.set("valueRange", obj("low", ucum("1.5", "h"), "high", ucum("3.50", "h")));
			case 5 -> o.set("valueRatio", obj("numerator", ucum("1", "{drink}"), "denominator", ucum("7.0", "d")));
			case 6 -> o.set("valueSampledData", obj("origin", ucum("0.00", "mV"), "period", dec("0.5"), "factor",
					dec("1.000"), "dimensions", 1, "data", "1.0 2.5 E U L 3.00"));
			case 7 -> o.set("valuePeriod", obj("start", "2023-01", "end", "2023-12-31"));
			case 8 -> o.put("valueTime", "23:59:59");
			case 9 -> o.put("valueDateTime", "2022");
			case 10 -> o.set("valueQuantity", obj("value", dec("1234567890123456789.0123456789"), "unit", "copies/mL",
					"system", "http://unitsofmeasure.org", "code", "{copies}/mL"));
			default -> {
				o.set("dataAbsentReason", concept("http://terminology.hl7.org/CodeSystem/data-absent-reason",
						"asked-declined", "Asked But Declined"));
				o.put("status", "cancelled");
			}
		}
		if (shape % 4 == 0) {
			o.put("effectiveDateTime", "2021-0" + (1 + n % 9));
		}
		else if (shape % 4 == 1) {
			o.set("effectivePeriod", obj("start", "2021-05-04T10:00:00" + OFFSETS[n % OFFSETS.length]));
		}
		if (shape % 5 == 0) {
			o.set("note", arr(obj("authorString", "Nurse «Ana»", "time", "2021-05-04T10:00:00Z", "text",
					"**Markdown** note — with an em dash and *emphasis*.")));
		}
		return o;
	}

	private ObjectNode condition(int n, String pid, ObjectNode encounter) {
		ObjectNode c = obj("resourceType", "Condition", "id", pid + "-cond", "clinicalStatus",
				concept("http://terminology.hl7.org/CodeSystem/condition-clinical", n % 4 == 3 ? "resolved" : "active",
						null),
				"verificationStatus",
				concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null), "category",
				arr(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item",
						"Problem List Item")),
				"code", concept(SNOMED, "44054006", "Diabetes mellitus type 2 (disorder)"), "subject",
				ref("Patient/" + pid), "encounter", ref("Encounter/" + encounter.path("id").asText()));
		switch (n % 4) {
			case 0 -> c.put("onsetDateTime", "2019");
			case 1 ->
				c.set("onsetAge", obj("value", 52, "unit", "a", "system", "http://unitsofmeasure.org", "code", "a"));
			case 2 -> c.put("onsetString", "early childhood");
			default -> {
				c.set("onsetPeriod", obj("start", "2018-04"));
				c.put("abatementDateTime", "2020-02-29");
			}
		}
		c.put("recordedDate", "2019-06-1" + n % 10 + "T12:00:00" + OFFSETS[n % OFFSETS.length]);
		c.set("recorder", ref("Practitioner/prac-" + n % 6));
		return c;
	}

	private ObjectNode minimalCondition(int n, String pid) {
		// Only what R4 requires (subject), plus a code without a system.
		ObjectNode c = obj("resourceType", "Condition", "id", pid + "-cond-min", "subject", ref("Patient/" + pid));
		if (n % 2 == 0) {
			c.set("code", obj("text", "Ongoing back pain"));
		}
		return c;
	}

	private ObjectNode medicationRequest(int n, String pid, ObjectNode encounter) {
		ObjectNode m = obj("resourceType", "MedicationRequest", "id", pid + "-medrx", "status", "active", "intent",
				"order", "subject", ref("Patient/" + pid), "encounter",
				ref("Encounter/" + encounter.path("id").asText()), "authoredOn", "2024-02-1" + n % 10);
		if (n % 3 == 0) {
			// A medication only this request knows: contained, referred to by #id.
			m.set("contained", arr(obj("resourceType", "Medication", "id", "med" + n, "code",
					concept(RXNORM, "197361", "amlodipine 5 MG Oral Tablet"))));
			m.set("medicationReference", obj("reference", "#med" + n, "display", "amlodipine"));
		}
		else if (n % 3 == 1) {
			m.set("medicationReference", ref("Medication/med-metformin"));
		}
		else {
			m.set("medicationCodeableConcept", concept(RXNORM, "314076", "lisinopril 10 MG Oral Tablet"));
		}
		m.set("requester", obj("reference", "Practitioner/prac-" + n % 6, "display",
				"Dr. " + NAMES[(n % 6 * 5 + 3) % NAMES.length][1]));
		ObjectNode dosage = obj("sequence", 1, "text", "Take ½ tablet by mouth twice daily", "timing",
				obj("repeat", obj("frequency", 2, "period", dec("1"), "periodUnit", "d")), "route",
				concept(SNOMED, "26643006", "Oral route"), "doseAndRate",
				arr(obj("doseQuantity", obj("value", dec("0.5"), "unit", "tablet"))));
		if (n % 2 == 0) {
			dosage.put("asNeededBoolean", false);
		}
		m.set("dosageInstruction", arr(dosage));
		m.set("dispenseRequest",
				obj("numberOfRepeatsAllowed", 3, "quantity", obj("value", dec("30.0"), "unit", "tablet"),
						"expectedSupplyDuration",
						obj("value", 30, "unit", "days", "system", "http://unitsofmeasure.org", "code", "d")));
		return m;
	}

	private ObjectNode medicationStatement(int n, String pid) {
		return obj("resourceType", "MedicationStatement", "id", pid + "-medstmt", "status", "active",
				"medicationCodeableConcept", concept(RXNORM, "311041", "insulin glargine 100 UNT/ML"), "subject",
				ref("Patient/" + pid), "effectivePeriod", obj("start", "2020-01"), "dateAsserted",
				"2024-01-02T03:04:05" + OFFSETS[n % OFFSETS.length], "dosage",
				arr(obj("text", "10 units at bedtime", "doseAndRate",
						arr(obj("doseQuantity", ucum("10.00", "U"), "rateQuantity", ucum("0.25", "U/h"))))));
	}

	private ObjectNode allergy(int n, String pid) {
		ObjectNode a = obj("resourceType", "AllergyIntolerance", "id", pid + "-allergy", "clinicalStatus",
				concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null),
				"verificationStatus",
				concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", null),
				"type", "allergy", "category", arr("medication"), "criticality", n % 4 == 0 ? "high" : "low", "code",
				concept(RXNORM, "7980", "Penicillin G"), "patient", ref("Patient/" + pid), "onsetString", "as a child",
				"recordedDate", "2015-0" + (1 + n % 9));
		if (n % 4 == 0) {
			a.set("reaction",
					arr(obj("manifestation",
							arr(concept(SNOMED, "247472004", "Hives"), concept(SNOMED, "39579001", "Anaphylaxis")),
							"severity", "severe")));
		}
		return a;
	}

	private ObjectNode immunization(int n, String pid, ObjectNode encounter) {
		ObjectNode i = obj("resourceType", "Immunization", "id", pid + "-imm", "status", "completed", "vaccineCode",
				concept("http://hl7.org/fhir/sid/cvx", "140", "Influenza, seasonal, injectable, preservative free"),
				"patient", ref("Patient/" + pid), "encounter", ref("Encounter/" + encounter.path("id").asText()),
				"primarySource", true, "lotNumber", "LOT-" + n + "/A");
		if (n % 2 == 0) {
			i.put("occurrenceDateTime", "2023-10-1" + n % 10 + "T11:20:00" + OFFSETS[n % OFFSETS.length]);
		}
		else {
			i.put("occurrenceString", "Autumn 2023");
		}
		i.set("doseQuantity", ucum("0.50", "mL"));
		return i;
	}

	private ObjectNode procedure(int n, String pid, ObjectNode encounter) {
		ObjectNode p = obj("resourceType", "Procedure", "id", pid + "-proc", "status", "completed", "code",
				concept(SNOMED, "73761001", "Colonoscopy"), "subject", ref("Patient/" + pid));
		if (n % 2 == 0) {
			p.set("encounter", ref("Encounter/" + encounter.path("id").asText()));
			p.set("performedPeriod", obj("start", "2024-01-0" + (1 + n % 9) + "T09:00:00-05:00", "end",
					"2024-01-0" + (1 + n % 9) + "T09:40:00-05:00"));
			p.set("reasonReference", arr(ref("Condition/" + pid + "-cond")));
			p.set("bodySite", arr(concept(SNOMED, "71854001", "Colon structure")));
		}
		else {
			p.put("performedDateTime", "2010");
		}
		return p;
	}

	private ObjectNode carePlan(int n, String pid) {
		return obj("resourceType", "CarePlan", "id", pid + "-careplan", "status", "active", "intent", "plan",
				"category",
				arr(concept("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan", null)), "title",
				"Diabetes self-management", "subject", ref("Patient/" + pid), "period", obj("start", "2024-01"),
				"careTeam", arr(ref("CareTeam/" + pid + "-careteam")), "goal", arr(ref("Goal/" + pid + "-goal")),
				"activity",
				arr(obj("detail",
						obj("kind", "ServiceRequest", "code", concept(SNOMED, "229065009", "Exercise therapy"),
								"status", "in-progress", "scheduledString", "three times a week"))),
				"text", obj("status", "generated", "div",
						"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Walk <b>30 min</b> a day &amp; log glucose.</p></div>"));
	}

	private ObjectNode careTeam(int n, String pid) {
		return obj("resourceType", "CareTeam", "id", pid + "-careteam", "status", "active", "name", "Team " + n,
				"subject", ref("Patient/" + pid), "participant",
				arr(obj("role", arr(concept(SNOMED, "446050000", "Primary care physician")), "member",
						ref("Practitioner/prac-" + n % 6)),
						obj("role", arr(concept(SNOMED, "116154003", "Patient")), "member", ref("Patient/" + pid))));
	}

	private ObjectNode goal(int n, String pid) {
		return obj("resourceType", "Goal", "id", pid + "-goal", "lifecycleStatus", "active", "description",
				obj("text", "HbA1c below 7.0 %"), "subject", ref("Patient/" + pid), "target",
				arr(obj("measure", concept(LOINC, "4548-4", "Hemoglobin A1c"), "detailQuantity", ucum("7.0", "%"),
						"dueDate", "2025-06-30")));
	}

	private ObjectNode coverage(int n, String pid) {
		// The payer is another server's resource: an absolute reference, kept as sent.
		return obj("resourceType", "Coverage", "id", pid + "-coverage", "status", "active", "type",
				concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", "health insurance plan policy"),
				"subscriberId", "SUB-" + n, "beneficiary", ref("Patient/" + pid), "relationship",
				concept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null), "period",
				obj("start", "2024-01-01"), "payor",
				arr(obj("reference", "http://benefitsinc.example.com/FHIR/Organization/CBI" + n, "display",
						"Benefits Inc.")),
				"class", arr(obj("type", concept("http://terminology.hl7.org/CodeSystem/coverage-class", "group", null),
						"value", "GRP-00" + n, "name", "Acme & Sons")));
	}

	private ObjectNode claim(int n, String pid) {
		return obj("resourceType", "Claim", "id", pid + "-claim", "status", "active", "type",
				concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null), "use", "claim",
				"patient", ref("Patient/" + pid), "created", "2024-02-01", "provider", ref("Organization/org-" + n % 3),
				"priority", concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null),
				"insurance", arr(obj("sequence", 1, "focal", true, "coverage", ref("Coverage/" + pid + "-coverage"))),
				"item",
				arr(obj("sequence", 1, "productOrService", concept("http://www.ama-assn.org/go/cpt", "99213", null),
						"unitPrice", money("125.50"), "quantity", obj("value", dec("1.0")), "net", money("125.50"))),
				"total", money("125.50"));
	}

	private ObjectNode explanationOfBenefit(int n, String pid) {
		return obj("resourceType", "ExplanationOfBenefit", "id", pid + "-eob", "status", "active", "type",
				concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null), "use", "claim",
				"patient", ref("Patient/" + pid), "created", "2024-02-03T00:00:00Z", "insurer",
				obj("display", "Benefits Inc."), "provider", ref("Organization/org-" + n % 3), "claim",
				ref("Claim/" + pid + "-claim"), "outcome", "complete", "insurance",
				arr(obj("focal", true, "coverage", ref("Coverage/" + pid + "-coverage"))), "total",
				arr(obj("category", concept("http://terminology.hl7.org/CodeSystem/adjudication", "submitted", null),
						"amount", money("125.50")),
						obj("category", concept("http://terminology.hl7.org/CodeSystem/adjudication", "benefit", null),
								"amount", money("100.40"))),
				"payment", obj("amount", money("100.40"), "date", "2024-03"));
	}

	private ObjectNode diagnosticReport(int n, String pid, ObjectNode first, ObjectNode second) {
		return obj("resourceType", "DiagnosticReport", "id", pid + "-report", "status", "final", "code",
				concept(LOINC, "24323-8", "Comprehensive metabolic 2000 panel"), "subject", ref("Patient/" + pid),
				"effectiveDateTime", "2024-03-05T07:00:00+01:00", "issued", "2024-03-05T12:00:00.000+01:00", "result",
				arr(ref("Observation/" + first.path("id").asText()), ref("Observation/" + second.path("id").asText())),
				"conclusion", "Within normal limits.", "presentedForm",
				arr(obj("contentType", "text/plain; charset=utf-8", "language", "en", "data",
						"UmVzdWx0czogd2l0aGluIG5vcm1hbCBsaW1pdHMu", "title", "Report")));
	}

	private ObjectNode documentReference(int n, String pid) {
		return obj("resourceType", "DocumentReference", "id", pid + "-doc", "status", "current", "type",
				concept(LOINC, "34133-9", "Summary of episode note"), "subject", ref("Patient/" + pid), "date",
				"2024-03-05T12:00:00.5-07:00", "author", arr(ref("Practitioner/prac-" + n % 6)), "content",
				arr(obj("attachment",
						obj("contentType", "application/pdf", "url",
								"https://docs.example.org/notes/" + n + "?v=1&fmt=pdf", "size", 1024 + n, "hash",
								"2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "title", "Note «" + n + "»"))));
	}

	private ObjectNode questionnaireResponse(int n, String pid) {
		return obj("resourceType", "QuestionnaireResponse", "id", pid + "-qr", "questionnaire",
				"http://example.org/Questionnaire/phq-2|1.0", "status", "completed", "subject", ref("Patient/" + pid),
				"authored", "2024-04-01T09:00:00+02:00", "item",
				arr(obj("linkId", "1", "text", "Little interest or pleasure?", "answer",
						arr(obj("valueCoding", coding("http://loinc.org", "LA6568-5", "Not at all")))),
						obj("linkId", "2", "text", "Weight (kg)", "answer", arr(obj("valueDecimal", dec("72.50")))),
						obj("linkId", "3", "text", "Group", "item", arr(obj("linkId", "3.1", "answer",
								arr(obj("valueDate", "2024-03"), obj("valueString", "née Dupont")))))));
	}

	private ObjectNode relatedPerson(int n, String pid) {
		return obj("resourceType", "RelatedPerson", "id", pid + "-related", "patient", ref("Patient/" + pid),
				"relationship", arr(concept("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "DAU", "daughter")),
				"name", arr(obj("family", "Lopez", "given", arr("María", "José"))), "telecom",
				arr(obj("system", "phone", "value", "+34 600 000 00" + n % 10)));
	}

	private ObjectNode serviceRequest(int n, String pid) {
		return obj("resourceType", "ServiceRequest", "id", pid + "-sr", "status", "active", "intent", "order", "code",
				concept(SNOMED, "306206005", "Referral to service"), "subject", ref("Patient/" + pid), "authoredOn",
				"2024-05-06", "requester", ref("Practitioner/prac-" + n % 6), "performer",
				arr(obj("reference", "https://other-hospital.example.net/fhir/Organization/77", "display",
						"Other Hospital")),
				"occurrenceTiming", obj("repeat", obj("boundsPeriod", obj("start", "2024-06"), "count", 3)));
	}

	private ObjectNode specimen(int n, String pid) {
		return obj("resourceType", "Specimen", "id", pid + "-specimen", "status", "available", "type",
				concept("http://terminology.hl7.org/CodeSystem/v2-0487", "BLD", "Whole blood"), "subject",
				ref("Patient/" + pid), "receivedTime", "2024-03-05T07:30:00.000000001Z", "collection",
				obj("collectedDateTime", "2024-03-05T07:05:00+01:00", "quantity", ucum("5.0", "mL")));
	}

	private ObjectNode device(int n, String pid) {
		return obj("resourceType", "Device", "id", pid + "-device", "udiCarrier",
				arr(obj("deviceIdentifier", "09504000059118", "carrierHRF",
						"(01)09504000059118(17)141120(10)7654321D(21)10987654d321")),
				"status", "active", "type", concept(SNOMED, "468063009", "Coated femoral stem prosthesis"), "patient",
				ref("Patient/" + pid));
	}

	private ObjectNode familyHistory(int n, String pid) {
		return obj("resourceType", "FamilyMemberHistory", "id", pid + "-fmh", "status", "completed", "patient",
				ref("Patient/" + pid), "relationship",
				concept("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "FTH", "father"), "ageAge",
				obj("value", 61, "unit", "a", "system", "http://unitsofmeasure.org", "code", "a"), "condition",
				arr(obj("code", concept(SNOMED, "22298006", "Myocardial infarction"), "onsetString",
						"in his fifties")));
	}

	// ---------------------------------------------------------------- other shapes

	private void writeSpecialShapes() throws IOException {
		String pid = "pat-0";
		// A document: a Composition first, every entry with an absolute fullUrl, and
		// absolute references that name those fullUrls.
		String base = "http://records.example.org/fhir/";
		ObjectNode composition = obj("resourceType", "Composition", "id", "doc-comp", "status", "final", "type",
				concept(LOINC, "60591-5", "Patient summary Document"), "subject", ref(base + "Patient/doc-pat"), "date",
				"2024-06-01T10:00:00+02:00", "author", arr(ref(base + "Practitioner/doc-prac")), "title",
				"Résumé du patient", "section",
				arr(obj("title", "Problèmes", "code", concept(LOINC, "11450-4", "Problem list"), "text",
						obj("status", "generated", "div",
								"<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul><li>Asthme</li></ul></div>"),
						"entry", arr(ref(base + "Condition/doc-cond")))));
		ObjectNode docPatient = obj("resourceType", "Patient", "id", "doc-pat", "name",
				arr(obj("family", "Lefèvre", "given", arr("Amélie"))), "birthDate", "1985-02");
		ObjectNode docPrac = obj("resourceType", "Practitioner", "id", "doc-prac", "name",
				arr(obj("family", "Moreau", "given", arr("Luc"))));
		ObjectNode docCond = obj("resourceType", "Condition", "id", "doc-cond", "code",
				concept(SNOMED, "195967001", "Asthma"), "subject", ref(base + "Patient/doc-pat"));
		ObjectNode document = obj("resourceType", "Bundle", "id", "doc-1", "identifier",
				obj("system", "urn:ietf:rfc:3986", "value", "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0"), "type",
				"document", "timestamp", "2024-06-01T10:00:00+02:00");
		ArrayNode docEntries = document.putArray("entry");
		for (ObjectNode r : List.of(composition, docPatient, docPrac, docCond)) {
			docEntries.add(obj("fullUrl", base + r.path("resourceType").asText() + "/" + r.path("id").asText(),
					"resource", r));
		}
		write("document-bundle.json", document);

		// A message: MessageHeader first.
		ObjectNode header = obj("resourceType", "MessageHeader", "id", "msg-header", "eventCoding",
				coding("http://example.org/fhir/message-events", "patient-link", null), "source",
				obj("name", "Acme EHR", "endpoint", "https://acme.example.org/fhir"), "focus",
				arr(ref("urn:uuid:7b5bf8f3-6e0d-4c13-9d36-0e4b2a0b8f11")));
		ObjectNode msgPatient = obj("resourceType", "Patient", "id", "msg-pat", "name",
				arr(obj("family", "Kowalski", "given", arr("Jan"))));
		write("message-bundle.json",
				obj("resourceType", "Bundle", "type", "message", "timestamp", "2024-06-02T08:00:00Z", "entry", arr(
						obj("fullUrl", "urn:uuid:4f2b6a41-2d2a-4f0d-9c8e-65f0a1c1d001", "resource", header),
						obj("fullUrl", "urn:uuid:7b5bf8f3-6e0d-4c13-9d36-0e4b2a0b8f11", "resource", msgPatient))));

		// A search result saved to a file: entries carry search.mode and score.
		ObjectNode searchset = obj("resourceType", "Bundle", "type", "searchset", "total", 2, "entry", arr(
				obj("fullUrl", "https://ehr.example.org/fhir/Observation/ss-obs-1", "resource",
						observation("ss-obs-1", pid, "laboratory", LOINC, "718-7", "Hemoglobin", null)
							.set("valueQuantity", ucum("13.50", "g/dL")),
						"search", obj("mode", "match", "score", dec("1.0"))),
				obj("fullUrl", "https://ehr.example.org/fhir/Observation/ss-obs-2", "resource",
						observation("ss-obs-2", pid, "laboratory", LOINC, "4544-3", "Hematocrit", null)
							.set("valueQuantity", ucum("40.0", "%")),
						"search", obj("mode", "match", "score", dec("0.50")))));
		write("searchset-bundle.json", searchset);

		// urn:uuid fullUrls without ids: the fullUrl names the record.
		ObjectNode uuidPatient = obj("resourceType", "Patient", "name", arr(obj("family", "Sørensen")));
		ObjectNode uuidObs = obj("resourceType", "Observation", "status", "final", "code",
				concept(LOINC, "29463-7", "Body weight"), "subject",
				ref("urn:uuid:2b1e8d0c-5a7e-4b7c-9f43-8b1f0c3d9e01"), "valueQuantity", ucum("80.250", "kg"));
		write("urn-uuid-bundle.json",
				obj("resourceType", "Bundle", "type", "transaction", "entry",
						arr(obj("fullUrl", "urn:uuid:2b1e8d0c-5a7e-4b7c-9f43-8b1f0c3d9e01", "resource", uuidPatient,
								"request", obj("method", "POST", "url", "Patient")),
								obj("fullUrl", "urn:uuid:6f3c1a2e-1b9d-4c8e-8f7a-2d4e6b8a0c13", "resource", uuidObs,
										"request", obj("method", "POST", "url", "Observation")))));

		// Two versions of one resource in one bundle: the last one counts.
		ObjectNode v1 = obj("resourceType", "Observation", "id", "versioned-obs", "meta",
				obj("versionId", "1", "lastUpdated", "2024-01-01T00:00:00Z"), "status", "preliminary", "code",
				concept(LOINC, "2339-0", "Glucose"), "subject", ref("Patient/" + pid), "valueQuantity",
				ucum("5.5", "mmol/L"));
		ObjectNode v2 = v1.deepCopy();
		v2.set("meta", obj("versionId", "2", "lastUpdated", "2024-01-02T00:00:00Z"));
		v2.put("status", "final");
		v2.set("valueQuantity", ucum("5.50", "mmol/L"));
		write("versions-bundle.json", bundle("collection", List.of(v1, v2), null, false));

		// Versioned, conditional, identifier-only and display-only references.
		ObjectNode references = obj("resourceType", "Observation", "id", "ref-kinds-obs", "status", "final", "code",
				concept(LOINC, "8302-2", "Body height"), "subject", ref("Patient/" + pid + "/_history/3"), "performer",
				arr(ref("Practitioner?identifier=" + NPI + "|1234567890"),
						obj("identifier", obj("system", NPI, "value", "9999999999"), "display", "Dr. Nobody"),
						obj("display", "A locum"), ref("Practitioner/prac-1")),
				"valueQuantity", ucum("172.0", "cm"));
		write("reference-kinds.json", references);

		// A transaction whose Binary carries a document, and an extension on a primitive
		// in an array (null holds the place of the item without a value).
		ObjectNode binary = obj("resourceType", "Binary", "id", "bin-1", "contentType", "text/plain", "data",
				"SGVsbG8sIOS4lueVjCE=");
		ArrayNode given = NODES.arrayNode().add("Åsa").addNull();
		ArrayNode givenExtensions = NODES.arrayNode().addNull();
		givenExtensions.add(obj("extension",
				arr(obj("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode", "unknown"))));
		ObjectNode withNulls = obj("resourceType", "Patient", "id", "nulls-pat", "name",
				arr(obj("family", "Hallström", "given", given, "_given", givenExtensions)), "gender", "female",
				"_gender", obj("extension", arr(obj("url", "http://example.org/fhir/StructureDefinition/gender-source",
						"valueString", "self-reported"))));
		write("primitive-extensions.json", bundle("transaction", List.of(binary, withNulls), "PUT", true));

		// A List, a Provenance, an Appointment, a Consent, a Communication, a Flag and a
		// RiskAssessment with a decimal probability.
		List<ObjectNode> assorted = new ArrayList<>();
		assorted.add(obj("resourceType", "List", "id", "list-1", "status", "current", "mode", "working", "title",
				"Follow-up", "subject", ref("Patient/" + pid), "entry",
				arr(obj("item", ref("Condition/" + pid + "-cond")), obj("item", ref("Observation/" + pid + "-creat"),
						"flag", concept("http://terminology.hl7.org/CodeSystem/list-item-flag", "01", null)))));
		assorted.add(obj("resourceType", "Provenance", "id", "prov-1", "target",
				arr(ref("Observation/" + pid + "-creat"), ref("Condition/" + pid + "-cond")), "recorded",
				"2024-03-05T12:00:00.123456+05:30", "agent",
				arr(obj("type",
						concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", null),
						"who", ref("Practitioner/prac-2")))));
		assorted.add(obj("resourceType", "Appointment", "id", "appt-1", "status", "booked", "start",
				"2024-07-01T09:00:00-04:00", "end", "2024-07-01T09:30:00-04:00", "minutesDuration", 30, "participant",
				arr(obj("actor", ref("Patient/" + pid), "status", "accepted"),
						obj("actor", ref("Practitioner/prac-0"), "required", "required", "status", "accepted"),
						obj("actor", ref("Location/loc-0"), "status", "tentative"))));
		assorted.add(obj("resourceType", "Consent", "id", "consent-1", "status", "active", "scope",
				concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null), "category",
				arr(concept(LOINC, "59284-0", "Patient Consent")), "patient", ref("Patient/" + pid), "dateTime",
				"2024-01-15", "policyRule",
				concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", null)));
		assorted.add(obj("resourceType", "Communication", "id", "comm-1", "status", "completed", "subject",
				ref("Patient/" + pid), "sent", "2024-02-02T10:00:00Z", "payload",
				arr(obj("contentString", "Rappel : rendez-vous le 1er juillet à 9 h 00.\r\nMerci !"))));
		assorted.add(obj("resourceType", "Flag", "id", "flag-1", "status", "active", "code",
				obj("text", "Needs an interpreter (Tiếng Việt)"), "subject", ref("Patient/" + pid)));
		assorted.add(obj("resourceType", "RiskAssessment", "id", "risk-1", "status", "final", "subject",
				ref("Patient/" + pid), "prediction",
				arr(obj("outcome", obj("text", "Readmission within 30 days"), "probabilityDecimal", dec("0.250"),
						"whenRange", obj("high", obj("value", 30, "unit", "days", "system", "http://unitsofmeasure.org",
								"code", "d"))))));
		assorted.add(obj("resourceType", "Schedule", "id", "sched-1", "active", true, "actor",
				arr(ref("Practitioner/prac-0")), "planningHorizon",
				obj("start", "2024-07-01T00:00:00Z", "end", "2024-07-31T23:59:59Z")));
		assorted.add(obj("resourceType", "Slot", "id", "slot-1", "schedule", ref("Schedule/sched-1"), "status", "free",
				"start", "2024-07-02T09:00:00Z", "end", "2024-07-02T09:15:00Z"));
		assorted.add(obj("resourceType", "NutritionOrder", "id", "nutrition-1", "status", "active", "intent", "order",
				"patient", ref("Patient/" + pid), "dateTime", "2024-05", "oralDiet",
				obj("type", arr(concept(SNOMED, "160670007", "Diabetic diet")), "nutrient", arr(
						obj("modifier", concept(SNOMED, "2331003", "Carbohydrate"), "amount", ucum("75.0", "g"))))));
		write("assorted-bundle.json", bundle("batch", assorted, "PUT", true));

		// The same shapes, written the ways real files differ.
		ObjectNode shuffled = practitioner(7);
		write("key-order-resource-type-last.json", shuffleKeys(shuffled, true));
		write("key-order-entries-first.json", shuffleKeys(bundle("collection", List
			.of(obj("resourceType", "Practitioner", "id", "prac-8", "name", arr(obj("family", "Entries-First")))), null,
				true), true));
		write("key-order-type-before-id.json",
				obj("resourceType", "Coverage", "type",
						concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EHCPOL", "extended healthcare"),
						"id", "cov-type-first", "status", "active", "beneficiary", ref("Patient/" + pid), "payor",
						arr(obj("display", "Self-pay"))));
		write("loose-list.json",
				obj("entry", arr(obj("item", ref("Patient/" + pid)), obj("item", ref("Patient/pat-1"))), "resourceType",
						"List", "id", "loose-list", "status", "current", "mode", "snapshot", "title",
						"Patients to call"));
		writeBytes("byte-order-mark.json",
				withMark(text(obj("resourceType", "Organization", "id", "org-bom", "name", "Clinique du Lac"), true)));
		writeBytes("crlf-pretty.json",
				text(obj("resourceType", "Organization", "id", "org-crlf", "name", "Windows Health", "alias",
						arr("WH", "Win Health")), true)
					.replace("\n", "\r\n")
					.getBytes(StandardCharsets.UTF_8));
		writeBytes("escaped-non-ascii.json",
				escapedNonAscii(obj("resourceType", "Practitioner", "id", "prac-escaped", "name",
						arr(obj("family", "Ñúñez-Ωmega", "given", arr("Zoë", "李"))), "address",
						arr(obj("text", "Straße 1 / 東京 / \"quoted\"")))));
		writeBytes("escaped-solidus.json",
				text(obj("resourceType", "Organization", "id", "org-solidus", "name", "Slash & Co", "telecom",
						arr(obj("system", "url", "value", "https://slash.example.org/a/b"))), false)
					.replace("https://slash.example.org/a/b", "https:\\/\\/slash.example.org\\/a\\/b")
					.getBytes(StandardCharsets.UTF_8));
		ObjectNode minified = obj("resourceType", "Bundle", "type", "collection", "entry", NODES.arrayNode());
		for (int i = 0; i < 40; i++) {
			((ArrayNode) minified.get("entry"))
				.add(obj("fullUrl", "urn:uuid:00000000-0000-4000-8000-0000000000" + (10 + i), "resource",
						obj("resourceType", "Observation", "id", "many-" + i, "status", "final", "code",
								concept(LOINC, "8867-4", "Heart rate"), "subject", ref("Patient/pat-" + i % 36),
								"effectiveDateTime", "2024-08-" + (10 + i % 20) + "T0" + i % 10 + ":00:00Z",
								"valueQuantity", ucum(60 + i + "." + i % 10, "/min"))));
		}
		write("many-entries.json", minified);
	}

	// ---------------------------------------------------------------- refusals

	private void writeRefusals() throws IOException {
		refuse("refused-invalid-code.json",
				patientBundle("{\"resourceType\":\"Patient\",\"id\":\"bad-1\",\"telecom\":"
						+ "[{\"system\":\"phone\",\"value\":\"555\",\"use\":\"HOME\"}]}"),
				"entry 0 (urn:uuid:bad-1): Patient.telecom[0].use 'HOME' is not valid: Unknown ContactPointUse code 'HOME'");
		refuse("refused-invalid-gender.json", "{\"resourceType\":\"Patient\",\"id\":\"bad-2\",\"gender\":\"F\"}",
				"Patient.gender 'F' is not valid");
		refuse("refused-stu3-element.json",
				"{\"resourceType\":\"MedicationRequest\",\"id\":\"bad-3\",\"status\":"
						+ "\"active\",\"intent\":\"order\",\"medicationCodeableConcept\":{\"text\":\"x\"},\"subject\":"
						+ "{\"reference\":\"Patient/pat-0\"},\"context\":{\"reference\":\"Encounter/pat-0-enc\"}}",
				"MedicationRequest.context is not an element R4 defines here");
		refuse("refused-decimal-as-string.json",
				"{\"resourceType\":\"Observation\",\"id\":\"bad-4\",\"status\":"
						+ "\"final\",\"code\":{\"text\":\"x\"},\"valueQuantity\":{\"value\":\"0.40\"}}",
				"Observation.valueQuantity.value should be a number but is a string");
		refuse("refused-empty-string.json",
				"{\"resourceType\":\"Patient\",\"id\":\"bad-5\",\"name\":[{\"family\":\"\"}]}",
				"Patient.name[0].family is an empty string");
		refuse("refused-null.json", "{\"resourceType\":\"Patient\",\"id\":\"bad-6\",\"birthDate\":null}",
				"Patient.birthDate is null");
		refuse("refused-empty-array.json", "{\"resourceType\":\"Patient\",\"id\":\"bad-7\",\"name\":[]}",
				"Patient.name is an empty array");
		refuse("refused-control-character.json",
				"{\"resourceType\":\"Patient\",\"id\":\"bad-8\",\"name\":[{\"family\":\"Nul\\u0000l\"}]}",
				"Patient.name[0].family contains the control character U+0000");
		refuse("refused-invalid-date.json",
				"{\"resourceType\":\"Patient\",\"id\":\"bad-9\",\"birthDate\":\"1970-02-30\"}",
				"Patient.birthDate '1970-02-30' is not valid");
		refuse("refused-contained-without-id.json", "{\"resourceType\":\"MedicationRequest\",\"id\":\"bad-10\","
				+ "\"contained\":[{\"resourceType\":\"Medication\",\"code\":{\"text\":\"x\"}}],\"status\":\"active\","
				+ "\"intent\":\"order\",\"medicationReference\":{\"reference\":\"#m\"},\"subject\":{\"reference\":"
				+ "\"Patient/pat-0\"}}", "holds a resource without an id");
		refuse("refused-unknown-type.json", "{\"resourceType\":\"Spaceship\",\"id\":\"bad-11\"}",
				"'Spaceship' is not an R4 resource type");
		refuse("refused-dangling-urn.json", patientBundle("{\"resourceType\":\"Observation\",\"id\":\"bad-12\","
				+ "\"status\":\"final\",\"code\":{\"text\":\"x\"},\"subject\":{\"reference\":\"urn:uuid:nobody\"}}"),
				"subject refers to urn:uuid:nobody, which is not in this bundle");
		refuse("refused-patch-entry.json",
				"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
						+ "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":[{\"name\":\"type\","
						+ "\"valueCode\":\"delete\"},{\"name\":\"path\",\"valueString\":\"Patient.telecom\"}]}]},\"request\":"
						+ "{\"method\":\"PATCH\",\"url\":\"Patient/pat-0\"}}]}",
				"is a PATCH of Patient/pat-0 (FHIRPath Patch)");
		refuse("refused-delete-entry.json",
				"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":"
						+ "{\"method\":\"DELETE\",\"url\":\"Patient/pat-0\"}}]}",
				"is a DELETE of Patient/pat-0");
		refuse("refused-syntax.json", "{\"resourceType\":\"Patient\",\"id\":\"bad-15\",}", "invalid JSON at line 1");
		refuse("refused-not-an-object.json", "[{\"resourceType\":\"Patient\"}]", "expected a FHIR resource or Bundle");
		refuse("refused-wrong-put-id.json",
				"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
						+ "{\"resourceType\":\"Patient\",\"id\":\"bad-17\"},\"request\":{\"method\":\"PUT\",\"url\":\"Patient/other\"}}]}",
				"names id other, but the resource's id is bad-17");
		refuse("refused-unknown-choice.json",
				"{\"resourceType\":\"Observation\",\"id\":\"bad-18\",\"status\":\"final\","
						+ "\"code\":{\"text\":\"x\"},\"valueMoney\":{\"value\":1}}",
				"Observation.valueMoney is not an element R4 defines here");
	}

	private static String patientBundle(String resource) {
		String id = resource.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"fullUrl\":\"urn:uuid:" + id
				+ "\",\"resource\":" + resource + "}]}";
	}

	private void refuse(String file, String json, String reason) throws IOException {
		writeBytes(file, json.getBytes(StandardCharsets.UTF_8));
		this.refusals.put(file, reason);
	}

	// ---------------------------------------------------------------- writing

	private ObjectNode bundle(String type, List<ObjectNode> resources, String method, boolean uuidFullUrls) {
		ObjectNode bundle = obj("resourceType", "Bundle", "type", type);
		ArrayNode entries = bundle.putArray("entry");
		for (ObjectNode resource : resources) {
			String resourceType = resource.path("resourceType").asText();
			String id = resource.path("id").asText();
			ObjectNode entry = entries.addObject();
			entry.put("fullUrl",
					uuidFullUrls
							? "urn:uuid:" + java.util.UUID
								.nameUUIDFromBytes((resourceType + "/" + id).getBytes(StandardCharsets.UTF_8))
							: "http://example.org/fhir/" + resourceType + "/" + id);
			entry.set("resource", resource);
			if (method != null) {
				entry.set("request",
						obj("method", method, "url", "PUT".equals(method) ? resourceType + "/" + id : resourceType));
			}
		}
		return bundle;
	}

	private void write(String name, ObjectNode json) throws IOException {
		boolean pretty = this.random.nextInt(3) > 0;
		writeBytes(name, text(json, pretty).getBytes(StandardCharsets.UTF_8));
	}

	private void write(String name, byte[] bytes) throws IOException {
		writeBytes(name, bytes);
	}

	private void writeBytes(String name, byte[] bytes) throws IOException {
		Files.write(this.out.resolve(name), bytes);
		this.files++;
	}

	private static String text(JsonNode json, boolean pretty) {
		try {
			ObjectWriter writer = pretty ? SyntheaPopulation.JSON.writerWithDefaultPrettyPrinter()
					: SyntheaPopulation.JSON.writer();
			return writer.writeValueAsString(json) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] ndjson(List<ObjectNode> resources) {
		StringBuilder lines = new StringBuilder();
		for (ObjectNode resource : resources) {
			lines.append(text(resource, false));
		}
		return lines.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] withMark(String text) {
		byte[] json = text.getBytes(StandardCharsets.UTF_8);
		byte[] marked = new byte[json.length + 3];
		marked[0] = (byte) 0xEF;
		marked[1] = (byte) 0xBB;
		marked[2] = (byte) 0xBF;
		System.arraycopy(json, 0, marked, 3, json.length);
		return marked;
	}

	private static byte[] escapedNonAscii(JsonNode json) {
		try {
			return SyntheaPopulation.JSON.writer()
				.with(JsonGenerator.Feature.ESCAPE_NON_ASCII)
				.writeValueAsString(json)
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The same object with its keys in another order, {@code resourceType} last. */
	private ObjectNode shuffleKeys(ObjectNode node, boolean resourceTypeLast) {
		List<String> keys = new ArrayList<>();
		node.fieldNames().forEachRemaining(keys::add);
		Collections.shuffle(keys, this.random);
		if (resourceTypeLast && keys.remove("resourceType")) {
			keys.add("resourceType");
		}
		ObjectNode shuffled = NODES.objectNode();
		for (String key : keys) {
			JsonNode value = node.get(key);
			shuffled.set(key, value.isObject() ? shuffleKeys((ObjectNode) value, resourceTypeLast) : value);
		}
		return shuffled;
	}

	// ---------------------------------------------------------------- JSON helpers

	private static ObjectNode obj(Object... keysAndValues) {
		ObjectNode node = NODES.objectNode();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			Object value = keysAndValues[i + 1];
			if (value != null) {
				node.set((String) keysAndValues[i], node(value));
			}
		}
		return node;
	}

	private static ArrayNode arr(Object... values) {
		ArrayNode node = NODES.arrayNode();
		for (Object value : values) {
			node.add(node(value));
		}
		return node;
	}

	private static JsonNode node(Object value) {
		if (value instanceof JsonNode json) {
			return json;
		}
		if (value instanceof String text) {
			return NODES.textNode(text);
		}
		if (value instanceof Boolean bool) {
			return NODES.booleanNode(bool);
		}
		if (value instanceof Integer number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Long number) {
			return NODES.numberNode(number);
		}
		if (value instanceof BigDecimal number) {
			return NODES.numberNode(number);
		}
		throw new IllegalArgumentException("Not a JSON value: " + value);
	}

	private static BigDecimal dec(String value) {
		return new BigDecimal(value);
	}

	private static ObjectNode ref(String reference) {
		return obj("reference", reference);
	}

	private static ObjectNode coding(String system, String code, String display) {
		return obj("system", system, "code", code, "display", display);
	}

	private static ObjectNode concept(String system, String code, String display) {
		return obj("coding", arr(coding(system, code, display)));
	}

	private static ObjectNode ucum(String value, String unit) {
		return obj("value", dec(value), "unit", unit, "system", "http://unitsofmeasure.org", "code", unit);
	}

	private static ObjectNode quantity(String value, String unit, String code) {
		return obj("value", dec(value), "unit", unit, "system", "http://unitsofmeasure.org", "code", code);
	}

	private static ObjectNode money(String value) {
		return obj("value", dec(value), "currency", "USD");
	}

	/** Used by the tests: every file of the corpus, sorted. */
	public static List<Path> files() {
		try (Stream<Path> list = Files.list(DIRECTORY)) {
			return list.filter(f -> !f.getFileName().toString().equals(REFUSALS)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The refusals expected: file name and what the reason must say. */
	public static Map<String, String> expectedRefusals() {
		Map<String, String> expected = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(DIRECTORY.resolve(REFUSALS))) {
				if (!line.startsWith("#") && line.contains("\t")) {
					expected.put(line.substring(0, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return expected;
	}

}
