package org.northstar.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.northstar.clinical.SourceResource.Outcome;
import org.northstar.support.NorthstarTest;
import org.northstar.support.SyntheaPopulation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class FhirImportTests extends NorthstarTest {

	private static final ObjectMapper JSON = SyntheaPopulation.JSON;

	@Autowired
	FhirImport fhirImport;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importsTheSyntheaSampleWithEveryResourceTypeAndResolvedReferences() {
		List<Path> files = SyntheaPopulation.files(SyntheaPopulation.SAMPLE);
		Map<String, Integer> expected = SyntheaPopulation.countByType(files);

		ImportSummary summary = this.fhirImport.importFiles(List.of(SyntheaPopulation.SAMPLE), "sample", 2,
				ImportListener.NONE);

		assertThat(summary.failures()).isEmpty();
		assertThat(summary.imported()).isEqualTo(files.size());
		assertThat(summary.resourcesByType()).containsExactlyInAnyOrderEntriesOf(longs(expected));
		assertThat(storedByType("sample")).containsExactlyInAnyOrderEntriesOf(longs(expected));
		assertThat(count("select count(*) from patient where source = 'sample'")).isEqualTo(expected.get("Patient"));
		assertThat(count("""
				select count(*) from encounter e join source_resource r on r.id = e.id where r.source = 'sample'
				""")).isEqualTo(expected.get("Encounter"));
		// Synthea refers to practitioners and hospitals conditionally, by identifier: all
		// resolved.
		assertThat(count("""
				select count(*) from encounter e join source_resource r on r.id = e.id
				join source_resource p on p.id = e.practitioner_id and p.resource_type = 'Practitioner'
				join source_resource o on o.id = e.organization_id and o.resource_type = 'Organization'
				where r.source = 'sample'
				""")).isEqualTo(expected.get("Encounter"));
		// urn:uuid: references to the patient resolved: every observation belongs to a
		// stored patient.
		assertThat(count("""
				select count(*) from observation o join patient p on p.id = o.patient_id where p.source = 'sample'
				""")).isEqualTo(expected.get("Observation"));
		assertThat(count("""
				select count(*) from patient_identifier i join patient p on p.id = i.patient_id
				where p.source = 'sample' and i.type_code = 'MR'
				""")).isEqualTo(expected.get("Patient"));
	}

	@Test
	void keepsEachResourceExactlyAsReceivedWithItsSourceAndTime() throws IOException {
		Path file = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).get(0);
		JsonNode patient = SyntheaPopulation.read(file).path("entry").path(0).path("resource");
		importOrFail("as-received", SyntheaPopulation.SAMPLE);

		String stored = this.jdbc.sql("""
				select content::text from source_resource
				where source = 'as-received' and resource_type = 'Patient' and source_id = ?
				""").param(patient.path("id").asText()).query(String.class).single();
		assertThat(JSON.readTree(stored)).isEqualTo(patient);
		assertThat(count("""
				select count(*) from source_resource
				where source = 'as-received' and received_at is not null and received_via like '%.json'
				""")).isEqualTo(SyntheaPopulation
			.total(SyntheaPopulation.countByType(SyntheaPopulation.files(SyntheaPopulation.SAMPLE))));
	}

	@Test
	void importingTheSameFilesAgainChangesNothing(@TempDir Path reformatted) throws IOException {
		importOrFail("again", SyntheaPopulation.SAMPLE);
		Map<String, Long> before = storedByType("again");
		String receivedBefore = receivedAtDigest("again");

		ImportSummary sameFiles = importOrFail("again", SyntheaPopulation.SAMPLE);
		assertThat(sameFiles.skipped()).isEqualTo(SyntheaPopulation.files(SyntheaPopulation.SAMPLE).size());
		assertThat(sameFiles.imported()).isZero();

		// The same content in different bytes is read, and every resource found
		// unchanged.
		for (Path file : SyntheaPopulation.files(SyntheaPopulation.SAMPLE)) {
			JSON.writerWithDefaultPrettyPrinter()
				.writeValue(reformatted.resolve(file.getFileName()).toFile(), SyntheaPopulation.read(file));
		}
		ImportSummary sameContent = importOrFail("again", reformatted);
		assertThat(sameContent.outcomes()).containsOnlyKeys(Outcome.UNCHANGED);

		assertThat(storedByType("again")).isEqualTo(before);
		assertThat(receivedAtDigest("again")).isEqualTo(receivedBefore);
	}

	@Test
	void aChangedResourceReplacesItsPreviousVersion(@TempDir Path dir) throws IOException {
		Path original = SyntheaPopulation.patientFiles(SyntheaPopulation.SAMPLE).get(0);
		ObjectNode bundle = (ObjectNode) SyntheaPopulation.read(original);
		Files.copy(original, dir.resolve("v1.json"));
		importOrFail("changes", SyntheaPopulation.sharedFiles(SyntheaPopulation.SAMPLE).toArray(Path[]::new));
		importOrFail("changes", dir.resolve("v1.json"));

		ObjectNode patient = (ObjectNode) bundle.path("entry").path(0).path("resource");
		((ObjectNode) patient.path("name").path(0)).put("family", "Changedname");
		JSON.writeValue(dir.resolve("v2.json").toFile(), bundle);
		Files.delete(dir.resolve("v1.json"));
		ImportSummary summary = importOrFail("changes", dir.resolve("v2.json"));

		assertThat(summary.outcomes()).containsEntry(Outcome.UPDATED, 1L);
		assertThat(
				this.jdbc.sql("select family_name from patient where source = 'changes'").query(String.class).single())
			.isEqualTo("Changedname");
		assertThat(count("select count(*) from source_resource where source = 'changes' and resource_type = 'Patient'"))
			.isEqualTo(1);
	}

	@Test
	void refusesBadFilesNamingEntryAndReasonAndImportsTheRest(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("good.json"),
				bundle(patient("good-1"), observation("obs-1", "urn:uuid:good-1", "2024-03-01T10:00:00Z")));
		Files.writeString(dir.resolve("syntax.json"),
				"{\"resourceType\":\"Bundle\",\"entry\":[{\"fullUrl\":\"urn:uuid:s\",\n\"resource\":{\"resourceType\":\"Patient\",}}]}");
		Files.writeString(dir.resolve("dangling.json"),
				bundle(patient("dangling-1"), observation("obs-2", "urn:uuid:nobody", "2024-03-01T10:00:00Z")));
		Files.writeString(dir.resolve("baddate.json"),
				bundle(patient("baddate-1"), observation("obs-3", "urn:uuid:baddate-1", "2024-13-45")));
		Files.writeString(dir.resolve("unknown.json"), bundle(patient("unknown-1"),
				"{\"fullUrl\":\"urn:uuid:x\",\"resource\":{\"resourceType\":\"Spaceship\",\"id\":\"x\"}}"));
		Files.writeString(dir.resolve("notfhir.json"), "[1, 2, 3]");

		ImportSummary summary = this.fhirImport.importFiles(List.of(dir), "bad", 1, ImportListener.NONE);

		assertThat(summary.imported()).isEqualTo(1);
		assertThat(summary.failures()).extracting(BundleRejectedException::getMessage)
			.containsExactlyInAnyOrder(dir.resolve("syntax.json")
					+ ": entry 0 (urn:uuid:s): invalid JSON at line 2, column 38: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
					dir.resolve("dangling.json")
							+ ": entry 1 (urn:uuid:obs-2): subject refers to urn:uuid:nobody, which is not in this bundle",
					dir.resolve("baddate.json")
							+ ": entry 1 (urn:uuid:obs-3): Observation.effectiveDateTime '2024-13-45' is not valid:"
							+ " Invalid date/time format: \"2024-13-45\"",
					dir.resolve("unknown.json") + ": entry 1 (urn:uuid:x): 'Spaceship' is not an R4 resource type",
					dir.resolve("notfhir.json")
							+ ": expected a FHIR resource or Bundle (a JSON object) at line 1, column 2 but found START_ARRAY");
		// All-or-nothing: the valid patient before each bad entry was not kept either.
		assertThat(count("select count(*) from source_resource where source = 'bad'")).isEqualTo(2);
		assertThat(this.jdbc.sql("select source_id from patient where source = 'bad'").query(String.class).list())
			.containsExactly("good-1");
		assertThat(this.fhirImport.openFailures()).extracting(ImportFailure::path)
			.contains(dir.resolve("syntax.json").toString(), dir.resolve("dangling.json").toString());

		// Fixing the file and importing it again closes its failure.
		Files.writeString(dir.resolve("dangling.json"),
				bundle(patient("dangling-1"), observation("obs-2", "urn:uuid:dangling-1", "2024-03-01T10:00:00Z")));
		assertThat(importOrFail("bad", dir.resolve("dangling.json")).imported()).isEqualTo(1);
		assertThat(this.fhirImport.openFailures()).extracting(ImportFailure::path)
			.doesNotContain(dir.resolve("dangling.json").toString());
	}

	@Test
	void importsNdjsonAndGzippedBundles(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("patients.ndjson"),
				"{\"resourceType\":\"Patient\",\"id\":\"nd-1\",\"gender\":\"female\"}\n"
						+ "{\"resourceType\":\"Observation\",\"id\":\"nd-obs\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/nd-1\"},"
						+ "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":72,\"unit\":\"/min\"}}\n");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("bundle.json.gz")))) {
			out.write(bundle(patient("gz-1")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

		ImportSummary summary = importOrFail("formats", dir);

		assertThat(summary.resourcesByType()).containsEntry("Patient", 2L).containsEntry("Observation", 1L);
		assertThat(this.jdbc.sql("""
				select o.value_number from observation o join patient p on p.id = o.patient_id
				where p.source = 'formats' and p.source_id = 'nd-1'
				""").query(java.math.BigDecimal.class).single()).isEqualByComparingTo("72");
	}

	@Test
	void keepsDecimalsWithTheirPrecisionAsWritten(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("decimals.json"), bundle(patient("dec-1"), """
				{"fullUrl":"urn:uuid:dec-obs","resource":{"resourceType":"Observation","id":"dec-obs","status":"final",
				 "code":{"text":"creatinine"},"subject":{"reference":"urn:uuid:dec-1"},
				 "valueQuantity":{"value":0.40,"unit":"mg/dL"},
				 "component":[{"code":{"text":"a"},"valueQuantity":{"value":20.00}},
				              {"code":{"text":"b"},"valueQuantity":{"value":1234567890123456789.0123456789}}]}}
				"""));

		importOrFail("decimals", dir);

		String stored = this.jdbc
			.sql("select content::text from source_resource where source = 'decimals' and source_id = 'dec-obs'")
			.query(String.class)
			.single();
		assertThat(stored).contains("0.40", "20.00", "1234567890123456789.0123456789");
		assertThat(this.jdbc.sql("""
				select o.value_number::text from observation o join source_resource r on r.id = o.id
				where r.source = 'decimals'
				""").query(String.class).single()).isEqualTo("0.40");
	}

	@Test
	void readsTopLevelKeysInWhateverOrderTheyCome(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("patient.json"),
				"{\"resourceType\":\"Patient\",\"id\":\"order-1\",\"gender\":\"male\"}");
		// A List has entries too; they are not a Bundle's.
		Files.writeString(dir.resolve("list.json"), """
				{"entry":[{"item":{"reference":"Patient/order-1"}}],"resourceType":"List","id":"order-list",
				 "status":"current","mode":"working","subject":{"reference":"Patient/order-1"}}
				""");
		Files.writeString(dir.resolve("type-first.json"), """
				{"type":[{"text":"check-up"}],"resourceType":"Encounter","id":"order-enc","status":"finished",
				 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
				 "subject":{"reference":"Patient/order-1"}}
				""");
		Files.writeString(dir.resolve("type-before-id.json"),
				"""
						{"resourceType":"Coverage","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode",
						 "code":"EHCPOL"}],"text":"health policy"},"id":"order-cov","status":"active",
						 "beneficiary":{"reference":"Patient/order-1"},"payor":[{"display":"A payer"}]}
						""");
		Files.writeString(dir.resolve("entries-first.json"), """
				{"entry":[{"fullUrl":"urn:uuid:order-2","resource":{"resourceType":"Patient","id":"order-2"}}],
				 "type":"collection","resourceType":"Bundle"}
				""");

		ImportSummary summary = importOrFail("key-order", dir);

		assertThat(summary.imported()).isEqualTo(5);
		assertThat(this.jdbc
			.sql("select resource_type || '/' || source_id from source_resource where source = 'key-order'")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("Patient/order-1", "List/order-list", "Encounter/order-enc",
					"Coverage/order-cov", "Patient/order-2");
	}

	@Test
	void refusesWhatIsNotValidR4NamingTheEntryAndTheElement(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("code.json"), bundle(patient("valid-1"), patientWith("valid-2",
				"\"telecom\":[{\"system\":\"phone\",\"value\":\"555-0100\",\"use\":\"HOME\"}]")));
		Files.writeString(dir.resolve("element.json"), bundle(patientWith("valid-3", "\"nickname\":\"Bo\"")));
		Files.writeString(dir.resolve("type.json"),
				bundle(patientWith("valid-4", "\"name\":[{\"family\":\"Test\",\"given\":[\"Pat\",7]}]")));
		Files.writeString(dir.resolve("empty.json"),
				bundle(patientWith("valid-5", "\"name\":[{\"family\":\"\",\"given\":[\"Pat\"]}]")));
		Files.writeString(dir.resolve("date.json"),
				bundle(patientWith("valid-6", "\"deceasedDateTime\":\"2024-02-30\"")));

		ImportSummary summary = this.fhirImport.importFiles(List.of(dir), "invalid", 1, ImportListener.NONE);

		assertThat(summary.imported()).isZero();
		assertThat(summary.failures()).extracting(BundleRejectedException::getMessage)
			.containsExactlyInAnyOrder(
					dir.resolve("code.json")
							+ ": entry 1 (urn:uuid:valid-2): Patient.telecom[0].use 'HOME' is not valid:"
							+ " Unknown ContactPointUse code 'HOME'",
					dir.resolve("element.json")
							+ ": entry 0 (urn:uuid:valid-3): Patient.nickname is not an element R4 defines here",
					dir.resolve("type.json")
							+ ": entry 0 (urn:uuid:valid-4): Patient.name[0].given[1] should be a string but is a number",
					dir.resolve("empty.json")
							+ ": entry 0 (urn:uuid:valid-5): Patient.name[0].family is an empty string:"
							+ " FHIR strings have at least one character",
					dir.resolve("date.json")
							+ ": entry 0 (urn:uuid:valid-6): Patient.deceasedDateTime '2024-02-30' is not"
							+ " valid: Invalid date/time format: \"2024-02-30\"");
		assertThat(
				this.jdbc.sql("select resource_type || '/' || source_id from source_resource where source = 'invalid'")
					.query(String.class)
					.list())
			.isEmpty();
	}

	@Test
	void updatesTheResourceAConditionalUpdateMatchesInsteadOfAddingOne() {
		String first = conditionalPut("urn:uuid:" + java.util.UUID.randomUUID(), "Before");
		String second = conditionalPut("urn:uuid:" + java.util.UUID.randomUUID(), "After");

		BundleOutcome created = this.fhirImport.importBundle(first.getBytes(StandardCharsets.UTF_8), "conditional",
				"test");
		BundleOutcome updated = this.fhirImport.importBundle(second.getBytes(StandardCharsets.UTF_8), "conditional",
				"test");

		assertThat(created.entries()).extracting(BundleOutcome.Entry::outcome).containsExactly(Outcome.CREATED);
		assertThat(updated.entries()).extracting(BundleOutcome.Entry::outcome).containsExactly(Outcome.UPDATED);
		assertThat(updated.entries().get(0).id()).isEqualTo(created.entries().get(0).id());
		assertThat(this.jdbc.sql("select family_name from patient where source = 'conditional'")
			.query(String.class)
			.list()).containsExactly("After");
	}

	@Test
	void createsConditionallyOnlyWhenNothingMatchesAndPointsReferencesAtWhatExists() {
		String organization = """
				{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Organization","identifier":[
				  {"system":"urn:test:org","value":"O-1"}],"name":"General Hospital"},
				 "request":{"method":"POST","url":"Organization","ifNoneExist":"identifier=urn:test:org|O-1"}}""";
		String encounter = """
				{"fullUrl":"urn:uuid:enc-%s","resource":{"resourceType":"Encounter","id":"enc-%s","status":"finished",
				 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
				 "subject":{"reference":"Patient/cond-pat"},"serviceProvider":{"reference":"urn:uuid:%s"}},
				 "request":{"method":"POST","url":"Encounter"}}""";
		BundleOutcome first = this.fhirImport
			.importBundle(bundle(organization.formatted("org-a"), encounter.formatted(1, 1, "org-a"))
				.getBytes(StandardCharsets.UTF_8), "if-none-exist", "test");
		BundleOutcome second = this.fhirImport
			.importBundle(bundle(organization.formatted("org-b"), encounter.formatted(2, 2, "org-b"))
				.getBytes(StandardCharsets.UTF_8), "if-none-exist", "test");

		java.util.UUID hospital = first.entries().get(0).id();
		assertThat(first.entries().get(0).outcome()).isEqualTo(Outcome.CREATED);
		assertThat(second.entries().get(0))
			.isEqualTo(BundleOutcome.Entry.stored("Organization", hospital, Outcome.UNCHANGED));
		assertThat(count(
				"select count(*) from source_resource where source = 'if-none-exist' and resource_type = 'Organization'"))
			.isEqualTo(1);
		assertThat(this.jdbc
			.sql("select organization_id from encounter e join source_resource r on r.id = e.id"
					+ " where r.source = 'if-none-exist'")
			.query(java.util.UUID.class)
			.list()).containsExactly(hospital, hospital);
	}

	@Test
	void refusesEntriesItCannotHonourInsteadOfStoringThemAsSomethingElse() {
		String jsonPatch = """
				{"resource":{"resourceType":"Binary","contentType":"application/json-patch+json",
				 "data":"W3sib3AiOiJyZXBsYWNlIiwicGF0aCI6Ii9nZW5kZXIiLCJ2YWx1ZSI6Im1hbGUifV0="},
				 "request":{"method":"PATCH","url":"Patient/patch-1"}}""";
		String fhirPathPatch = """
				{"resource":{"resourceType":"Parameters","parameter":[{"name":"operation","part":[
				 {"name":"type","valueCode":"replace"},{"name":"path","valueString":"Patient.gender"},
				 {"name":"value","valueCode":"male"}]}]},"request":{"method":"PATCH","url":"Patient/patch-1"}}""";
		String delete = "{\"request\":{\"method\":\"DELETE\",\"url\":\"Patient/patch-1\"}}";

		assertThat(refusal(bundle(patient("patch-1"), jsonPatch))).isEqualTo("request: entry 1: is a PATCH of"
				+ " Patient/patch-1 (JSON Patch): Northstar does not patch what its sources sent; send the whole resource with PUT");
		assertThat(refusal(bundle(patient("patch-1"), fhirPathPatch)))
			.contains("entry 1: is a PATCH of Patient/patch-1 (FHIRPath Patch)");
		assertThat(refusal(bundle(patient("patch-1"), delete))).isEqualTo(
				"request: entry 1: is a DELETE of Patient/patch-1: Northstar keeps what its sources sent and takes no deletions");
		assertThat(count("select count(*) from source_resource where source = 'unhonoured'")).isZero();
	}

	@Test
	void importsFilesThatShareResourcesSideBySideEveryTime(@TempDir Path dir) throws IOException {
		// Each file shares practitioners with the next five, so files imported side by
		// side store the same new resources at the same moment.
		int files = 24;
		for (int f = 0; f < files; f++) {
			List<String> entries = new java.util.ArrayList<>();
			entries.add(patient("shared-" + f));
			for (int p = f * 10; p < f * 10 + 60; p++) {
				entries.add("{\"fullUrl\":\"urn:uuid:pr-" + p
						+ "\",\"resource\":{\"resourceType\":\"Practitioner\",\"id\":\"pr-" + p
						+ "\",\"name\":[{\"family\":\"Doctor" + p + "\"}]}}");
			}
			Files.writeString(dir.resolve("file-%02d.json".formatted(f)), bundle(entries.toArray(String[]::new)));
		}
		for (int round = 0; round < 3; round++) {
			ImportSummary summary = this.fhirImport.importFiles(List.of(dir), "side-by-side-" + round, 4,
					ImportListener.NONE);

			assertThat(summary.failures()).isEmpty();
			assertThat(count("select count(*) from source_resource where source = 'side-by-side-" + round
					+ "' and resource_type = 'Practitioner'"))
				.isEqualTo(files * 10 + 50);
		}
	}

	@Test
	void acceptsAFileThatStartsWithAByteOrderMark(@TempDir Path dir) throws IOException {
		byte[] json = bundle(patient("bom-1")).getBytes(StandardCharsets.UTF_8);
		byte[] withMark = new byte[json.length + 3];
		withMark[0] = (byte) 0xEF;
		withMark[1] = (byte) 0xBB;
		withMark[2] = (byte) 0xBF;
		System.arraycopy(json, 0, withMark, 3, json.length);
		Files.write(dir.resolve("bom.json"), withMark);

		assertThat(importOrFail("bom", dir).imported()).isEqualTo(1);
	}

	@Test
	void importsADirectoryNamedThroughASymbolicLink(@TempDir Path dir) throws IOException {
		Path files = Files.createDirectory(dir.resolve("files"));
		Files.writeString(files.resolve("linked.json"), bundle(patient("linked-1")));
		Path link = Files.createSymbolicLink(dir.resolve("link"), files);

		assertThat(importOrFail("linked", link).imported()).isEqualTo(1);
	}

	private String refusal(String bundle) {
		try {
			this.fhirImport.importBundle(bundle.getBytes(StandardCharsets.UTF_8), "unhonoured", "request");
		}
		catch (BundleRejectedException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("The bundle was not refused");
	}

	private static String conditionalPut(String fullUrl, String family) {
		return """
				{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"%s","resource":{
				 "resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"C-1"}],
				 "name":[{"family":"%s"}]},"request":{"method":"PUT","url":"Patient?identifier=urn:test:mrn%%7CC-1"}}]}
				""".formatted(fullUrl, family);
	}

	private ImportSummary importOrFail(String source, Path... paths) {
		ImportSummary summary = this.fhirImport.importFiles(List.of(paths), source, 2, ImportListener.NONE);
		assertThat(summary.failures()).isEmpty();
		return summary;
	}

	private Map<String, Long> storedByType(String source) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select resource_type, count(*) from source_resource where source = ? group by resource_type")
			.param(source)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	private String receivedAtDigest(String source) {
		return this.jdbc.sql(
				"select md5(string_agg(id::text || received_at::text, ',' order by id)) from source_resource where source = ?")
			.param(source)
			.query(String.class)
			.single();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private static Map<String, Long> longs(Map<String, Integer> counts) {
		Map<String, Long> result = new TreeMap<>();
		counts.forEach((k, v) -> result.put(k, (long) v));
		return result;
	}

	static String bundle(String... entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	static String patient(String id) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + id
				+ "\",\"name\":[{\"family\":\"Test\",\"given\":[\"Pat\"]}],\"gender\":\"female\",\"birthDate\":\"1950-04-02\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
	}

	static String patientWith(String id, String elements) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"" + id + "\","
				+ elements + "}}";
	}

	static String observation(String id, String subject, String effective) {
		return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\"" + id
				+ "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
				+ "\"subject\":{\"reference\":\"" + subject + "\"},\"effectiveDateTime\":\"" + effective
				+ "\",\"valueQuantity\":{\"value\":72,\"unit\":\"/min\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}";
	}

}
